import type { HoursOverride, QueueStats } from '../../../../src/contract/queues';
import type { BusinessHoursSchedule } from './business-hours';

/**
 * A queue (着信キュー): the number a call is routed to, the group whose agents take it, the
 * skills they need, how long each agent rings and how long a caller may wait.
 * @remarks Announcements are keys of recorded messages the PBX's media server plays:
 * `wait` (hold music or "please wait"), `afterHours` (outside business hours), `full` (the
 * wait limit passed; the call is released and counted as abandoned).
 */
export interface Queue {
  readonly id: string;
  readonly tenantId: string;
  readonly groupId: string;
  readonly number: string;
  readonly nameJa: string;
  readonly nameEn: string;
  readonly skills: readonly { readonly code: string; readonly name: string; readonly minLevel: number }[];
  readonly ringSeconds: number;
  readonly maxWaitSeconds: number;
  readonly announcements: { readonly wait: string; readonly afterHours: string; readonly full: string };
  readonly outboundCallerId: string | null;
  /** Whether its calls are recorded (全通話録音; on by default). */
  readonly recordCalls: boolean;
  /** Whether agents may pause the recording of its calls (a card number being read). */
  readonly recordingPauseAllowed: boolean;
  /** Days its calls' recordings are kept after the call (1–1825; 180 by default). */
  readonly recordingRetentionDays: number;
  readonly schedule: BusinessHoursSchedule;
  /** A supervisor's override of the schedule; `schedule` lets the schedule decide. */
  readonly hoursOverride: HoursOverride;
}

/**
 * Where a call stands in a queue.
 * @remarks waiting ⇄ ringing (an agent's phone rings; no answer in time → waiting) → answered;
 * waiting or ringing → abandoned (the caller hung up, or the wait limit released the call);
 * a call arriving outside business hours is after-hours at once. answered, abandoned and
 * after-hours are final.
 */
export type QueueCallState = 'waiting' | 'ringing' | 'answered' | 'abandoned' | 'after-hours';

/** A call's passage through a queue, by SIP Call-ID. */
export interface QueueCall {
  readonly queueId: string;
  readonly sipCallId: string;
  readonly enteredAt: Date;
  readonly state: QueueCallState;
  readonly ringingExtension: string | null;
}

/** A queue's recording policy, as its administrator sets it. */
export interface QueueRecordingPolicy {
  readonly recordCalls: boolean;
  readonly pauseAllowed: boolean;
  readonly retentionDays: number;
}

/** True for the states a call never leaves. */
export function isFinal(state: QueueCallState): state is 'answered' | 'abandoned' | 'after-hours' {
  return state === 'answered' || state === 'abandoned' || state === 'after-hours';
}

/** An agent the routing chose: the longest-idle available agent with the queue's skills. */
export interface RoutableAgent {
  readonly agentId: string;
  readonly extension: string;
  readonly displayName: string;
  /** Since when the agent has been available (the end of their last call or break). */
  readonly idleSince: Date;
}

/** A queue with its live figures, as the supervisors' and agents' views show it. */
export interface QueueView extends Queue {
  readonly openNow: boolean;
  readonly stats: QueueStats;
}
