import type { CallDirection, CallEndReason } from '../../../../src/contract/call-records';
import { foldCallTimeline } from '../../../../src/contract/call-timeline';
import type { CallPhase } from '../../../../src/contract/events';

/** One call event as the softphone reported it. */
export interface CallEvent {
  readonly phase: CallPhase;
  readonly at: Date;
  /** The agent whose softphone reported it. */
  readonly agentId: string | null;
  /** With `ended`, when SIP said why. */
  readonly endReason?: 'rejected' | 'busy' | 'failed' | null | undefined;
  /** With `transferred`, where to. */
  readonly transferredTo?: string | null | undefined;
}

/** What a record's times say, derived from all its events. */
export interface CallTimeline {
  readonly phase: CallPhase;
  readonly startedAt: Date;
  readonly offeredAt: Date | null;
  readonly answeredAt: Date | null;
  readonly endedAt: Date | null;
  readonly heldSeconds: number;
  readonly durationSeconds: number | null;
  readonly endReason: CallEndReason | null;
  readonly transferredTo: string | null;
}

/**
 * Derives a record's times from its events, whatever order they arrived in.
 * @remarks The rule itself (`foldCallTimeline` in the contract) is shared with the SPA's mock
 * service; this adapts it to the Dates the repository stores.
 */
export function deriveCallTimeline(events: readonly CallEvent[], ownerId: string | null, direction: CallDirection): CallTimeline {
  const folded = foldCallTimeline(
    events.map((event) => ({ ...event, at: event.at.getTime() })),
    ownerId,
    direction,
  );
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    ...folded,
    startedAt: new Date(folded.startedAt),
    offeredAt: date(folded.offeredAt),
    answeredAt: date(folded.answeredAt),
    endedAt: date(folded.endedAt),
  };
}
