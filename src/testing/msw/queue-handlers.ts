import { http } from 'msw';
import { z } from 'zod';
import { idSchema } from '../../contract/common';
import { hoursOverrideChangeSchema, queueListSchema, queueRecordingPolicySchema, queueSchema } from '../../contract/queues';
import { auditBy } from './mock-audit';
import { contractResponse, readBody, readParams, signedInSession } from './mock-http';
import { answerRefusals } from './mock-refusal';
import { mockQueues } from './queue-mock';

const queueParams = z.object({ queueId: idSchema });

/**
 * `/api/queues/*`: the signed-in user's queues with live figures (administrators all,
 * supervisors their groups', agents the queues they can take) and the business-hours override
 * for the queue's supervisors and administrators, audited; the recording policy for
 * administrators, audited (the queue-wide extension of recordings is in recording-handlers.ts). The PBX's `/api/pbx/*` endpoints
 * have no mirror: browsers never call them.
 */
export const queueHandlers = [
  http.get('/api/queues', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    return contractResponse(queueListSchema, { items: mockQueues.list(signedIn.account) });
  }),

  http.put('/api/queues/:queueId/hours-override', async ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, queueParams);
    if (!param.ok) return param.response;
    const body = await readBody(request, hoursOverrideChangeSchema);
    if (!body.ok) return body.response;
    return answerRefusals('body', () => {
      const queue = mockQueues.setHoursOverride(signedIn.account, param.value.queueId, body.value.override);
      auditBy(signedIn.account, 'update', 'queue', queue.id, { hoursOverride: body.value.override });
      return contractResponse(queueSchema, queue);
    });
  }),

  http.put('/api/queues/:queueId/recording-policy', async ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, queueParams);
    if (!param.ok) return param.response;
    const body = await readBody(request, queueRecordingPolicySchema);
    if (!body.ok) return body.response;
    return answerRefusals('body', () => {
      const before = mockQueues.find(param.value.queueId);
      const queue = mockQueues.setRecordingPolicy(signedIn.account, param.value.queueId, body.value);
      auditBy(signedIn.account, 'update', 'queue', queue.id, {
        change: 'recording-policy',
        before: before === undefined ? null : { recordCalls: before.recordCalls, pauseAllowed: before.pauseAllowed, retentionDays: before.retentionDays },
        after: body.value,
      });
      return contractResponse(queueSchema, queue);
    });
  }),
];
