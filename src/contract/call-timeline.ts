import type { CallDirection, CallEndReason } from './call-records';
import type { CallPhase } from './events';

/*
 * How call events become a call record's times: one rule for the CTI service (which adapts it
 * to Date in server/src/domain/call-records/call-timeline.ts) and the SPA's mock service.
 */

/** One call event as a softphone filed it. */
export interface TimedCallEvent {
  readonly phase: CallPhase;
  /** Milliseconds since the epoch. */
  readonly at: number;
  /** The agent whose softphone filed it. */
  readonly agentId: string | null;
  /** With `ended`, when SIP said why. */
  readonly endReason?: 'rejected' | 'busy' | 'failed' | null | undefined;
  /** With `transferred`, where to. */
  readonly transferredTo?: string | null | undefined;
}

/** What a record's times say, folded from all of its events. */
export interface CallTimeline {
  readonly phase: CallPhase;
  readonly startedAt: number;
  readonly offeredAt: number | null;
  readonly answeredAt: number | null;
  readonly endedAt: number | null;
  readonly heldSeconds: number;
  readonly durationSeconds: number | null;
  readonly endReason: CallEndReason | null;
  readonly transferredTo: string | null;
}

/**
 * The moves a call may make from each phase, in time order, as the service allows them.
 *
 * ```
 *   (none) ─offered─▶ offered ─answered─▶ answered ─held─▶ held ─resumed─▶ resumed ─held─▶ …
 *                        │                   │              │                 │
 *                        └── transferred ◀───┴──────────────┴─────────────────┘
 *                        │        │
 *                        └────────┴──▶ ended
 * ```
 * The first event known may be any phase: earlier ones may still be on their way.
 */
const next: Readonly<Record<CallPhase | 'none', readonly CallPhase[]>> = {
  none: ['offered', 'answered', 'held', 'resumed', 'transferred', 'ended'],
  offered: ['answered', 'transferred', 'ended'],
  answered: ['held', 'transferred', 'ended'],
  held: ['resumed', 'transferred', 'ended'],
  resumed: ['held', 'transferred', 'ended'],
  transferred: ['ended'],
  ended: [],
};

/** Phases at the same instant happen in this order. */
const order: Readonly<Record<CallPhase, number>> = { offered: 0, answered: 1, held: 2, resumed: 3, transferred: 4, ended: 5 };

/**
 * Folds a record's timeline from every event of its call, whatever order they arrived in.
 *
 * @remarks
 * The service never updates a record step by step: events from a browser may come late,
 * twice or out of order, so the whole timeline is folded again from all of them, sorted by
 * time, each time one arrives. A move the table does not allow means an event is still
 * missing and is skipped for now. When a queue rings several agents on one Call-ID,
 * `offered` counts from anyone and every other phase only from `ownerId`.
 */
export function foldCallTimeline(events: readonly TimedCallEvent[], ownerId: string | null, direction: CallDirection): CallTimeline {
  const counted = events
    .filter((event) => event.phase === 'offered' || event.agentId === ownerId)
    .sort((a, b) => a.at - b.at || order[a.phase] - order[b.phase]);
  const first = counted[0];
  if (first === undefined) throw new Error('a call timeline needs at least one event');

  let phase: CallPhase | 'none' = 'none';
  let offeredAt: number | null = null;
  let answeredAt: number | null = null;
  let endedAt: number | null = null;
  let holdStartedAt: number | null = null;
  let heldMs = 0;
  let transferredTo: string | null = null;
  let wasTransferred = false;
  let statedReason: CallEndReason | null = null;
  const endHold = (at: number) => {
    if (holdStartedAt !== null) heldMs += Math.max(0, at - holdStartedAt);
    holdStartedAt = null;
  };

  for (const event of counted) {
    if (!next[phase].includes(event.phase)) continue;
    switch (event.phase) {
      case 'offered':
        offeredAt = event.at;
        break;
      case 'answered':
        answeredAt = event.at;
        break;
      case 'held':
        holdStartedAt = event.at;
        break;
      case 'resumed':
        endHold(event.at);
        break;
      case 'transferred':
        wasTransferred = true;
        transferredTo = event.transferredTo ?? transferredTo;
        endHold(event.at);
        break;
      case 'ended':
        endedAt = event.at;
        statedReason = event.endReason ?? null;
        endHold(event.at);
        break;
      default:
        return unknownPhase(event.phase);
    }
    phase = event.phase;
  }

  const derivedReason: CallEndReason = wasTransferred ? 'transferred' : answeredAt !== null ? 'completed' : direction === 'inbound' ? 'abandoned' : 'no-answer';
  return {
    phase: phase === 'none' ? first.phase : phase,
    startedAt: first.at,
    offeredAt,
    answeredAt,
    endedAt,
    heldSeconds: Math.round(heldMs / 1000),
    durationSeconds: answeredAt !== null && endedAt !== null ? Math.max(0, Math.round((endedAt - answeredAt) / 1000)) : null,
    endReason: endedAt === null ? null : (statedReason ?? derivedReason),
    transferredTo,
  };
}

function unknownPhase(value: never): never {
  throw new Error(`unknown call phase ${String(value)}`);
}
