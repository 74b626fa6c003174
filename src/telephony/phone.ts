import {
  Inviter,
  Registerer,
  SIPExtension,
  RegistererState,
  UserAgent,
  type Invitation,
  type LogLevel,
  type Referral,
  type URI,
  type UserAgentOptions,
  type Core,
} from 'sip.js';
import { HtmlAudioSink } from './audio-output';
import { Call, type CallSnapshot } from './call';
import { createSessionDescriptionHandlerFactory, openMicrophone, type CallMediaSettings } from './call-media';
import { isConnected, isLive } from './call-state';
import type { PhoneOptions } from './phone-options';
import { canTransition, type PhoneFailure, type PhoneState } from './phone-state';
import { defaultReconnectPolicy, reconnectDelay, type ReconnectPolicy } from './reconnect-policy';
import { toSipUri } from './sip-address';
import { TelephonyException } from './telephony-exception';
import { TypedEmitter } from './typed-emitter';

/** Events of the phone. */
export interface PhoneEvents {
  /** Registration state changed. */
  state: (state: PhoneState, previous: PhoneState) => void;
  /** A call was created, outgoing or incoming. */
  call: (call: Call) => void;
  /** An incoming call is ringing and waits for accept() or reject(). */
  incoming: (call: Call) => void;
  /** An incoming call was refused because the agent was busy and call waiting is off. */
  'busy-rejected': (from: string) => void;
  /**
   * A consultation ended without completing the transfer (cancelled, refused, or the target
   * hung up); `resumed` tells whether the customer's call was taken off hold again.
   */
  'consultation-ended': (customer: CallSnapshot, consultation: CallSnapshot, resumed: boolean) => void;
}

/**
 * The SIP status every incoming INVITE is refused with while the agent takes no calls:
 * 480 Temporarily Unavailable (not ready, offline) or 486 Busy Here (after-call work).
 */
export type IncomingRefusal = 480 | 486;

/** At most this many calls at once: one talking, one held or ringing. */
export const maxCalls = 2;

const defaultMedia: CallMediaSettings = { iceServers: [], iceGatheringTimeoutMs: 500 };

/**
 * The agent's SIP phone: one SIP.js user agent, its registration, and its calls.
 *
 * @remarks
 * Registration follows {@link PhoneState}; a lost WebSocket (network drop, Kamailio restart)
 * is re-opened with backoff and the phone registers again without a page reload. Calls in
 * progress are kept across a reconnect: their media does not go through the WebSocket.
 */
export class Phone extends TypedEmitter<PhoneEvents> {
  private stateValue: PhoneState = { name: 'idle' };
  private userAgent: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private readonly liveCalls = new Set<Call>();
  /** Attended transfers in progress: the customer's call → the consultation call. */
  private readonly consultations = new Map<Call, Call>();
  /** Customers' calls on their way to an unanswered consultation's target (semi-attended transfer). */
  private readonly handingOver = new Set<Call>();
  /** Removes the listeners that pair a consultation with its customer's call. */
  private readonly unlinkConsultation = new Map<Call, () => void>();
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectAttempt = 0;
  private stopping = false;
  private readonly policy: ReconnectPolicy;
  private readonly now: () => number;
  private audioInput: MediaTrackConstraints | boolean = true;
  private audioOutputDeviceId: string | undefined;
  private callWaiting: boolean;
  private incomingRefusal: IncomingRefusal | undefined;
  /** Digest credentials; replaced by {@link Phone.updateCredentials} when short-lived ones are renewed. */
  private authorization: { readonly user: string; readonly password: string };
  private readonly onlineListener = (): void => this.retryNow();

  constructor(private readonly options: PhoneOptions) {
    super();
    this.policy = { ...defaultReconnectPolicy, ...options.reconnect };
    this.now = options.now ?? Date.now;
    this.callWaiting = options.callWaiting ?? false;
    this.authorization = { user: options.authorizationUser ?? options.user, password: options.password };
  }

  /** Current registration state. */
  get state(): PhoneState {
    return this.stateValue;
  }

  /** Calls that have not ended, oldest first. */
  get calls(): readonly Call[] {
    return [...this.liveCalls];
  }

  /** The address of record this phone registers, e.g. `sip:1001@127.0.0.1`. */
  get aor(): string {
    return `sip:${this.options.user}@${this.options.domain}`;
  }

  /**
   * Connects the WebSocket and registers.
   * @remarks Resolves at once; progress arrives as `state` events. Calling it while already
   * started does nothing; after `failed` or `unregistered` it starts over.
   */
  start(): void {
    const name = this.stateValue.name;
    if (name !== 'idle' && name !== 'failed' && name !== 'unregistered') return;
    this.stopping = false;
    this.reconnectAttempt = 0;
    let userAgent: UserAgent;
    try {
      userAgent = this.userAgent ?? this.createUserAgent();
    } catch (error) {
      this.transition({ name: 'failed', failure: { kind: 'config', message: messageOf(error) } });
      return;
    }
    this.userAgent = userAgent;
    if (typeof window !== 'undefined') window.addEventListener('online', this.onlineListener);
    this.connect(() => userAgent.start());
  }

  /**
   * Hangs up every call, unregisters and closes the WebSocket (sign-out).
   * @remarks Resolves when the user agent has stopped; the state ends `unregistered`.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.clearReconnectTimer();
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onlineListener);
    await Promise.allSettled([...this.liveCalls].map((call) => call.hangup()));
    const registerer = this.registerer;
    if (registerer?.state === RegistererState.Registered && this.userAgent?.isConnected()) {
      await registerer.unregister().catch(() => undefined);
    }
    await registerer?.dispose().catch(() => undefined);
    this.registerer = undefined;
    await this.userAgent?.stop().catch(() => undefined);
    this.userAgent = undefined;
    this.transition({ name: 'unregistered' });
  }

  /** Checks the target, holds the call in progress and creates the outgoing call, not yet sent. */
  private async prepareCall(target: string): Promise<Call> {
    const userAgent = this.userAgent;
    if (!userAgent || this.stateValue.name !== 'registered') throw new TelephonyException('not-registered', 'the phone is not registered');
    const uri = toSipUri(target, this.options.domain);
    if (!uri) throw new TelephonyException('invalid-target', `not a number or SIP address: ${target}`);
    if (this.liveCalls.size >= maxCalls) throw new TelephonyException('too-many-calls', `at most ${maxCalls} calls at once`);
    await this.holdOthers(undefined);
    const inviter = new Inviter(userAgent, uri, {
      earlyMedia: true,
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    return this.adopt(new Call(inviter, this.createAudioSink(), this.callSettings()));
  }

  /**
   * Places a call.
   * @param target - an extension, a phone number (separators allowed) or a SIP URI.
   * @throws {@link TelephonyException} when not registered, the target is not dialable, or two calls are already up.
   * @remarks Other calls that are talking are put on hold first, as agents expect.
   */
  async dial(target: string): Promise<Call> {
    const call = await this.prepareCall(target);
    await call.dial();
    return call;
  }

  /**
   * Starts an attended transfer (相談転送): holds `call` (the customer) and calls `target` to
   * consult them first.
   * @param target - an extension, a queue number or an outside number, as for {@link Phone.dial}.
   * @returns the consultation call.
   * @remarks
   * Then {@link Phone.completeTransfer} hands the customer to the target, or
   * {@link Phone.cancelConsultation} hangs up the consultation. However the consultation ends
   * without a transfer (cancelled, refused with 486, the target hanging up), the customer's
   * call is resumed unless the agent is talking on another call, and `consultation-ended` says so.
   * @throws {@link TelephonyException} unless `call` is connected and has no consultation already,
   * or as {@link Phone.dial} does.
   */
  async consult(call: Call, target: string): Promise<Call> {
    if (!isConnected(call.state)) throw new TelephonyException('invalid-state', `cannot consult about a call that is ${call.state}`);
    if (this.consultations.has(call) || call.snapshot.consultation) throw new TelephonyException('request-pending', 'a consultation is already in progress');
    if (call.snapshot.transferPending) throw new TelephonyException('request-pending', 'a transfer is already in progress');
    const consultation = await this.prepareCall(target);
    this.consultations.set(call, consultation);
    call.setConsultation({ role: 'customer', consultationCallId: consultation.id, target: consultation.snapshot.remoteUser });
    consultation.setConsultation({ role: 'consultation', customerCallId: call.id });
    const unsubscribe = [
      consultation.on('ended', () => this.consultationEnded(call, consultation)),
      call.on('ended', () => this.consultationEnded(call, consultation)),
    ];
    this.unlinkConsultation.set(consultation, () => unsubscribe.forEach((off) => off()));
    await consultation.dial();
    return consultation;
  }

  /**
   * Completes the attended transfer of `call`: REFER with Replaces to the consultation's target.
   * @remarks
   * The outcome arrives as `call`'s `transfer` event; after `accepted` both calls end. While
   * the consultation is not answered yet (still ringing, or waiting in a queue) the transfer
   * is semi-attended: the consultation is cancelled first (so the target is free to ring),
   * then the customer is sent there blind (REFER to the number the agent dialled).
   * @throws {@link TelephonyException} when `call` has no consultation.
   */
  async completeTransfer(call: Call): Promise<void> {
    const consultation = this.consultations.get(call);
    if (!consultation) throw new TelephonyException('invalid-state', 'no consultation to complete');
    if (this.handingOver.has(call)) throw new TelephonyException('request-pending', 'a transfer is already in progress');
    if (!isConnected(consultation.state)) {
      await this.handOverUnanswered(call, consultation);
      return;
    }
    // Should the target hang up just as the transfer starts, a failed transfer leaves the
    // customer alone on hold: take them back.
    const unsubscribe = call.once('transfer', (outcome) => {
      if (outcome.kind === 'failed' && consultation.state === 'ended' && call.state === 'held' && !this.stopping) {
        call.resume().catch((error: unknown) => console.warn('[telephony] could not resume the customer after a failed transfer', error));
      }
    });
    try {
      await call.transferTo(consultation);
    } catch (error) {
      unsubscribe();
      throw error;
    }
  }

  /**
   * Semi-attended transfer: cancels the unanswered consultation, then blind-transfers the
   * customer to the number it dialled; a refused transfer takes the customer off hold again.
   */
  private async handOverUnanswered(call: Call, consultation: Call): Promise<void> {
    const target = UserAgent.makeURI(consultation.snapshot.remoteUri);
    if (!target) throw new Error(`consultation to an unparsable URI ${consultation.snapshot.remoteUri}`);
    this.handingOver.add(call);
    try {
      const ended = new Promise<void>((resolve) => {
        if (consultation.state === 'ended') resolve();
        else consultation.once('ended', () => resolve());
      });
      await consultation.hangup();
      await ended;
      if (call.state === 'ended') return;
      call.once('transfer', (outcome) => {
        if (outcome.kind === 'failed' && call.state === 'held' && !this.stopping) {
          call.resume().catch((error: unknown) => console.warn('[telephony] could not resume the customer after a failed transfer', error));
        }
      });
      await call.transfer(target);
    } finally {
      this.handingOver.delete(call);
    }
  }

  /**
   * Cancels the attended transfer of `call`: hangs up (or cancels) the consultation; the
   * customer's call is then resumed (see {@link Phone.consult}).
   * @throws {@link TelephonyException} when `call` has no consultation.
   */
  async cancelConsultation(call: Call): Promise<void> {
    const consultation = this.consultations.get(call);
    if (!consultation) throw new TelephonyException('invalid-state', 'no consultation to cancel');
    await consultation.hangup();
  }

  /**
   * Answers an incoming call, holding the call in progress first (call waiting).
   */
  async answer(call: Call): Promise<void> {
    await this.holdOthers(call);
    await call.accept();
  }

  /**
   * Makes `call` the one being talked on: holds the others, resumes it if it was held.
   */
  async switchTo(call: Call): Promise<void> {
    await this.holdOthers(call);
    if (call.state === 'held') await call.resume();
  }

  /**
   * Replaces the digest credentials used from the next authentication challenge on.
   * @param authorizationUser - the digest user name, e.g. `1767225600:1001` for credentials
   * issued by the CTI service (Kamailio's auth_ephemeral).
   * @remarks
   * Nothing is sent now: the registration stays as it is, and the next request the server
   * challenges (the REGISTER refresh, an INVITE) answers with these. SIP.js reads
   * `authorizationUsername`/`authorizationPassword` from the user agent's configuration each
   * time a request is challenged, so updating that object is enough. A refresh first repeats
   * the previous Authorization header; once the old credentials (or their nonce) are no longer
   * valid the registrar challenges again and the new ones are used. A user agent created later
   * (after stop() and start()) starts with them too.
   */
  updateCredentials(authorizationUser: string, password: string): void {
    this.authorization = { user: authorizationUser, password };
    const configuration = this.userAgent?.configuration;
    if (!configuration) return;
    configuration.authorizationUsername = authorizationUser;
    configuration.authorizationPassword = password;
  }

  /** Turns call waiting on or off for the next incoming calls. */
  setCallWaiting(enabled: boolean): void {
    this.callWaiting = enabled;
  }

  /**
   * Refuses every incoming INVITE with `status` from now on; `undefined` lets calls ring again.
   * @remarks The browser's backstop of the agent state: Kamailio asks the CTI service whether
   * the agent takes calls, and this covers the service being down or a state not yet stored.
   */
  refuseIncomingCalls(status: IncomingRefusal | undefined): void {
    this.incomingRefusal = status;
  }

  /**
   * Blind-transfers `call` to `target` (REFER); the outcome arrives as the call's `transfer` event.
   * @param target - an extension, a phone number or a SIP URI, as for {@link Phone.dial}.
   * @throws {@link TelephonyException} when the target is not dialable or the call cannot be transferred now.
   */
  async transfer(call: Call, target: string): Promise<void> {
    const uri = toSipUri(target, this.options.domain);
    if (!uri) throw new TelephonyException('invalid-target', `not a number or SIP address: ${target}`);
    await call.transfer(uri);
  }

  /**
   * Chooses the microphone for the next calls (`undefined`: the system default) and switches
   * the calls in progress to it (`replaceTrack`, no re-INVITE).
   * @remarks Resolves once every connected call sends the new microphone; rejects with the
   * browser's error when the device cannot be opened (the calls keep the old one).
   */
  async setAudioInput(deviceId: string | undefined): Promise<void> {
    // `ideal`, not `exact`: a headset pulled out between two device lists gives the default
    // microphone rather than a call that fails with OverconstrainedError.
    const constraints: MediaTrackConstraints | boolean = deviceId ? { deviceId: { ideal: deviceId } } : true;
    this.audioInput = constraints;
    const connected = [...this.liveCalls].filter((call) => isConnected(call.state));
    await Promise.all(connected.map((call) => call.replaceMicrophone(() => openMicrophone(constraints))));
  }

  /**
   * Chooses the speaker or headset for current and next calls (`undefined`: the system default).
   * @remarks `setSinkId('')` is the browser's way back to the default output.
   */
  async setAudioOutput(deviceId: string | undefined): Promise<void> {
    const previous = this.audioOutputDeviceId;
    this.audioOutputDeviceId = deviceId;
    if (deviceId === previous) return;
    await Promise.all([...this.liveCalls].map((call) => call.setOutputDevice(deviceId ?? '')));
  }

  /**
   * Holds every other call that is talking and waits until each is really held, so the agent
   * never has two calls sending audio at once.
   * @throws {@link TelephonyException} `hold-failed` when another call could not be held.
   */
  private async holdOthers(keep: Call | undefined): Promise<void> {
    for (const other of this.liveCalls) {
      if (other === keep || other.state !== 'active') continue;
      if (!(await other.holdAndWait())) throw new TelephonyException('hold-failed', 'the call in progress could not be put on hold');
    }
  }


  /**
   * Ends the pairing of a customer's call and its consultation, once: the consultation or the
   * customer's call ended. Unless the transfer went through, the customer is resumed when
   * still held and nothing else is talking.
   */
  private consultationEnded(call: Call, consultation: Call): void {
    if (this.consultations.get(call) !== consultation) return;
    this.consultations.delete(call);
    this.unlinkConsultation.get(consultation)?.();
    this.unlinkConsultation.delete(consultation);
    call.setConsultation(undefined);
    consultation.setConsultation(undefined);
    // A transfer in flight or done: the customer is not ours to resume.
    if (call.snapshot.transferred || call.snapshot.transferPending || this.handingOver.has(call) || call.state === 'ended') return;
    const talking = [...this.liveCalls].some((other) => other !== consultation && other.state === 'active');
    const resume = call.state === 'held' && !talking && !this.stopping;
    if (resume) call.resume().catch((error: unknown) => console.warn('[telephony] could not resume the customer after a consultation', error));
    this.emit('consultation-ended', call.snapshot, consultation.snapshot, resume);
  }

  private createUserAgent(): UserAgent {
    const uri = UserAgent.makeURI(this.aor);
    if (!uri) throw new Error(`invalid SIP address ${this.aor}`);
    if (!/^wss?:\/\/[^/]+/i.test(this.options.server)) throw new Error(`invalid WebSocket URL ${this.options.server}`);
    const options: UserAgentOptions = {
      uri,
      displayName: this.options.displayName ?? this.options.user,
      authorizationUsername: this.authorization.user,
      authorizationPassword: this.authorization.password,
      transportOptions: { server: this.options.server, connectionTimeout: 5 },
      sipExtensionReplaces: SIPExtension.Supported,
      noAnswerTimeout: this.options.noAnswerTimeoutSec ?? 60,
      userAgentString: 'Tsunagu/0.1 (SIP.js)',
      logBuiltinEnabled: false,
      logLevel: this.options.logLevel ?? 'warn',
      logConnector: (level: LogLevel, category: string, _label: string | undefined, content: string) => {
        if (level === 'error') console.error(`[${category}] ${content}`);
        else if (level === 'warn') console.warn(`[${category}] ${content}`);
      },
      sessionDescriptionHandlerFactory:
        this.options.sessionDescriptionHandlerFactory ??
        createSessionDescriptionHandlerFactory({ ...defaultMedia, ...this.options.media }, () => this.audioInput),
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onDisconnect: (error) => this.onDisconnect(error),
      },
    };
    if (this.options.transportConstructor) {
      // SIP.js types the constructor's options parameter as `any`; ours only narrows it.
      options.transportConstructor = this.options.transportConstructor as unknown as UserAgentOptions['transportConstructor'];
    }
    return new UserAgent(options);
  }

  private connect(open: () => Promise<void>): void {
    this.reconnectAttempt += 1;
    this.transition({ name: 'connecting', attempt: this.reconnectAttempt });
    open().then(
      () => {
        if (this.stopping) return;
        this.register();
      },
      (error: unknown) => {
        if (this.stopping) return;
        this.scheduleReconnect({ kind: 'transport', message: messageOf(error) });
      },
    );
  }

  private register(): void {
    const userAgent = this.userAgent;
    if (!userAgent) return;
    if (!this.registerer) {
      this.registerer = new Registerer(userAgent, { expires: this.options.registerExpiresSec ?? 600 });
      this.registerer.stateChange.addListener((state) => this.onRegistererState(state));
    }
    this.transition({ name: 'registering' });
    this.registerer
      .register({
        requestDelegate: {
          onAccept: () => {
            this.reconnectAttempt = 0;
            this.transition({ name: 'registered', since: this.now() });
          },
          onReject: (response: Core.IncomingResponse) => this.onRegisterRejected(response),
        },
      })
      .catch((error: unknown) => {
        if (this.stopping) return;
        this.scheduleReconnect({ kind: 'transport', message: messageOf(error) });
      });
  }

  private onRegisterRejected(response: Core.IncomingResponse): void {
    const status = response.message.statusCode ?? 0;
    const reason = response.message.reasonPhrase ?? '';
    if (status === 401 || status === 403 || status === 407) {
      this.transition({ name: 'failed', failure: { kind: 'auth', status } });
    } else if (status === 408 || status >= 500) {
      this.scheduleReconnect({ kind: 'registrar', status, reason });
    } else {
      this.transition({ name: 'failed', failure: { kind: 'registrar', status, reason } });
    }
  }

  private onRegistererState(state: RegistererState): void {
    // A refresh that failed while we believed we were registered: start over.
    if (state === RegistererState.Unregistered && this.stateValue.name === 'registered' && !this.stopping) {
      this.scheduleReconnect({ kind: 'registrar', status: 0, reason: 'registration lost' });
    }
  }

  private onDisconnect(error: Error | undefined): void {
    // While connecting, the failed connect() promise schedules the retry; here we handle only
    // a connection that was up and is lost.
    const name = this.stateValue.name;
    if (this.stopping || !error || (name !== 'registering' && name !== 'registered')) return;
    this.scheduleReconnect({ kind: 'transport', message: error.message || 'connection lost' });
  }

  private scheduleReconnect(cause: PhoneFailure): void {
    this.clearReconnectTimer();
    const delay = reconnectDelay(this.policy, this.reconnectAttempt);
    this.transition({ name: 'reconnecting', attempt: this.reconnectAttempt, retryAt: this.now() + delay, cause });
    this.reconnectTimer = setTimeout(() => this.reconnect(), delay);
  }

  private reconnect(): void {
    this.reconnectTimer = undefined;
    const userAgent = this.userAgent;
    if (!userAgent || this.stopping) return;
    this.connect(() => (userAgent.isConnected() ? Promise.resolve() : userAgent.reconnect()));
  }

  private retryNow(): void {
    if (this.stateValue.name !== 'reconnecting') return;
    this.clearReconnectTimer();
    this.reconnect();
  }

  private clearReconnectTimer(): void {
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  private onInvite(invitation: Invitation): void {
    if (invitation.replacee) {
      this.takeOver(invitation);
      return;
    }
    if (this.incomingRefusal !== undefined) {
      void invitation.reject({ statusCode: this.incomingRefusal });
      return;
    }
    const busy = this.liveCalls.size > 0;
    if (this.stopping || this.liveCalls.size >= maxCalls || (busy && !this.callWaiting)) {
      void invitation.reject({ statusCode: 486 });
      this.emit('busy-rejected', invitation.remoteIdentity.uri.toString());
      return;
    }
    const call = this.adopt(new Call(invitation, this.createAudioSink(), this.callSettings()));
    this.emit('incoming', call);
  }

  /**
   * An INVITE with Replaces (RFC 3891): a colleague completed an attended transfer, and the
   * customer's phone calls us to take the place of the consultation call we are on. It is
   * answered at once, without ringing and whatever the call-waiting or refusal settings (it
   * replaces a call rather than adding one); SIP.js then ends the replaced call with BYE.
   * @remarks SIP.js has already matched the dialog (481 when none matches); one that is not a
   * connected call of ours is refused with 481 too.
   */
  private takeOver(invitation: Invitation): void {
    const replaced = [...this.liveCalls].find((call) => call.session === invitation.replacee);
    if (!replaced || !isConnected(replaced.state) || this.stopping) {
      void invitation.reject({ statusCode: 481 });
      return;
    }
    replaced.markReplaced();
    const call = new Call(invitation, this.createAudioSink(), this.callSettings(), replaced.snapshot.sipCallId);
    // Accepting before the store sees the call keeps it from ever ringing.
    const answering = call.accept();
    this.adopt(call);
    answering.catch((error: unknown) => console.warn('[telephony] could not take over a transferred call', error));
  }

  /**
   * The other side of `call` transfers us (REFER): accept, and call the target as a new call
   * the agent sees; the transferor then ends the old call with BYE.
   */
  private followReferral(referral: Referral): void {
    if (!this.userAgent || this.stopping) {
      void referral.reject().catch(() => undefined);
      return;
    }
    referral
      .accept()
      .then(async () => {
        const inviter = referral.makeInviter({
          earlyMedia: true,
          sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
          ...this.referredParty(referral),
        });
        await this.adopt(new Call(inviter, this.createAudioSink(), this.callSettings())).dial();
      })
      .catch((error: unknown) => console.warn('[telephony] could not follow a transfer', error));
  }

  /**
   * Who the agent is sent to, for the To header of the call that follows a REFER.
   * @remarks An attended transfer's Refer-To is the target's contact (`sip:k3j2@x.invalid;
   * transport=ws;alias=…`, so that the INVITE with Replaces reaches that very phone) with the
   * target's name as display name (SIP.js writes its address of record, e.g. `1003@example`). The Request-URI
   * stays the contact; the To header names `1003` so the screens show the extension, not the
   * contact's random user.
   */
  private referredParty(referral: Referral): { params?: { toUri: URI } } {
    if (referral.replaces === undefined) return {};
    // SIP.js writes the target's display name, or else its address of record (`1003@example`).
    const name = referral.referTo.displayName.trim();
    const uri = /^[^@\s"<>]+@[^@\s"<>]+$/.test(name) ? UserAgent.makeURI(`sip:${name}`) : toSipUri(name, this.options.domain);
    return uri ? { params: { toUri: uri } } : {};
  }

  private adopt(call: Call): Call {
    this.liveCalls.add(call);
    call.on('referred', (referral) => this.followReferral(referral));
    call.on('change', (snapshot) => {
      if (!isLive(snapshot.state)) this.liveCalls.delete(call);
    });
    this.emit('call', call);
    return call;
  }

  private createAudioSink() {
    const sink = this.options.audioSinkFactory?.() ?? new HtmlAudioSink();
    if (this.audioOutputDeviceId) void sink.setOutputDevice(this.audioOutputDeviceId).catch(() => undefined);
    return sink;
  }

  private callSettings() {
    return { dtmfMode: this.options.dtmfMode ?? 'rfc4733', dtmfDurationMs: 100, dtmfInterToneGapMs: 70, now: this.now } as const;
  }

  private transition(next: PhoneState): void {
    const previous = this.stateValue;
    if (previous.name === next.name && next.name !== 'connecting' && next.name !== 'reconnecting') return;
    if (previous.name !== next.name && !canTransition(previous.name, next.name)) {
      throw new Error(`illegal phone transition ${previous.name} → ${next.name}`);
    }
    this.stateValue = next;
    this.emit('state', next, previous);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
