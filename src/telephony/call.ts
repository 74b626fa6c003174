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
import { queueHeaderName, readQueueNumber } from './queue-header';
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
  /** A transfer (REFER) is waiting for the other side's answer, or an attended one for its outcome. */
  readonly transferPending: boolean;
  /** This call's part in an attended transfer (相談転送) in progress, if any. */
  readonly consultation: ConsultationLink | undefined;
  /** Set once the call was handed to someone else (the transfer succeeded); the call then ends. */
  readonly transferred: CompletedTransfer | undefined;
  /**
   * The SIP Call-ID of the call this one replaced (an incoming INVITE with Replaces, RFC 3891):
   * a colleague completed an attended transfer to us and the customer arrived on this call.
   */
  readonly replacedSipCallId: string | undefined;
  /**
   * For an incoming call Kamailio routed through a queue, the queue's number (its
   * `X-Tsunagu-Queue` header, e.g. `2001`); `undefined` for other calls.
   */
  readonly queueNumber: string | undefined;
  readonly createdAt: number;
  readonly connectedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly endReason: CallEndReason | undefined;
}

/**
 * How a call takes part in an attended transfer (相談転送).
 * @remarks The customer's call (`customer`) is held while the agent talks to the target on the
 * `consultation` call; each side names the other by the phone's call id.
 */
export type ConsultationLink =
  | { readonly role: 'customer'; readonly consultationCallId: string; readonly target: string }
  | { readonly role: 'consultation'; readonly customerCallId: string };

/**
 * A transfer that went through.
 * @remarks `linkedSipCallId` is the Call-ID of the consultation call of an attended transfer:
 * the CTI service links the two legs' call records with it. A blind transfer cannot know the
 * Call-ID of the call the transferee places, so it has none.
 */
export interface CompletedTransfer {
  readonly mode: 'blind' | 'attended';
  /** Where the call went, as a SIP URI. */
  readonly target: string;
  readonly linkedSipCallId: string | undefined;
}

/** Events of one call. */
export interface CallEvents {
  /** Any change of the snapshot. */
  change: (snapshot: CallSnapshot) => void;
  /** A DTMF tone received by SIP INFO (RFC 4733 tones are not visible to browsers). */
  dtmf: (tone: string) => void;
  /** A hold/resume request the other side refused; the state is unchanged. */
  'hold-failed': (status: number | undefined) => void;
  /** How a transfer we asked for turned out; after `accepted` the call hangs up by itself. */
  transfer: (outcome: TransferOutcome) => void;
  /** The other side asked us (REFER) to call someone else instead; the phone follows it. */
  referred: (referral: Referral) => void;
  /** Emitted once, after the final `change`. */
  ended: (reason: CallEndReason) => void;
}

/**
 * The outcome of a transfer (REFER, RFC 3515).
 * @remarks A blind transfer is `accepted` on the 202: the other side will call the target
 * itself. An attended one is `accepted` once the transferee's INVITE with Replaces succeeded
 * (its NOTIFY says 200, or the target ended our consultation call by replacing it). `failed`
 * carries the refusal's status (e.g. 403, 405, 501, or the status of the transferee's INVITE
 * in the NOTIFY), or none when the REFER could not be sent or no outcome came in time.
 */
export type TransferOutcome =
  | { readonly kind: 'accepted'; readonly mode: 'blind' | 'attended'; readonly target: string }
  | { readonly kind: 'failed'; readonly mode: 'blind' | 'attended'; readonly target: string; readonly status: number | undefined };

/** Per-call settings handed down by the phone. */
export interface CallSettings {
  readonly dtmfMode: DtmfMode;
  readonly dtmfDurationMs: number;
  readonly dtmfInterToneGapMs: number;
  readonly now: () => number;
}

let nextId = 1;

/** How long an attended transfer waits, after the 202, for the transferee to reach the target. */
const attendedTransferTimeoutMs = 32_000;

/** How long the consultation call waits for the target to end it (Replaces) before we do. */
const replacedByeGraceMs = 5_000;

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

  private transferTimer: ReturnType<typeof setTimeout> | undefined;
  /** On a consultation call, the target while an attended transfer's REFER is accepted and its outcome awaited. */
  private replacementExpectedFrom: string | undefined;

  /**
   * @param replacedSipCallId - for an incoming INVITE with Replaces, the Call-ID of the call it replaces.
   */
  constructor(
    readonly session: Inviter | Invitation,
    private readonly audioSink: AudioSink,
    private readonly settings: CallSettings,
    replacedSipCallId?: string,
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
      consultation: undefined,
      transferred: undefined,
      replacedSipCallId,
      queueNumber: session instanceof Invitation ? readQueueNumber(session.request.getHeader(queueHeaderName)) : undefined,
      createdAt: settings.now(),
      connectedAt: undefined,
      endedAt: undefined,
      endReason: undefined,
    };
    const onState = (state: SessionState): void => this.onSessionState(state);
    session.stateChange.addListener(onState);
    this.disposeSessionListener = () => session.stateChange.removeListener(onState);
    session.delegate = {
      onBye: (bye) => {
        // A delegate that handles BYE must answer it (SIP.js only does so without one): unanswered,
        // the far end's proxy times the BYE out (408) and a gateway would keep resending it.
        void bye.accept().catch(() => undefined);
        // While the customer is on the way to the target, the target's BYE means it took them over.
        this.pendingEndReason ??= this.replacementExpectedFrom === undefined ? { kind: 'hangup', by: 'remote' } : { kind: 'transferred', target: this.replacementExpectedFrom };
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
      this.pendingEndReason ??= { kind: 'cancelled', by: 'local' };
      await this.session.cancel();
      return;
    }
    // A transfer that went through keeps `transferred` as the reason.
    this.pendingEndReason ??= { kind: 'hangup', by: 'local' };
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
      this.emit('transfer', { kind: 'failed', mode: 'blind', target: targetText, status });
    };
    try {
      await this.session.refer(target, {
        requestDelegate: {
          onAccept: () => this.transferSucceeded({ mode: 'blind', target: targetText, linkedSipCallId: undefined }),
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
   * Attended transfer (相談転送): asks the other side of this call (the customer, held) to call
   * the target of `consultation` with Replaces of the consultation's dialog (RFC 5589 §7,
   * RFC 3891), so the target's phone swaps our consultation call for the customer.
   * @param consultation - our answered call to the target.
   * @remarks
   * Resolves when the REFER is sent. The transferee reports its INVITE in NOTIFYs (RFC 3515
   * §2.4.5): a 2xx, or the target ending our consultation call (it was replaced), means the
   * customer reached the target; both our legs then end with reason `transferred`. A refused
   * REFER, a NOTIFY with a failure, or nothing within 32 s is reported as `failed` and leaves
   * both calls as they were (the customer held, the consultation connected).
   * @throws {@link TelephonyException} unless both calls are connected, or while another transfer is pending.
   */
  async transferTo(consultation: Call): Promise<void> {
    if (!isConnected(this.state)) throw new TelephonyException('invalid-state', `cannot transfer a call that is ${this.state}`);
    if (this.snapshotValue.transferPending) throw new TelephonyException('request-pending', 'a transfer is already in progress');
    if (!isConnected(consultation.state)) throw new TelephonyException('invalid-state', `cannot complete a transfer while the consultation is ${consultation.state}`);
    const target = consultation.snapshot.remoteUri;
    const transfer: CompletedTransfer = { mode: 'attended', target, linkedSipCallId: consultation.snapshot.sipCallId };
    let accepted = false;
    let settled = false;
    const unsubscribe = consultation.on('ended', (reason) => {
      // The target's phone ends the replaced dialog with BYE once the customer is connected.
      if (accepted && reason.kind === 'transferred') succeed();
    });
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      unsubscribe();
      clearTimeout(this.transferTimer);
      this.transferTimer = undefined;
      return true;
    };
    const succeed = (): void => {
      if (!finish()) return;
      consultation.endAfterTransfer(target);
      this.transferSucceeded(transfer);
    };
    const fail = (status: number | undefined): void => {
      if (!finish()) return;
      consultation.replacementExpectedFrom = undefined;
      this.update({ transferPending: false });
      this.emit('transfer', { kind: 'failed', mode: 'attended', target, status });
    };
    this.update({ transferPending: true });
    try {
      await this.session.refer(consultation.session, {
        requestDelegate: {
          onAccept: () => {
            accepted = true;
            consultation.replacementExpectedFrom = target;
            this.transferTimer = setTimeout(() => fail(undefined), attendedTransferTimeoutMs);
          },
          onReject: (response) => fail(response.message.statusCode),
        },
        onNotify: (notification) => {
          void notification.accept().catch(() => undefined);
          const status = sipfragStatus(notification.request.body);
          if (status === undefined || status < 200) return;
          if (status < 300) succeed();
          else fail(status);
        },
      });
    } catch (error) {
      fail(undefined);
      throw error;
    }
  }

  /**
   * Marks this call as taken over by an incoming INVITE with Replaces: it ends with `replaced`
   * when the phone that replaces it sends the BYE.
   * @internal Called by the phone.
   */
  markReplaced(): void {
    this.pendingEndReason = { kind: 'replaced' };
  }

  /**
   * Sets (or clears) this call's part in an attended transfer.
   * @internal Called by the phone, which pairs the customer's call with the consultation.
   */
  setConsultation(link: ConsultationLink | undefined): void {
    if (this.state === 'ended') return;
    this.update({ consultation: link });
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

  /** The transfer went through: say so, and leave the call (SIP.js does not end the transferor's dialog). */
  private transferSucceeded(transfer: CompletedTransfer): void {
    this.pendingEndReason = { kind: 'transferred', target: transfer.target };
    this.update({ transferPending: false, transferred: transfer });
    this.emit('transfer', { kind: 'accepted', mode: transfer.mode, target: transfer.target });
    this.hangup().catch(() => undefined);
  }

  /**
   * The consultation call of a completed transfer: the target normally ends it (its INVITE
   * with Replaces took over); if it has not after a grace period, we do.
   */
  private endAfterTransfer(target: string): void {
    if (this.state === 'ended') return;
    this.pendingEndReason = { kind: 'transferred', target };
    this.transferTimer = setTimeout(() => {
      this.transferTimer = undefined;
      this.hangup().catch(() => undefined);
    }, replacedByeGraceMs);
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
    clearTimeout(this.transferTimer);
    this.transferTimer = undefined;
    this.audioSink.detach();
    this.disposeSessionListener();
    this.transition('ended', { endedAt: this.settings.now(), endReason: reason, holdPending: false, transferPending: false, consultation: undefined });
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

/** The status code of a `message/sipfrag` NOTIFY body (`SIP/2.0 200 OK`), if it has one. */
function sipfragStatus(body: string | undefined): number | undefined {
  const match = /^SIP\/2\.0\s+(\d{3})/.exec(body?.trim() ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
