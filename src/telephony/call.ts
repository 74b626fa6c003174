import {
  Invitation,
  Inviter,
  SessionState,
  type Info,
  type Referral,
  type Session,
  type Core,
  type URI,
} from 'sip.js';
import type { AudioSink } from './audio-output';
import type { CallMedia } from './call-media';
import { exhaustiveSwitchError } from '../lib/exhaustive-switch-error';
import { canCallTransition, isConnected, type CallEndReason, type CallStateName } from './call-state';
import { dtmfRelayBody, isDtmfTones, parseDtmfInfo, type DtmfMode } from './dtmf';
import { TelephonyException } from './telephony-exception';
import { TypedEmitter } from './typed-emitter';

/** Direction of a call as the agent sees it. */
export type CallDirection = 'outgoing' | 'incoming';

/**
 * Everything the screens need to show about a call, as an immutable value.
 *
 * @remarks
 * Stores keep snapshots, never the live {@link Call}: a snapshot is cheap to compare and
 * cannot be mutated behind React's back.
 */
export interface CallSnapshot {
  readonly id: string;
  /** SIP Call-ID: the key the CTI service files the call record under. */
  readonly sipCallId: string;
  readonly direction: CallDirection;
  readonly state: CallStateName;
  /** User part of the other party's URI: an extension or a phone number. */
  readonly remoteUser: string;
  readonly remoteDisplayName: string | undefined;
  readonly remoteUri: string;
  /** The other side put us on hold (its offer was `sendonly` or `inactive`). */
  readonly remoteHold: boolean;
  readonly muted: boolean;
  /** A hold or resume re-INVITE is in flight. */
  readonly holdPending: boolean;
  /** The far end sent 183 with SDP: its ringback or announcement is playing. */
  readonly earlyMedia: boolean;
  /** A blind transfer (REFER) is waiting for the other side's answer. */
  readonly transferPending: boolean;
  readonly createdAt: number;
  readonly connectedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly endReason: CallEndReason | undefined;
}

/** Events of one call. */
export interface CallEvents {
  /** Any change of the snapshot. */
  change: (snapshot: CallSnapshot) => void;
  /** A DTMF tone received by SIP INFO (RFC 4733 tones are not visible to browsers). */
  dtmf: (tone: string) => void;
  /** A hold/resume request the other side refused; the state is unchanged. */
  'hold-failed': (status: number | undefined) => void;
  /** How a blind transfer we asked for turned out; after `accepted` the call hangs up by itself. */
  transfer: (outcome: TransferOutcome) => void;
  /** The other side asked us (REFER) to call someone else instead; the phone follows it. */
  referred: (referral: Referral) => void;
  /** Emitted once, after the final `change`. */
  ended: (reason: CallEndReason) => void;
}

/**
 * The answer to a blind transfer (REFER, RFC 3515).
 * @remarks `accepted` is the 202: the other side will call the target itself. `failed` carries
 * the refusal's status (e.g. 403, 405, 501), or none when the REFER could not be sent.
 */
export type TransferOutcome =
  | { readonly kind: 'accepted'; readonly target: string }
  | { readonly kind: 'failed'; readonly target: string; readonly status: number | undefined };

/** Per-call settings handed down by the phone. */
export interface CallSettings {
  readonly dtmfMode: DtmfMode;
  readonly dtmfDurationMs: number;
  readonly dtmfInterToneGapMs: number;
  readonly now: () => number;
}

let nextId = 1;

/** A hold or resume is tried at most this many times when the other side says "try later". */
const maxHoldAttempts = 3;

/** How long to wait before retrying a refused re-INVITE, or undefined when retrying is pointless. */
function retryDelayMs(status: number | undefined, retryAfter: string | undefined): number | undefined {
  if (status === 491) return 2100 + Math.random() * 1900;
  if (status === 500 && retryAfter !== undefined) {
    const seconds = Number.parseInt(retryAfter, 10);
    return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), 5) * 1000 + Math.random() * 500 : undefined;
  }
  return undefined;
}

/**
 * One call: an outgoing INVITE (SIP.js {@link Inviter}) or an incoming one ({@link Invitation}).
 *
 * @remarks
 * Commands return when the request is *sent*; the outcome arrives as a `change` event once
 * the SIP response does. The call owns its remote audio sink and releases it, and every SIP.js
 * listener it added, when it ends.
 */
export class Call extends TypedEmitter<CallEvents> {
  readonly id = `call-${nextId++}`;
  readonly direction: CallDirection;
  private snapshotValue: CallSnapshot;
  private pendingEndReason: CallEndReason | undefined;
  private readonly disposeSessionListener: () => void;
  private holdRetryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly session: Inviter | Invitation,
    private readonly audioSink: AudioSink,
    private readonly settings: CallSettings,
  ) {
    super();
    this.direction = session instanceof Inviter ? 'outgoing' : 'incoming';
    const remote = session instanceof Invitation ? session.remoteIdentity : undefined;
    const remoteUri = remote?.uri ?? session.remoteIdentity.uri;
    this.snapshotValue = {
      id: this.id,
      sipCallId: session.request.callId,
      direction: this.direction,
      state: this.direction === 'outgoing' ? 'dialing' : 'incoming',
      remoteUser: remoteUri.user ?? remoteUri.host,
      remoteDisplayName: remote?.displayName || undefined,
      remoteUri: remoteUri.toString(),
      remoteHold: false,
      muted: false,
      holdPending: false,
      earlyMedia: false,
      transferPending: false,
      createdAt: settings.now(),
      connectedAt: undefined,
      endedAt: undefined,
      endReason: undefined,
    };
    const onState = (state: SessionState): void => this.onSessionState(state);
    session.stateChange.addListener(onState);
    this.disposeSessionListener = () => session.stateChange.removeListener(onState);
    session.delegate = {
      onBye: () => {
        this.pendingEndReason ??= { kind: 'hangup', by: 'remote' };
      },
      onCancel: () => {
        this.pendingEndReason ??= { kind: 'cancelled', by: 'remote' };
      },
      onInfo: (info: Info) => this.onInfo(info),
      onInvite: (request, _response, statusCode) => this.onRemoteReinvite(request.body, statusCode),
      onRefer: (referral: Referral) => this.emit('referred', referral),
    };
  }

  /** The current snapshot. */
  get snapshot(): CallSnapshot {
    return this.snapshotValue;
  }

  /** Shorthand for `snapshot.state`. */
  get state(): CallStateName {
    return this.snapshotValue.state;
  }

  /** The SIP.js media handler once it exists (after the offer/answer started). */
  get media(): CallMedia | undefined {
    return this.session.sessionDescriptionHandler;
  }

  /**
   * Sends the INVITE of an outgoing call.
   * @remarks Resolves once the request is sent; ringing, answer or rejection arrive as events.
   */
  async dial(): Promise<void> {
    const inviter = this.session;
    if (!(inviter instanceof Inviter)) throw new Error('dial() on an incoming call');
    await inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => this.onProgress(response),
          onReject: (response) => {
            const { statusCode, reasonPhrase } = response.message;
            this.pendingEndReason ??= { kind: 'rejected', status: statusCode ?? 0, reason: reasonPhrase ?? '' };
          },
        },
      })
      .catch((error: unknown) => this.failBeforeConnect(error));
  }

  /**
   * Answers an incoming call: 200 OK with our SDP answer.
   * @remarks Needs the microphone; a refused permission ends the call with `failed`.
   */
  async accept(): Promise<void> {
    const invitation = this.requireIncoming('accept');
    this.transition('answering');
    await invitation.accept().catch((error: unknown) => this.failBeforeConnect(error));
  }

  /**
   * Refuses an incoming call.
   * @param status - 603 Decline (default) or 486 Busy Here, as the centre's policy wants.
   */
  async reject(status: 486 | 603 = 603): Promise<void> {
    const invitation = this.requireIncoming('reject');
    this.pendingEndReason = { kind: 'declined', status };
    await invitation.reject({ statusCode: status });
  }

  /**
   * Ends the call whatever its state: CANCEL while ringing out, 603 while ringing in, BYE once connected.
   */
  async hangup(): Promise<void> {
    const state = this.state;
    if (state === 'ended') return;
    if (state === 'incoming') return this.reject(603);
    if (this.session instanceof Inviter && (state === 'dialing' || state === 'ringing')) {
      this.pendingEndReason = { kind: 'cancelled', by: 'local' };
      await this.session.cancel();
      return;
    }
    this.pendingEndReason = { kind: 'hangup', by: 'local' };
    if (this.session.state === SessionState.Established) {
      await this.session.bye();
    } else if (this.session instanceof Invitation && this.session.state === SessionState.Establishing) {
      // Answer sent but ACK not yet received: a BYE is still the right way out (RFC 3261 §15).
      await this.session.bye().catch(() => this.session.dispose());
    } else {
      await this.session.dispose();
    }
  }

  /** Puts the call on hold (re-INVITE offering `inactive`). */
  hold(): Promise<void> {
    return this.setHold(true);
  }

  /**
   * Holds the call and resolves once the outcome is known: true when held (after any retry
   * the other side asked for), false when refused or the call ended meanwhile.
   */
  async holdAndWait(): Promise<boolean> {
    const unsubscribe: (() => void)[] = [];
    const outcome = new Promise<boolean>((resolve) => {
      unsubscribe.push(
        this.on('change', (snapshot) => {
          if (snapshot.state === 'held' || snapshot.state === 'ended') resolve(snapshot.state === 'held');
        }),
        this.on('hold-failed', () => resolve(false)),
      );
    });
    try {
      await this.hold();
      return await outcome;
    } finally {
      for (const off of unsubscribe) off();
    }
  }

  /** Resumes a held call (re-INVITE offering `sendrecv`). */
  resume(): Promise<void> {
    return this.setHold(false);
  }

  /** Stops or restarts sending the microphone; the other side hears silence. */
  setMuted(muted: boolean): void {
    if (!isConnected(this.state)) throw new TelephonyException('invalid-state', `cannot mute a call that is ${this.state}`);
    this.media?.enableSenderTracks?.(!muted);
    this.update({ muted });
  }

  /**
   * Sends DTMF tones to the other side (IVR navigation).
   * @remarks RFC 4733 through `RTCDTMFSender` by default; SIP INFO when the phone is set to it.
   */
  async sendDtmf(tones: string): Promise<void> {
    const upper = tones.toUpperCase();
    if (!isDtmfTones(upper)) throw new TelephonyException('invalid-dtmf', `not DTMF tones: ${tones}`);
    if (this.state !== 'active') throw new TelephonyException('invalid-state', `cannot send DTMF while ${this.state}`);
    const { dtmfMode, dtmfDurationMs, dtmfInterToneGapMs } = this.settings;
    if (dtmfMode === 'rfc4733') {
      const sent = this.media?.sendDtmf(upper, { duration: dtmfDurationMs, interToneGap: dtmfInterToneGapMs }) ?? false;
      if (!sent) throw new TelephonyException('dtmf-unavailable', 'the other side did not negotiate telephone-event');
      return;
    }
    for (const tone of upper) {
      await this.session.info({
        requestOptions: {
          body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: dtmfRelayBody(tone, dtmfDurationMs) },
        },
      });
    }
  }

  /**
   * Blind transfer: asks the other side (REFER) to call `target` instead, and hangs up once it agrees.
   * @param target - where to send the caller, already resolved to a SIP URI.
   * @remarks
   * Resolves when the REFER is sent; the 202 Accepted or the refusal arrives as a `transfer`
   * event. SIP.js does not end the transferor's dialog after a REFER, so the call sends its
   * own BYE once the transfer is accepted; a refused transfer leaves the call as it was.
   * @throws {@link TelephonyException} unless the call is connected, or while another transfer is pending.
   */
  async transfer(target: URI): Promise<void> {
    if (!isConnected(this.state)) throw new TelephonyException('invalid-state', `cannot transfer a call that is ${this.state}`);
    if (this.snapshotValue.transferPending) throw new TelephonyException('request-pending', 'a transfer is already in progress');
    const targetText = target.toString();
    this.update({ transferPending: true });
    const fail = (status: number | undefined): void => {
      this.update({ transferPending: false });
      this.emit('transfer', { kind: 'failed', target: targetText, status });
    };
    try {
      await this.session.refer(target, {
        requestDelegate: {
          onAccept: () => {
            this.update({ transferPending: false });
            this.emit('transfer', { kind: 'accepted', target: targetText });
            this.hangup().catch(() => undefined);
          },
          onReject: (response) => fail(response.message.statusCode),
        },
        // Progress NOTIFYs (RFC 3515 §2.4.4) may arrive before our BYE: acknowledge them.
        onNotify: (notification) => void notification.accept().catch(() => undefined),
      });
    } catch (error) {
      fail(undefined);
      throw error;
    }
  }

  /**
   * Sends another microphone on this call without renegotiating, keeping the mute state.
   * @param open - opens the new microphone stream; called only when the media layer can switch.
   */
  async replaceMicrophone(open: () => Promise<MediaStream>): Promise<void> {
    const media = this.media;
    if (!media?.replaceLocalMediaStream || !isConnected(this.state)) return;
    const stream = await open();
    await media.replaceLocalMediaStream(stream);
    media.enableSenderTracks?.(!this.snapshotValue.muted);
  }

  /** The microphone stream this call sends, once media exists. */
  get localMediaStream(): MediaStream | undefined {
    return this.media?.localMediaStream;
  }

  /** WebRTC statistics of the call's peer connection, or undefined before media exists (or without WebRTC). */
  getStats(): Promise<RTCStatsReport> | undefined {
    const peerConnection = this.media?.peerConnection;
    return typeof peerConnection?.getStats === 'function' ? peerConnection.getStats() : undefined;
  }

  /** Sends this call's audio to another output device (headset, speaker). */
  setOutputDevice(deviceId: string): Promise<void> {
    return this.audioSink.setOutputDevice(deviceId);
  }

  private async setHold(hold: boolean): Promise<void> {
    const expected: CallStateName = hold ? 'active' : 'held';
    if (this.state !== expected) throw new TelephonyException('invalid-state', `cannot ${hold ? 'hold' : 'resume'} a call that is ${this.state}`);
    if (this.snapshotValue.holdPending) throw new TelephonyException('request-pending', 'a hold or resume is already in progress');
    this.update({ holdPending: true });
    await this.sendHoldReinvite(hold, 1);
  }

  /**
   * Sends the hold or resume re-INVITE, retrying once when the other side asks us to.
   * @remarks 491 Request Pending means both sides re-INVITEd at once (RFC 3261 §14.1: retry
   * after 2.1–4 s); SIP.js answers 500 with Retry-After to a re-INVITE that arrives before the
   * ACK of the answer (the RFC 5407 race), which happens when an agent holds right after answering.
   */
  private async sendHoldReinvite(hold: boolean, attempt: number): Promise<void> {
    this.session.sessionDescriptionHandlerOptionsReInvite = { hold } as Session['sessionDescriptionHandlerOptionsReInvite'];
    const fail = (status: number | undefined): void => {
      this.update({ holdPending: false });
      this.emit('hold-failed', status);
    };
    try {
      await this.session.invite({
        requestDelegate: {
          onAccept: () => {
            this.update({ holdPending: false });
            if (this.state !== 'ended') this.transition(hold ? 'held' : 'active');
          },
          onReject: (response) => {
            const status = response.message.statusCode;
            const delay = retryDelayMs(status, response.message.getHeader('Retry-After'));
            if (delay === undefined || attempt >= maxHoldAttempts || this.state === 'ended') {
              fail(status);
              return;
            }
            this.holdRetryTimer = setTimeout(() => {
              this.holdRetryTimer = undefined;
              if (this.state === 'ended') return;
              this.sendHoldReinvite(hold, attempt + 1).catch(() => undefined);
            }, delay);
          },
        },
      });
    } catch (error) {
      fail(undefined);
      throw error;
    }
  }


  private onProgress(response: Core.IncomingResponse): void {
    const status = response.message.statusCode ?? 0;
    if (status === 100 || status >= 200) return;
    const earlyMedia = status === 183 && Boolean(response.message.body);
    if (this.state === 'dialing') this.transition('ringing');
    if (earlyMedia !== this.snapshotValue.earlyMedia) this.update({ earlyMedia });
  }

  private onInfo(info: Info): void {
    const request = info.request;
    const tone = parseDtmfInfo(request.getHeader('Content-Type'), request.body);
    void info.accept();
    if (tone) this.emit('dtmf', tone);
  }

  /** A re-INVITE from the other side: its offered direction tells whether it holds us. */
  private onRemoteReinvite(offer: string, statusCode: number): void {
    if (statusCode !== 200 || offer === '') return;
    const remoteHold = /\r?\na=(sendonly|inactive)\r?\n/.test(offer);
    if (remoteHold !== this.snapshotValue.remoteHold) this.update({ remoteHold });
  }

  private onSessionState(state: SessionState): void {
    switch (state) {
      case SessionState.Initial:
      case SessionState.Establishing:
      case SessionState.Terminating:
        return;
      case SessionState.Established:
        this.attachRemoteAudio();
        if (this.state !== 'active') this.transition('active');
        return;
      case SessionState.Terminated:
        // SIP.js moves the session to Terminated before it hands the final response (404, 486,
        // 603...) to our request delegate; read the reason once that delegate has run.
        queueMicrotask(() => this.end());
        return;
      default:
        exhaustiveSwitchError(state);
    }
  }

  private attachRemoteAudio(): void {
    const stream = this.media?.remoteMediaStream;
    if (stream) this.audioSink.attach(stream);
  }

  private failBeforeConnect(error: unknown): void {
    this.pendingEndReason ??= { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    if (this.session.state !== SessionState.Terminated) void this.session.dispose();
  }

  private end(): void {
    if (this.state === 'ended') return;
    const reason = this.pendingEndReason ?? this.defaultEndReason();
    clearTimeout(this.holdRetryTimer);
    this.holdRetryTimer = undefined;
    this.audioSink.detach();
    this.disposeSessionListener();
    this.transition('ended', { endedAt: this.settings.now(), endReason: reason, holdPending: false, transferPending: false });
    this.emit('ended', reason);
    this.removeAllListeners();
  }

  private defaultEndReason(): CallEndReason {
    if (isConnected(this.state)) return { kind: 'hangup', by: 'remote' };
    if (this.direction === 'incoming') return { kind: 'cancelled', by: 'remote' };
    return { kind: 'failed', message: 'the call ended before it was answered' };
  }

  private requireIncoming(command: string): Invitation {
    if (!(this.session instanceof Invitation) || this.state !== 'incoming') {
      throw new TelephonyException('invalid-state', `cannot ${command} a call that is ${this.state}`);
    }
    return this.session;
  }

  private transition(to: CallStateName, extra: Partial<CallSnapshot> = {}): void {
    const from = this.state;
    if (!canCallTransition(from, to)) throw new Error(`illegal call transition ${from} → ${to}`);
    const connectedAt = to === 'active' && this.snapshotValue.connectedAt === undefined ? this.settings.now() : this.snapshotValue.connectedAt;
    this.update({ ...extra, state: to, connectedAt });
  }

  private update(change: Partial<CallSnapshot>): void {
    this.snapshotValue = { ...this.snapshotValue, ...change };
    this.emit('change', this.snapshotValue);
  }
}
