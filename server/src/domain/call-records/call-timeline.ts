import type { CallDirection, CallEndReason } from '../../../../src/contract/call-records';
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
 * The phases a call may move to from each phase, in time order.
 *
 * ```
 *   (new) ──offered──▶ offered ──answered──▶ answered ⇄ held ⇄ resumed
 *              │           │                    │        │        │
 *              └───────────┴──── transferred ◀──┴────────┴────────┘
 *                          │          │
 *                          └──────────┴──────▶ ended
 * ```
 * A call's first known event may be any phase: earlier ones may still be on their way, and a
 * dialler call arrives already answered.
 */
const transitions: Readonly<Record<CallPhase | 'new', readonly CallPhase[]>> = {
  new: ['offered', 'answered', 'held', 'resumed', 'transferred', 'ended'],
  offered: ['answered', 'transferred', 'ended'],
  answered: ['held', 'transferred', 'ended'],
  held: ['resumed', 'transferred', 'ended'],
  resumed: ['held', 'transferred', 'ended'],
  transferred: ['ended'],
  ended: [],
};

/** Order of phases that happen at the same instant. */
const rank: Readonly<Record<CallPhase, number>> = { offered: 0, answered: 1, held: 2, resumed: 3, transferred: 4, ended: 5 };

/**
 * Derives a record's times from its events, whatever order they arrived in.
 *
 * @remarks
 * Events come over the network from the agent's browser: they may be replayed, late or lost
 * for a while. The record is therefore never updated step by step; every time an event
 * arrives, the timeline is folded again from all events in time order, so an `ended` that
 * came before its `answered` gives the same record as the two in order. In that fold a
 * move the table does not allow (a second `held` while on hold, a `resumed` with no `held`
 * seen yet) is skipped rather than refused: it means an event is still missing, and the fold
 * is done again when it arrives.
 *
 * Several softphones may report one Call-ID when a queue rings agents together; `offered`
 * counts from anyone, every other phase only from `ownerId`, the agent who has the call.
 */
export function deriveCallTimeline(events: readonly CallEvent[], ownerId: string | null, direction: CallDirection): CallTimeline {
  const relevant = events
    .filter((event) => event.phase === 'offered' || event.agentId === ownerId)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || rank[a.phase] - rank[b.phase]);
  const first = relevant[0];
  if (!first) throw new Error('a call timeline needs at least one event');

  let phase: CallPhase | 'new' = 'new';
  let offeredAt: Date | null = null;
  let answeredAt: Date | null = null;
  let endedAt: Date | null = null;
  let heldSince: Date | null = null;
  let heldMs = 0;
  let transferred = false;
  let transferredTo: string | null = null;
  let statedReason: CallEndReason | null = null;

  for (const event of relevant) {
    if (!transitions[phase].includes(event.phase)) continue;
    switch (event.phase) {
      case 'offered':
        offeredAt = event.at;
        break;
      case 'answered':
        answeredAt = event.at;
        break;
      case 'held':
        heldSince = event.at;
        break;
      case 'resumed':
        heldMs += closeHold(heldSince, event.at);
        heldSince = null;
        break;
      case 'transferred':
        transferred = true;
        transferredTo = event.transferredTo ?? transferredTo;
        heldMs += closeHold(heldSince, event.at);
        heldSince = null;
        break;
      case 'ended':
        endedAt = event.at;
        statedReason = event.endReason ?? null;
        heldMs += closeHold(heldSince, event.at);
        heldSince = null;
        break;
      default:
        return exhaustive(event.phase);
    }
    phase = event.phase;
  }
  return {
    // Every phase may start a call, so the first event has always moved it on from 'new'.
    phase: phase === 'new' ? first.phase : phase,
    startedAt: first.at,
    offeredAt,
    answeredAt,
    endedAt,
    heldSeconds: Math.round(heldMs / 1000),
    durationSeconds: answeredAt && endedAt ? Math.max(0, Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000)) : null,
    endReason: endedAt ? (statedReason ?? (transferred ? 'transferred' : answeredAt ? 'completed' : direction === 'inbound' ? 'abandoned' : 'no-answer')) : null,
    transferredTo,
  };
}

function closeHold(since: Date | null, at: Date): number {
  return since ? Math.max(0, at.getTime() - since.getTime()) : 0;
}

function exhaustive(value: never): never {
  throw new Error(`unknown call phase ${String(value)}`);
}
