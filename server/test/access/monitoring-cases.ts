import { monitoringStartedSchema } from '../../../src/contract/monitoring';
import type { AccessModule } from './access-case';

/** A supervisor's audio leg offer (plain RTP; the media itself is tested in scripts/pbx/monitor.test.ts). */
const offer = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 9 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', ''].join('\r\n');

/**
 * Monitoring (listen, whisper, barge): supervisors of the agent's group and administrators may
 * step into a group-A agent's call; a session is switched and ended by its own supervisor only.
 */
export const monitoringAccessCases: AccessModule = async (testApp, callers) => {
  const at = new Date().toISOString();
  // Two group-A agents on answered calls, as their softphones file them.
  for (const [agent, callId] of [
    ['agent-a', 'access-monitoring-1@pbx'],
    ['1002', 'access-monitoring-2@pbx'],
  ] as const) {
    const client = agent === 'agent-a' ? await callers.get('agent-a') : await testApp.login(agent);
    for (const phase of ['offered', 'answered'] as const) {
      const filed = await client.put(`/api/call-records/by-call-id/${callId}/events`, { phase, at, direction: 'inbound', remoteNumber: '0312345678' });
      if (filed.statusCode >= 300) throw new Error(`filing ${callId}: ${filed.statusCode} ${filed.body}`);
    }
  }
  const svA = await callers.get('sv-a');
  const started = await svA.post('/api/monitoring/sessions', { sipCallId: 'access-monitoring-2@pbx', mode: 'listen', sdp: offer });
  if (started.statusCode !== 201) throw new Error(`fixture session: ${started.statusCode} ${started.body}`);
  const sessionId = monitoringStartedSchema.parse(started.json()).session.id;
  const agentId = testApp.seed.userIds['1001'] ?? '';
  return [
    { method: 'GET', route: '/api/monitoring/sessions', url: '/api/monitoring/sessions', allowed: ['admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'], what: 'the monitoring sessions I may know of' },
    {
      method: 'POST',
      route: '/api/monitoring/sessions',
      url: '/api/monitoring/sessions',
      body: { agentId, mode: 'listen', sdp: offer },
      allowed: ['admin', 'sv-a'],
      what: "listen to a group-A agent's call",
    },
    {
      method: 'GET',
      route: '/api/monitoring/sessions/:id',
      url: `/api/monitoring/sessions/${sessionId}`,
      allowed: ['admin', 'sv-a'],
      what: "read sv-a's monitoring of a group-A call (running, or why it ended)",
    },
    {
      method: 'PATCH',
      route: '/api/monitoring/sessions/:id',
      url: `/api/monitoring/sessions/${sessionId}`,
      body: { mode: 'listen' },
      allowed: ['sv-a'],
      what: "switch the mode of sv-a's monitoring of a group-A call",
    },
    { method: 'DELETE', route: '/api/monitoring/sessions/:id', url: `/api/monitoring/sessions/${sessionId}`, allowed: ['sv-a'], what: "end sv-a's monitoring of a group-A call" },
  ];
};
