import { describe, expect, it } from 'vitest';
import type { CallPhase } from './events';
import { foldCallTimeline, type TimedCallEvent as MockCallEvent } from './call-timeline';

const agent = '00000000-0000-4000-8000-000000000101';
const other = '00000000-0000-4000-8000-000000000102';
const event = (phase: CallPhase, second: number, extra: Partial<MockCallEvent> = {}): MockCallEvent => ({
  phase,
  at: Date.UTC(2026, 3, 1, 0, 0, second),
  agentId: agent,
  endReason: null,
  transferredTo: null,
  ...extra,
});

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe('foldCallTimeline', () => {
  it('gives the same record whatever order the events arrived in', () => {
    const events = [event('offered', 0), event('answered', 10), event('held', 20), event('resumed', 50), event('ended', 70)];
    const expected = {
      phase: 'ended',
      startedAt: events[0]?.at,
      offeredAt: events[0]?.at,
      answeredAt: events[1]?.at,
      endedAt: events[4]?.at,
      heldSeconds: 30,
      durationSeconds: 60,
      endReason: 'completed',
      transferredTo: null,
    };
    for (const order of permutations(events)) expect(foldCallTimeline(order, agent, 'inbound')).toEqual(expected);
  });

  it('derives why a call ended unless SIP said so', () => {
    expect(foldCallTimeline([event('offered', 0), event('ended', 20)], agent, 'inbound').endReason).toBe('abandoned');
    expect(foldCallTimeline([event('offered', 0), event('ended', 20)], agent, 'outbound').endReason).toBe('no-answer');
    expect(foldCallTimeline([event('offered', 0), event('ended', 5, { endReason: 'busy' })], agent, 'outbound').endReason).toBe('busy');
    const transferred = foldCallTimeline([event('answered', 0), event('held', 5), event('transferred', 15, { transferredTo: '1003' }), event('ended', 16)], agent, 'inbound');
    expect(transferred).toMatchObject({ endReason: 'transferred', transferredTo: '1003', heldSeconds: 10, durationSeconds: 16, offeredAt: null });
  });

  it('waits for a missing event instead of refusing what came before it', () => {
    expect(foldCallTimeline([event('answered', 0), event('resumed', 30)], agent, 'inbound')).toMatchObject({ phase: 'answered', heldSeconds: 0 });
    expect(foldCallTimeline([event('answered', 0), event('resumed', 30), event('held', 10)], agent, 'inbound')).toMatchObject({ phase: 'resumed', heldSeconds: 20 });
  });

  it('counts another agent’s offer but only the owner’s other events', () => {
    const timeline = foldCallTimeline([event('offered', 0, { agentId: other }), event('ended', 9, { agentId: other }), event('answered', 5), event('ended', 30)], agent, 'inbound');
    expect(timeline).toMatchObject({ offeredAt: event('offered', 0).at, answeredAt: event('answered', 5).at, durationSeconds: 25 });
  });
});
