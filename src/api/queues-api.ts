import { queueListSchema, queueSchema, type HoursOverride, type QueueDto } from '../contract/queues';
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
}
