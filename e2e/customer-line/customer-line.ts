import { Inviter, SessionState, UserAgent, Web, type Session } from 'sip.js';

/**
 * A customer calling the centre from a phone number, for the end-to-end tests.
 *
 * @remarks
 * Until the gateway route of issue 5 exists, a customer is a SIP.js user agent that never
 * registers and presents its phone number in From under a domain that is not the agents'
 * (`pstn.invalid`): Kamailio lets such requests reach its own users without credentials, as
 * calls from outside. The agent's softphone, the CTI service and the screen pop therefore see
 * what they would see for a call from the phone network: a number, no extension.
 */
export interface CustomerLine {
  /** Calls `extension` at `domain` over the WebSocket `server` as `number`. */
  call(server: string, domain: string, number: string, extension: string): Promise<void>;
  hangUp(): Promise<void>;
  /** `none` before the first call, then SIP.js's session state (`Establishing`, `Established`, `Terminated`). */
  state(): string;
  /** The final SIP status when the call was refused (e.g. 480, 486), else `undefined`. */
  refusal(): number | undefined;
}

let userAgent: UserAgent | undefined;
let session: Session | undefined;
let refusedWith: number | undefined;
const output = document.getElementById('state');
/** Plays what the agent says: Chrome measures received audio levels only for media played out. */
const speaker = new Audio();
speaker.autoplay = true;

function show(state: string): void {
  if (output) output.textContent = state;
}

async function connect(server: string, number: string): Promise<UserAgent> {
  if (userAgent) return userAgent;
  const uri = UserAgent.makeURI(`sip:${number}@pstn.invalid`);
  if (!uri) throw new Error(`not a SIP user: ${number}`);
  const created = new UserAgent({
    uri,
    displayName: number,
    transportOptions: { server },
    logLevel: 'error',
    sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: 500, peerConnectionConfiguration: { iceServers: [] } },
  });
  await created.start();
  userAgent = created;
  return created;
}

const line: CustomerLine = {
  async call(server, domain, number, extension) {
    const agent = await connect(server, number);
    const target = UserAgent.makeURI(`sip:${extension}@${domain}`);
    if (!target) throw new Error(`not a SIP target: ${extension}@${domain}`);
    refusedWith = undefined;
    const inviter = new Inviter(agent, target, { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    session = inviter;
    inviter.stateChange.addListener((state) => {
      show(state);
      if (state === SessionState.Established) {
        speaker.srcObject = (inviter.sessionDescriptionHandler as Web.SessionDescriptionHandler).remoteMediaStream;
      }
    });
    await inviter.invite({
      requestDelegate: {
        onReject: (response) => {
          refusedWith = response.message.statusCode;
        },
      },
    });
  },
  async hangUp() {
    const current = session;
    if (!current) return;
    if (current.state === SessionState.Established) await current.bye();
    else if (current instanceof Inviter && current.state === SessionState.Establishing) await current.cancel();
  },
  state: () => session?.state ?? 'none',
  refusal: () => refusedWith,
};

(window as unknown as { customerLine: CustomerLine }).customerLine = line;
