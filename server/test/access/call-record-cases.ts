import type { AccessModule } from './access-case';

/**
 * Call records: a group-A call of agent 1001, completed once by them; codes and lists are
 * open to every signed-in user and filtered to their groups.
 */
export const callRecordAccessCases: AccessModule = async (_testApp, callers) => {
  const agentA = await callers.get('agent-a');
  const sipCallId = `access-${Date.now()}@matrix.test`;
  const call = { at: new Date().toISOString(), direction: 'inbound', remoteNumber: '03-1234-5678' };
  const filed = await agentA.put(`/api/call-records/by-call-id/${encodeURIComponent(sipCallId)}/events`, { ...call, phase: 'answered' });
  if (filed.statusCode !== 201) throw new Error(`fixture call: ${filed.statusCode} ${filed.body}`);
  const { callRecordId } = filed.json<{ callRecordId: string }>();
  const completed = await agentA.patch(`/api/call-records/${callRecordId}`, { expectedVersion: 1, notes: 'アクセス確認' });
  if (completed.statusCode !== 200) throw new Error(`fixture notes: ${completed.statusCode} ${completed.body}`);
  const signedIn = ['admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'] as const;
  const groupA = ['admin', 'sv-a', 'agent-a'] as const;

  return [
    {
      method: 'PUT',
      route: '/api/call-records/by-call-id/:sipCallId/events',
      url: `/api/call-records/by-call-id/${encodeURIComponent(sipCallId)}/events`,
      body: { ...call, phase: 'held' },
      allowed: ['agent-a'],
      what: "file an event of agent 1001's call (only its agent; supervisors and administrators file none)",
    },
    { method: 'GET', route: '/api/call-records/categories', url: '/api/call-records/categories', allowed: signedIn, what: 'inquiry categories' },
    { method: 'GET', route: '/api/call-records/dispositions', url: '/api/call-records/dispositions', allowed: signedIn, what: 'dispositions' },
    { method: 'GET', route: '/api/call-records', url: '/api/call-records?limit=5', allowed: signedIn, what: 'search the records of my groups' },
    { method: 'GET', route: '/api/call-records/export.csv', url: '/api/call-records/export.csv?q=アクセス確認', allowed: signedIn, what: 'export the records of my groups' },
    { method: 'GET', route: '/api/call-records/:id', url: `/api/call-records/${callRecordId}`, allowed: groupA, what: 'read a group-A call record' },
    {
      method: 'PATCH',
      route: '/api/call-records/:id',
      url: `/api/call-records/${callRecordId}`,
      // Saving what is already there keeps the version, so every allowed caller can repeat it.
      body: { expectedVersion: 2, notes: 'アクセス確認' },
      allowed: groupA,
      what: "save the agent's part of a group-A call record",
    },
  ];
};
