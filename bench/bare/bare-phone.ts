import { Inviter, Registerer, SessionState, UserAgent, Web, type Invitation, type Session } from 'sip.js';

/**
 * The baseline of the call benchmark: SIP.js used directly, with the same media settings as
 * Tsunagu (no STUN, same ICE gathering timeout), so the difference measured is our code.
 */
interface BarePhone {
  register(server: string, domain: string, user: string, authorizationUser: string, password: string): Promise<void>;
  call(target: string): Promise<void>;
  answer(): Promise<void>;
  hangup(): Promise<void>;
  unregister(): Promise<void>;
  hasIncoming(): boolean;
  state(): string;
}

let userAgent: UserAgent | undefined;
let registerer: Registerer | undefined;
let incoming: Invitation | undefined;
let session: Session | undefined;
const audio = new Audio();
audio.autoplay = true;

function attach(current: Session): void {
  current.stateChange.addListener((state) => {
    if (state === SessionState.Established) {
      const handler = current.sessionDescriptionHandler as Web.SessionDescriptionHandler;
      audio.srcObject = handler.remoteMediaStream;
      performance.mark('bare:active');
    }
    if (state === SessionState.Terminated && session === current) session = undefined;
  });
}

const phone: BarePhone = {
  async register(server, domain, user, authorizationUser, password) {
    performance.mark('bare:register-start');
    const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
    if (!uri) throw new Error('bad uri');
    userAgent = new UserAgent({
      uri,
      authorizationUsername: authorizationUser,
      authorizationPassword: password,
      transportOptions: { server },
      logLevel: 'error',
      sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: 500, peerConnectionConfiguration: { iceServers: [] } },
      delegate: {
        onInvite: (invitation) => {
          incoming = invitation;
          attach(invitation);
        },
      },
    });
    await userAgent.start();
    const current = new Registerer(userAgent);
    registerer = current;
    await new Promise<void>((resolve, reject) => {
      void current.register({
        requestDelegate: {
          onAccept: () => {
            performance.mark('bare:registered');
            resolve();
          },
          onReject: (response) => reject(new Error(`REGISTER ${String(response.message.statusCode)}`)),
        },
      });
    });
  },
  async call(target) {
    if (!userAgent) throw new Error('not registered');
    const uri = UserAgent.makeURI(`sip:${target}@${userAgent.configuration.uri.host}`);
    if (!uri) throw new Error('bad target');
    const inviter = new Inviter(userAgent, uri, { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    session = inviter;
    attach(inviter);
    performance.mark('bare:dial');
    await inviter.invite({
      requestDelegate: {
        onProgress: (response) => {
          if (response.message.statusCode === 180 || response.message.statusCode === 183) performance.mark('bare:ringing');
        },
      },
    });
  },
  async answer() {
    const invitation = incoming;
    if (!invitation) throw new Error('no incoming call');
    session = invitation;
    incoming = undefined;
    performance.mark('bare:answer');
    await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
  },
  async hangup() {
    const current = session;
    if (current?.state === SessionState.Established) await current.bye();
  },
  async unregister() {
    await registerer?.unregister().catch(() => undefined);
    await userAgent?.stop();
    userAgent = undefined;
    registerer = undefined;
  },
  hasIncoming: () => incoming !== undefined,
  state: () => session?.state ?? 'none',
};

(window as unknown as { barePhone: BarePhone }).barePhone = phone;
