import {
  queueListSchema,
  queueRecordingsExtendedSchema,
  queueSchema,
  type HoursOverride,
  type QueueDto,
  type QueueRecordingPolicy,
  type QueueRecordingsExtended,
} from '../contract/queues';
import type { ApiClient } from './api-client';
import type { ApiResult } from './api-error';

/**
 * Queues (着信キュー, `/api/queues/*`): their live figures for supervisors' boards and agents'
 * desks, and the business-hours override.
 * @remarks The figures change live: subscribe to `queue` live events (supervisors of the
 * queue's group and administrators receive them) rather than polling.
 */
export class QueuesApi {
  constructor(private readonly client: ApiClient) {}

  /**
   * GET /api/queues: the signed-in user's queues, by number, with waiting calls, the longest
   * wait and today's answered and abandoned counts and answer rate.
   * @remarks Administrators see every queue, supervisors their groups', agents the queues they
   * can take (their group's, with the skills the queue requires).
   */
  async listQueues(): Promise<ApiResult<readonly QueueDto[]>> {
    const result = await this.client.get('/queues', queueListSchema);
    return result.ok ? { ok: true, value: result.value.items } : result;
  }

  /**
   * PUT /api/queues/:queueId/hours-override: opens (`open`) or closes (`closed`) a queue whatever
   * its business hours — 臨時休業, an emergency, extended hours — or hands it back to its
   * schedule (`schedule`).
   * @remarks For supervisors of the queue's group and administrators (403 otherwise); audited.
   * Only calls arriving afterwards are affected: callers already waiting are still served.
   */
  setHoursOverride(queueId: string, override: HoursOverride): Promise<ApiResult<QueueDto>> {
    return this.client.send('PUT', `/queues/${encodeURIComponent(queueId)}/hours-override`, queueSchema, { override });
  }

  /**
   * PUT /api/queues/:queueId/recording-policy: whether the queue's calls are recorded, whether
   * agents may pause, and how many days (1–1825) recordings are kept after the call.
   * @remarks Administrators only; audited with the policy before and after. Calls answered
   * afterwards follow it; existing recordings keep their date.
   */
  setRecordingPolicy(queueId: string, policy: QueueRecordingPolicy): Promise<ApiResult<QueueDto>> {
    return this.client.send('PUT', `/queues/${encodeURIComponent(queueId)}/recording-policy`, queueSchema, policy);
  }

  /**
   * POST /api/queues/:queueId/recordings/extend: keeps every retained recording of the queue
   * 180 days longer (the same 180 days as one recording's extension).
   * @remarks Supervisors of the queue's group and administrators; one audit entry with the
   * count. Recordings whose retention an administrator ended stay as they are.
   */
  extendRecordings(queueId: string): Promise<ApiResult<QueueRecordingsExtended>> {
    return this.client.send('POST', `/queues/${encodeURIComponent(queueId)}/recordings/extend`, queueRecordingsExtendedSchema);
  }
}
