import type { RecordingPeaks } from './recording';

/** A pause as the recorder measured it, in ms from the start of the file. */
export interface MediaPause {
  readonly startMs: number;
  readonly endMs: number | undefined;
}

/** What the media side made of a finished recording. */
export interface FinishedMedia {
  readonly durationMs: number;
  readonly sha256: string;
  readonly peaks: RecordingPeaks;
}

/** A call being recorded right now. */
export interface ActiveMediaRecording {
  pause(): MediaPause;
  resume(): MediaPause;
  /**
   * Ends the subscription and finalises the file.
   * @param callEnded - the call is over (its BYE): what is left of it in rtpengine (the
   * recorder's and any other subscriber's legs, which Kamailio's delete of the two parties'
   * dialogue leaves behind) is released too. False when only the recording stops (the service
   * shuts down) and the call goes on.
   */
  stop(callEnded: boolean): Promise<FinishedMedia>;
}

/**
 * The media port of recording: copies a call's two parties into a file on the service's host.
 * @remarks Implemented with rtpengine's media subscription and the service's `CallRecorder`
 * (server/src/media/recording-media.ts); see docs/design/monitoring-and-recording.md §3.2.
 */
export interface RecordingMedia {
  /**
   * Subscribes to the customer's and the agent's media of the call and starts writing `file`.
   * @throws when rtpengine refuses or the file cannot be opened.
   */
  start(request: { readonly sipCallId: string; readonly customerTag: string; readonly agentTag: string; readonly subscriberTag: string; readonly file: string }): Promise<ActiveMediaRecording>;
  /** Whether rtpengine still relays the call (a recording whose call is gone is finished). */
  callAlive(sipCallId: string): Promise<boolean>;
}
