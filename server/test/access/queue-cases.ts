import { queueListSchema } from '../../../src/contract/queues';
import type { AccessModule } from './access-case';

/** Queues (live figures, the hours override, the recording policy and extension) and the PBX's routing endpoints. */
export const queueAccessCases: AccessModule = async (_testApp, callers) => {
  const admin = await callers.get('admin');
  const queues = queueListSchema.parse((await admin.get('/api/queues')).json()).items;
  const tokyo = queues.find((queue) => queue.number === '2001');
  if (!tokyo) throw new Error('demo queue 2001 not seeded');
  return [
    { method: 'GET', route: '/api/queues', url: '/api/queues', allowed: ['admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'], what: 'my queues with live figures' },
    { method: 'GET', route: '/api/calendar/holidays', url: '/api/calendar/holidays?year=2026', allowed: ['admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'], what: "a year's national holidays" },
    {
      method: 'PUT',
      route: '/api/queues/:queueId/hours-override',
      url: `/api/queues/${tokyo.id}/hours-override`,
      body: { override: 'schedule' },
      allowed: ['admin', 'sv-a'],
      what: "override a group-A queue's business hours",
    },
    {
      method: 'PUT',
      route: '/api/queues/:queueId/recording-policy',
      url: `/api/queues/${tokyo.id}/recording-policy`,
      body: { recordCalls: tokyo.recordCalls, pauseAllowed: tokyo.pauseAllowed, retentionDays: tokyo.retentionDays },
      allowed: ['admin'],
      what: "set a group-A queue's recording policy",
    },
    {
      method: 'POST',
      route: '/api/queues/:queueId/recordings/extend',
      url: `/api/queues/${tokyo.id}/recordings/extend`,
      allowed: ['admin', 'sv-a'],
      what: "keep a group-A queue's recordings 180 days longer",
    },
    // The PBX's endpoints take its bearer token only, never a session; the token itself is
    // tested in queues.test.ts.
    { method: 'GET', route: '/api/pbx/route', url: '/api/pbx/route?queue=2001&call=access-matrix', allowed: [], what: "the PBX's routing question without its token" },
    { method: 'GET', route: '/api/pbx/caller-id', url: '/api/pbx/caller-id?extension=1001', allowed: [], what: "the PBX's caller-ID question without its token" },
    {
      method: 'POST',
      route: '/api/pbx/queue-events',
      url: '/api/pbx/queue-events?queue=2001&call=access-matrix&event=entered',
      allowed: [],
      what: "the PBX's queue report without its token",
    },
  ];
};
