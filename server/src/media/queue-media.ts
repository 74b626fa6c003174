import path from 'node:path';
import { assertAudioOffer, SdpOfferError, waitingPartyAnswer } from './early-media-sdp';
import { NgError, type NgClient } from './ng-client';
import { readWavInfo, WavError } from './wav';

/** What went wrong with a queue-media request, in terms the PBX can act on. */
export type QueueMediaErrorKind =
  /** The caller's SDP is not an audio offer the service can answer (→ 400). */
  | 'bad-offer'
  /** No `<key>.wav` in the media directory, or not a WAV file (→ 404). */
  | 'unknown-announcement'
  /** The service has no media relay configured (`TSUNAGU_RTPENGINE_NG`) (→ 503). */
  | 'no-relay'
  /** rtpengine did not answer, or refused the call's media (→ 503: Kamailio releases the caller). */
  | 'relay-failed';

/** A queue-media request the service cannot carry out; `kind` says why. */
export class QueueMediaError extends Error {
  override readonly name = 'QueueMediaError';

  constructor(
    readonly kind: QueueMediaErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Whether the announcement plays until stopped (hold music) or once (a message before release). */
export type PlaybackMode = 'loop' | 'once';

/** A waiting caller to play an announcement to, as Kamailio describes it. */
export interface QueueMediaRequest {
  /** The SIP Call-ID of the caller's INVITE. */
  readonly callId: string;
  /** The caller's From tag. */
  readonly fromTag: string;
  /** The queue's announcement key (`queue-wait`, `after-hours`, `queue-full`): `<key>.wav`. */
  readonly announcement: string;
  readonly mode: PlaybackMode;
  /** The caller is a browser (ICE, DTLS-SRTP, rtcp-mux) rather than a SIP phone or gateway. */
  readonly webrtc: boolean;
  /** The caller's SDP offer, from its INVITE. */
  readonly sdp: string;
}

/** What Kamailio sends the caller: the SDP of a 183 Session Progress, and how long the file lasts. */
export interface QueueMediaAnswer {
  readonly sdp: string;
  /** The file's length in whole seconds, rounded up (one play of it for `once`). */
  readonly seconds: number;
}

/** Where announcements come from and which rtpengine plays them. */
export interface QueueMediaOptions {
  /** The ng client of the rtpengine Kamailio relays calls through; undefined: none configured. */
  readonly relay: NgClient | undefined;
  /** Absolute directory of `<key>.wav` files, on rtpengine's host (rtpengine opens them). */
  readonly mediaDir: string;
  /** How long `loop` plays before it stops by itself; one hour if omitted. */
  readonly loopSeconds?: number;
}

/** Announcement keys are file names without `.wav`: never a path. */
export const announcementKeyPattern = /^[a-z0-9-]{1,40}$/;

/**
 * Plays a queue's announcements and hold music to callers who wait, as early media.
 *
 * @remarks
 * Kamailio is a proxy: it cannot answer the caller's SDP. When the service's routing decision
 * is `wait`, `closed` or `abandon`, Kamailio hands the caller's offer here; the service makes
 * rtpengine stand in for a callee (the To tag {@link QueueMedia.waitingPartyTag}, a
 * `sendonly` answer), has it play the file to the caller, and returns the SDP for the
 * caller's 183 Session Progress.
 *
 * Before an agent rings, {@link QueueMedia.stop} ends the stand-in's dialog in rtpengine (and
 * with it rtpengine's call, which held nothing else): left in place, rtpengine would tie the
 * branch's offer toward the agent to the stand-in's dialog, and a browser agent's ICE and DTLS
 * would then fail against the stand-in's credentials (measured on rtpengine 10.5). The branch
 * toward the agent so starts the media afresh; the caller learns its new ports from the agent's
 * 200 OK (a dialog of its own), and, should the agent not answer, from Kamailio's next 183.
 */
export class QueueMedia {
  /** The To tag of the stand-in callee in rtpengine. */
  static readonly waitingPartyTag = 'tsunagu-queue';

  readonly #relay: NgClient | undefined;
  readonly #mediaDir: string;
  readonly #loopSeconds: number;

  constructor(options: QueueMediaOptions) {
    this.#relay = options.relay;
    this.#mediaDir = options.mediaDir;
    this.#loopSeconds = options.loopSeconds ?? 3600;
  }

  /**
   * Answers the caller's offer with rtpengine and starts the announcement toward the caller.
   * @remarks Again for the same call (wait → abandon), it replaces what plays: the offer is a
   * re-offer, the answer the same stand-in's, and the previous playback is stopped first.
   * @throws QueueMediaError
   */
  async play(request: QueueMediaRequest): Promise<QueueMediaAnswer> {
    const file = await this.#announcementFile(request.announcement);
    try {
      assertAudioOffer(request.sdp);
    } catch (error) {
      if (error instanceof SdpOfferError) throw new QueueMediaError('bad-offer', error.message);
      throw error;
    }
    const relay = this.#requireRelay();
    const call = { callId: request.callId, fromTag: request.fromTag };
    return this.#onRelay(async () => {
      const offer = await relay.offer({ ...call, sdp: request.sdp, profile: 'plain' });
      let standIn: string;
      try {
        standIn = waitingPartyAnswer(offer.sdp, Math.floor(Date.now() / 1000));
      } catch (error) {
        if (error instanceof SdpOfferError) throw new QueueMediaError('bad-offer', error.message);
        throw error;
      }
      const answer = await relay.answer({ ...call, toTag: QueueMedia.waitingPartyTag, sdp: standIn, profile: request.webrtc ? 'webrtc' : 'plain' });
      await this.#stopPlayback(relay, call);
      // Measured on rtpengine 10.5: selecting the caller's From tag sends the file to the caller.
      const repeatTimes = request.mode === 'once' ? 1 : Math.max(1, Math.ceil(this.#loopSeconds / file.seconds));
      await relay.playMedia({ callId: call.callId, to: { fromTag: call.fromTag }, file: file.path, repeatTimes });
      return { sdp: answer.sdp, seconds: file.seconds };
    });
  }

  /**
   * Stops what plays to the caller; the call's media session stays for the agent's branch.
   * Idempotent: nothing playing, or a call rtpengine no longer holds, is not an error.
   * @throws QueueMediaError `no-relay` or `relay-failed` (rtpengine did not answer).
   */
  /**
   * Stops what plays to the caller and ends the stand-in (see the class remarks); idempotent.
   * @throws QueueMediaError `no-relay`, `relay-failed`
   */
  async stop(call: { readonly callId: string; readonly fromTag: string }): Promise<void> {
    const relay = this.#requireRelay();
    await this.#onRelay(async () => {
      await this.#stopPlayback(relay, call);
      try {
        await relay.delete({ ...call, toTag: QueueMedia.waitingPartyTag });
      } catch (error) {
        if (!(error instanceof NgError && error.kind === 'refused')) throw error;
      }
    });
  }

  async #stopPlayback(relay: NgClient, call: { readonly callId: string; readonly fromTag: string }): Promise<void> {
    try {
      await relay.stopMedia({ callId: call.callId, to: { fromTag: call.fromTag } });
    } catch (error) {
      // rtpengine refuses a stop when nothing plays (or the call is gone): already stopped.
      if (!(error instanceof NgError && error.kind === 'refused')) throw error;
    }
  }

  #requireRelay(): NgClient {
    if (this.#relay === undefined) throw new QueueMediaError('no-relay', 'no media relay configured (TSUNAGU_RTPENGINE_NG)');
    return this.#relay;
  }

  /** Runs ng commands; rtpengine's failures become `relay-failed` with its own words. */
  async #onRelay<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof NgError) throw new QueueMediaError('relay-failed', `media relay failed: ${error.message}`);
      throw error;
    }
  }

  async #announcementFile(key: string): Promise<{ path: string; seconds: number }> {
    if (!announcementKeyPattern.test(key)) {
      throw new QueueMediaError('unknown-announcement', `'${key}' is not an announcement key (lower-case letters, digits and -, at most 40)`);
    }
    const file = path.join(this.#mediaDir, `${key}.wav`);
    try {
      const info = await readWavInfo(file);
      return { path: file, seconds: Math.max(1, Math.ceil(info.durationMs / 1000)) };
    } catch (error) {
      if (error instanceof WavError) throw new QueueMediaError('unknown-announcement', `announcement '${key}': ${key}.wav is not a WAV file (${error.message})`);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new QueueMediaError('unknown-announcement', `no announcement '${key}': ${key}.wav is not in the media directory (TSUNAGU_MEDIA_DIR)`);
      }
      throw error;
    }
  }
}
