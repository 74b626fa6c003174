import type { ActiveMediaRecording, FinishedMedia, RecordingMedia } from '../domain/recordings/recording-media';
import { CallRecorder } from './call-recorder';
import type { NgClient } from './ng-client';

/** The audio ports of an SDP, in media-section order. */
function audioPorts(sdp: string): number[] {
  return [...sdp.matchAll(/^m=audio (\d+) /gm)].map((match) => Number(match[1]));
}

/** The subscriber's answer: every offered section received on the recorder's one socket, PCMU only. */
function recorderAnswer(host: string, port: number, sections: number): string {
  const media = Array.from({ length: sections }, () => [`m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=recvonly']).flat();
  return ['v=0', `o=- ${port} 1 IN IP4 ${host}`, 's=tsunagu-recorder', `c=IN IP4 ${host}`, 't=0 0', ...media, ''].join('\r\n');
}

/**
 * Records calls through rtpengine: a `subscribe request` of the customer and the agent
 * (transcoded to PCMU, plain RTP), answered on a {@link CallRecorder}'s socket.
 * @remarks docs/design/monitoring-and-recording.md §3.2; the mechanism is pinned by
 * scripts/pbx/monitoring.test.ts and scripts/pbx/recording.test.ts.
 */
export class RtpengineRecordingMedia implements RecordingMedia {
  constructor(private readonly relay: NgClient) {}

  async start(request: { sipCallId: string; customerTag: string; agentTag: string; subscriberTag: string; file: string }): Promise<ActiveMediaRecording> {
    const recorder = await CallRecorder.open({ file: request.file });
    try {
      const subscription = await this.relay.subscribeRequest({
        callId: request.sipCallId,
        sources: [request.customerTag, request.agentTag],
        subscriberTag: request.subscriberTag,
        profile: 'plain',
        transcodeTo: ['PCMU'],
      });
      const [customer, agent] = audioPorts(subscription.sdp);
      if (customer === undefined || agent === undefined) {
        throw new Error(`rtpengine offered ${audioPorts(subscription.sdp).length} audio sections for the recording, expected 2`);
      }
      recorder.setSources({ customer, agent });
      const { host, port } = recorder.address;
      await this.relay.subscribeAnswer({ callId: request.sipCallId, subscriberTag: request.subscriberTag, sdp: recorderAnswer(host, port, 2), allowTranscoding: true });
    } catch (error) {
      await recorder.abandon();
      throw error;
    }
    const relay = this.relay;
    return {
      pause: () => recorder.pause(),
      resume: () => recorder.resume(),
      async stop(callEnded: boolean): Promise<FinishedMedia> {
        // Kamailio's delete on BYE names the two parties' tags and so removes only their
        // dialogue: the recorder's subscription would keep the call (and its ports) in rtpengine.
        // The call may be gone already: nothing to undo then.
        if (callEnded) await relay.command({ command: 'delete', 'call-id': request.sipCallId }).catch(() => undefined);
        else await relay.unsubscribe({ callId: request.sipCallId, subscriberTag: request.subscriberTag }).catch(() => undefined);
        const finished = await recorder.stop();
        return { durationMs: finished.durationMs, sha256: finished.sha256, peaks: finished.peaks };
      },
    };
  }

  async callAlive(sipCallId: string): Promise<boolean> {
    const calls = await this.relay.listCalls();
    return calls.includes(sipCallId);
  }
}
