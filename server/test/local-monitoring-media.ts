import type { MonitoringMode } from '../../src/contract/monitoring';
import type { AgentSide, CallParties } from '../src/domain/monitoring/call-parties';
import {
  MonitoringMediaError,
  type LeftoverMonitoring,
  type MonitoringCheck,
  type MonitoringMedia,
  type MonitoringRestore,
  type SupervisorLeg,
} from '../src/domain/monitoring/monitoring-media';
import { assertAudioOffer, SdpOfferError } from '../src/media/early-media-sdp';
import { MonitorMixer } from '../src/media/monitor-mixer';

/**
 * The service's real {@link MonitorMixer} without rtpengine: the supervisor's leg is answered
 * by the mixer itself, the parties are whatever sends to its input ports. The rules of the
 * service (who may, one session per call, audit) are tested over it; the media path through
 * rtpengine is tested by scripts/pbx/monitor.test.ts.
 */
export class LocalMonitoringMedia implements MonitoringMedia {
  readonly sessions = new Map<string, { readonly leg: SupervisorLeg; readonly mixer: MonitorMixer; mode: MonitoringMode }>();
  /** Calls a test has ended (as a BYE would). */
  readonly endedCalls = new Set<string>();

  partiesOf(sipCallId: string, agentSide: AgentSide): Promise<CallParties> {
    if (this.endedCalls.has(sipCallId)) return Promise.reject(new MonitoringMediaError('call-gone', `call ${sipCallId} has ended`));
    const [customerTag, agentTag] = agentSide === 'callee' ? ['caller-tag', 'callee-tag'] : ['callee-tag', 'caller-tag'];
    return Promise.resolve({ customerTag, agentTag, agentProfile: 'plain', customerProfile: 'plain' });
  }

  async join(leg: SupervisorLeg): Promise<string> {
    try {
      assertAudioOffer(leg.sdp);
    } catch (error) {
      if (error instanceof SdpOfferError) throw new MonitoringMediaError('bad-offer', error.message);
      throw error;
    }
    const mixer = await MonitorMixer.open({ host: '127.0.0.1' });
    const port = Number(/^m=audio (\d+) /m.exec(leg.sdp)?.[1] ?? 0);
    if (port > 0) mixer.sendTo('supervisor', { host: '127.0.0.1', port });
    this.sessions.set(leg.sessionId, { leg, mixer, mode: 'listen' });
    const answerPort = mixer.inputPort('supervisor');
    return ['v=0', `o=- ${answerPort} 1 IN IP4 127.0.0.1`, 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${answerPort} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', ''].join('\r\n');
  }

  apply(sessionId: string, mode: MonitoringMode): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (session === undefined || this.endedCalls.has(session.leg.sipCallId)) return Promise.reject(new MonitoringMediaError('call-gone', 'the call has ended'));
    session.mode = mode;
    return Promise.resolve();
  }

  check(sessionId: string): Promise<MonitoringCheck> {
    const session = this.sessions.get(sessionId);
    return Promise.resolve(session === undefined || this.endedCalls.has(session.leg.sipCallId) ? 'call-gone' : 'intact');
  }

  leave(sessionId: string): Promise<void> {
    this.sessions.get(sessionId)?.mixer.close();
    this.sessions.delete(sessionId);
    return Promise.resolve();
  }

  /** Nothing to put back without rtpengine: a leftover session's call is simply over. */
  restore(leftover: LeftoverMonitoring): Promise<MonitoringRestore> {
    return Promise.resolve(this.endedCalls.has(leftover.sipCallId) ? 'call-gone' : 'restored');
  }
}
