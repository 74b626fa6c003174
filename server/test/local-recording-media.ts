import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ActiveMediaRecording, FinishedMedia, RecordingMedia } from '../src/domain/recordings/recording-media';
import { CallRecorder } from '../src/media/call-recorder';

/** The two UDP sockets standing for rtpengine's subscription ports of one call. */
interface LocalCall {
  readonly recorder: CallRecorder;
  readonly customer: Socket;
  readonly agent: Socket;
  ended: boolean;
}

async function boundSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/**
 * The service's real {@link CallRecorder}s without rtpengine: tests send the parties' RTP from
 * two local sockets in place of the subscription's ports (the subscription itself is covered
 * against the real rtpengine by scripts/pbx/recording.test.ts).
 */
export class LocalRecordingMedia implements RecordingMedia {
  readonly calls = new Map<string, LocalCall>();
  /** Calls started so far, by Call-ID, with the tags the service chose. */
  readonly started = new Map<string, { customerTag: string; agentTag: string; subscriberTag: string; file: string }>();

  async start(request: { sipCallId: string; customerTag: string; agentTag: string; subscriberTag: string; file: string }): Promise<ActiveMediaRecording> {
    if (request.sipCallId.startsWith('refused')) throw new Error('rtpengine refused: Unknown call-id');
    const recorder = await CallRecorder.open({ file: request.file, flushIntervalMs: 20, jitterMs: 40 });
    const customer = await boundSocket();
    const agent = await boundSocket();
    recorder.setSources({ customer: customer.address().port, agent: agent.address().port });
    const call: LocalCall = { recorder, customer, agent, ended: false };
    this.calls.set(request.sipCallId, call);
    this.started.set(request.sipCallId, { customerTag: request.customerTag, agentTag: request.agentTag, subscriberTag: request.subscriberTag, file: request.file });
    return {
      pause: () => recorder.pause(),
      resume: () => recorder.resume(),
      async stop(): Promise<FinishedMedia> {
        call.ended = true;
        customer.close();
        agent.close();
        const finished = await recorder.stop();
        return { durationMs: finished.durationMs, sha256: finished.sha256, peaks: finished.peaks };
      },
    };
  }

  callAlive(sipCallId: string): Promise<boolean> {
    return Promise.resolve(this.calls.get(sipCallId)?.ended === false);
  }

  /** rtpengine forgets the call (a BYE the service was not told about). */
  hangUp(sipCallId: string): void {
    const call = this.calls.get(sipCallId);
    if (call) call.ended = true;
  }

  /**
   * Both parties talk for `ms` in 20 ms packets of a constant μ-law byte each (customer
   * `customerVoice`, agent `agentVoice`), in real time.
   */
  async talk(sipCallId: string, ms: number, voices: { customerVoice: number; agentVoice: number } = { customerVoice: 0x11, agentVoice: 0x22 }): Promise<void> {
    const call = this.calls.get(sipCallId);
    if (!call) throw new Error(`no recording of ${sipCallId} was started`);
    const ssrcs = [randomBytes(4), randomBytes(4)];
    const base = Math.floor(Math.random() * 1000) * 160;
    const { port } = call.recorder.address;
    for (let step = 0; step < ms / 20; step += 1) {
      for (const [index, socket] of [call.customer, call.agent].entries()) {
        const header = Buffer.alloc(12);
        header[0] = 0x80;
        header.writeUInt16BE(step & 0xffff, 2);
        header.writeUInt32BE(base + step * 160, 4);
        ssrcs[index]?.copy(header, 8);
        socket.send(Buffer.concat([header, Buffer.alloc(160, index === 0 ? voices.customerVoice : voices.agentVoice)]), port, '127.0.0.1');
      }
      await sleep(20);
    }
  }
}
