import type { HoursOverride, QueueStats } from '../../../../src/contract/queues';
import type { Queue, QueueCall, QueueCallState, QueueRecordingPolicy, RoutableAgent } from './queue';

/** A change to a queue call, applied as given (unset fields stay). */
export interface QueueCallChange {
  readonly state: QueueCallState;
  readonly at: Date;
  readonly ringingExtension?: string | null;
  readonly ringingUntil?: Date | null;
  readonly answeredBy?: string | null;
  readonly abandonReason?: 'caller' | 'wait-limit' | 'lost';
  readonly ended?: boolean;
}

/** An agent's extension as outbound calls need it: who, which groups, their own caller ID. */
export interface AgentLine {
  readonly tenantId: string;
  readonly userId: string;
  readonly groupIds: readonly string[];
  readonly outboundCallerId: string | null;
}

/** Storage of queues, their calls and figures; implemented over PostgreSQL in `server/src/db`. */
export interface QueueRepository {
  /**
   * The active queue dialled as `number`. Numbers are unique per tenant; a PBX serves one
   * tenant, so the oldest such queue wins should several tenants share a number.
   */
  findByNumber(number: string): Promise<Queue | undefined>;
  /** A queue of the tenant by id. */
  findById(tenantId: string, queueId: string): Promise<Queue | undefined>;
  /**
   * The tenant's active queues of `groupIds` (or all), by number; with `qualifiedAgentId`,
   * only those whose every skill that agent holds at the level required.
   */
  list(tenantId: string, groupIds: 'all' | readonly string[], qualifiedAgentId?: string): Promise<Queue[]>;
  setHoursOverride(tenantId: string, queueId: string, override: HoursOverride): Promise<void>;
  /** Sets the queue's recording policy (only calls answered afterwards follow it). */
  setRecordingPolicy(tenantId: string, queueId: string, policy: QueueRecordingPolicy): Promise<void>;

  findCall(queueId: string, sipCallId: string): Promise<QueueCall | undefined>;
  /** Records a call entering `queue` in `state` at `at`; the existing row when it already entered. */
  enterCall(queue: Queue, sipCallId: string, caller: string | null, state: QueueCallState, at: Date): Promise<{ call: QueueCall; created: boolean }>;
  updateCall(queueId: string, sipCallId: string, change: QueueCallChange): Promise<void>;
  /**
   * Chooses the longest-idle agent for a call and marks the call as ringing them until
   * `ringingUntil`, atomically, so two calls never choose the same agent.
   * @remarks Candidates: active users of the queue's group with an extension and an open
   * session, in state available, holding every skill of the queue at the required level, not
   * in `excludedExtensions` and not being rung for another queue call. Idle since: the start
   * of their current spell of availability.
   */
  reserveAgent(queue: Queue, sipCallId: string, excludedExtensions: readonly string[], now: Date, ringingUntil: Date): Promise<RoutableAgent | undefined>;
  /**
   * The active user with extension `extension` (any tenant; a signed-in one first), with their
   * groups and own outbound caller ID.
   */
  agentLine(extension: string, now: Date): Promise<AgentLine | undefined>;
  /**
   * Releases as abandoned (reason `lost`) every waiting or ringing call the PBX has not asked
   * about for longer than its queue's ring time plus `staleAfterSeconds`.
   * @returns the queues whose calls were released, once each.
   */
  releaseLostCalls(now: Date, staleAfterSeconds: number): Promise<{ tenantId: string; queueId: string }[]>;
  /** The active user of the tenant whose extension is `extension`. */
  userOfExtension(tenantId: string, extension: string): Promise<string | undefined>;
  /**
   * Live figures of each queue at `now`; today starts at `dayStart` (00:00 Japan time).
   * @remarks A waiting or ringing call the PBX has not asked about for longer than its
   * queue's ring time plus `staleAfterSeconds` no longer counts as waiting.
   */
  stats(queues: readonly Queue[], now: Date, dayStart: Date, staleAfterSeconds: number): Promise<Map<string, QueueStats>>;
}
