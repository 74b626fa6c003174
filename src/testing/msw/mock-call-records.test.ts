import { describe, expect, it } from 'vitest';
import type { CallDirection, CallEventRequest } from '../../contract/call-records';
import { demoAccount } from './demo-directory';
import { MockCallRecords } from './mock-call-records';
import { mockCustomers } from './mock-customers';
import { MockRefusal } from './mock-refusal';

const now = Date.parse('2026-11-20T15:00:00+09:00');
const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
const sato = demoAccount('1001');
const suzuki = demoAccount('1002');
const takahashi = demoAccount('1003');

/** An empty record book over the demo customers, so every record is the test's own. */
function records(): MockCallRecords {
  return new MockCallRecords(mockCustomers);
}

function event(phase: CallEventRequest['phase'], minutes: number, direction: CallDirection, remoteNumber: string, extra: Partial<CallEventRequest> = {}): CallEventRequest {
  return { phase, at: minutesAgo(minutes), direction, remoteNumber, ...extra };
}

function refusalOf(work: () => unknown): MockRefusal | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    if (error instanceof MockRefusal) return error;
    throw error;
  }
}

describe('call records of the mock service, one per side of a call', () => {
  it('give a call between agents an outbound record for the caller and an inbound one for the callee, linked, each completed by its own agent', () => {
    const book = records();
    // 1002 dials extension 1001; both softphones file the same Call-ID.
    const outbound = book.fileEvent(suzuki, 'internal@pbx', event('offered', 20, 'outbound', '1001'), now);
    const inbound = book.fileEvent(sato, 'internal@pbx', event('offered', 20, 'inbound', '1002'), now);
    expect([outbound.created, inbound.created]).toEqual([true, true]);
    expect(inbound.record.id).not.toBe(outbound.record.id);
    for (const [agent, direction, remote] of [
      [suzuki, 'outbound', '1001'],
      [sato, 'inbound', '1002'],
    ] as const) {
      book.fileEvent(agent, 'internal@pbx', event('answered', 19.9, direction, remote), now);
      book.fileEvent(agent, 'internal@pbx', event('ended', 15, direction, remote), now);
    }

    expect(book.readable(suzuki, outbound.record.id)).toMatchObject({ direction: 'outbound', agentId: suzuki.id, remoteNumber: '1001', endReason: 'completed', durationSeconds: 294, linkedCallId: inbound.record.id });
    expect(book.readable(sato, inbound.record.id)).toMatchObject({ direction: 'inbound', agentId: sato.id, remoteNumber: '1002', endReason: 'completed', durationSeconds: 294, linkedCallId: outbound.record.id });

    const replay = book.fileEvent(sato, 'internal@pbx', event('answered', 19.9, 'inbound', '1002'), now);
    expect(replay).toMatchObject({ changed: false, created: false, record: { id: inbound.record.id } });
    expect(book.all()).toHaveLength(2);

    expect(book.update(sato, inbound.record.id, { expectedVersion: 1, notes: '内線: 請求の件を引き継ぎ' }, now).version).toBe(2);
    expect(refusalOf(() => book.update(sato, outbound.record.id, { expectedVersion: 1, notes: '相手の記録' }, now))?.code).toBe('forbidden');
    expect(refusalOf(() => book.fileEvent(suzuki, 'internal@pbx', event('held', 18, 'inbound', '1002'), now))?.code).toBe('forbidden');
    expect(book.readable(suzuki, outbound.record.id)).toMatchObject({ version: 1, notes: '' });
  });

  it('keep the takeover of a queue call within its inbound side', () => {
    const book = records();
    const inbound = book.fileEvent(sato, 'queue@pbx', event('offered', 10, 'inbound', '1002', { queue: '東京代表' }), now).record;
    const outbound = book.fileEvent(suzuki, 'queue@pbx', event('offered', 10, 'outbound', '0352001000'), now).record;
    book.fileEvent(sato, 'queue@pbx', event('ended', 9.9, 'inbound', '1002'), now);
    expect(book.fileEvent(takahashi, 'queue@pbx', event('answered', 9.9, 'inbound', '1002'), now).record.id).toBe(inbound.id);
    expect(refusalOf(() => book.fileEvent(sato, 'queue@pbx', event('answered', 9.8, 'inbound', '1002'), now))?.code).toBe('forbidden');

    expect(book.readable(takahashi, inbound.id)).toMatchObject({ agentId: takahashi.id, phase: 'answered', linkedCallId: outbound.id });
    expect(book.readable(suzuki, outbound.id)).toMatchObject({ agentId: suzuki.id, linkedCallId: inbound.id });
  });

  it('link a transfer to the agent’s own consultation call, whose colleague’s side links back to it', () => {
    const book = records();
    const original = book.fileEvent(sato, 'customer@pbx', event('answered', 30, 'inbound', '03-1234-5678'), now).record;
    const mine = book.fileEvent(sato, 'consult@pbx', event('offered', 27, 'outbound', '1002'), now).record;
    const theirs = book.fileEvent(suzuki, 'consult@pbx', event('offered', 27, 'inbound', '1001'), now).record;
    book.fileEvent(sato, 'customer@pbx', event('transferred', 26, 'inbound', '03-1234-5678', { transferredTo: '1002', linkedSipCallId: 'consult@pbx' }), now);

    expect(book.readable(sato, original.id).linkedCallId).toBe(mine.id);
    expect(book.readable(sato, mine.id).linkedCallId).toBe(original.id);
    expect(book.readable(suzuki, theirs.id).linkedCallId).toBe(mine.id);
  });
});

describe('blind transfers in the mock service', () => {
  it('link the transferred call and the answered call that followed it, by the target extension or queue, as the service does', () => {
    const book = records();
    const customer = '03-1234-5678';
    const original = book.fileEvent(sato, 'customer@gw', event('offered', 30, 'inbound', customer), now);
    book.fileEvent(sato, 'customer@gw', event('answered', 29.9, 'inbound', customer), now);
    book.fileEvent(sato, 'customer@gw', event('transferred', 25, 'inbound', customer, { transferredTo: '2001' }), now);
    // The queue rings 1003 (no answer), then 1002 answers; a call from another number does not count.
    const missed = book.fileEvent(takahashi, 'try-1@gw', event('offered', 24.5, 'inbound', customer, { queue: '2001' }), now);
    const other = book.fileEvent(suzuki, 'other@gw', event('offered', 24.4, 'inbound', '03-9999-0000', { queue: '2001' }), now);
    book.fileEvent(suzuki, 'other@gw', event('answered', 24.4, 'inbound', '03-9999-0000', { queue: '2001' }), now);
    const taken = book.fileEvent(suzuki, 'try-2@gw', event('offered', 24, 'inbound', customer, { queue: '2001' }), now);
    book.fileEvent(suzuki, 'try-2@gw', event('answered', 23.9, 'inbound', customer, { queue: '2001' }), now);
    const linkOf = (id: string) => book.all().find((record) => record.id === id)?.linkedCallId;
    expect(linkOf(original.record.id)).toBe(taken.record.id);
    expect(linkOf(taken.record.id)).toBe(original.record.id);
    expect([linkOf(missed.record.id), linkOf(other.record.id)]).toEqual([null, null]);

    // Too late after the transfer: no link.
    const late = records();
    late.fileEvent(sato, 'customer@gw', event('offered', 30, 'inbound', customer), now);
    late.fileEvent(sato, 'customer@gw', event('transferred', 25, 'inbound', customer, { transferredTo: '1002' }), now);
    late.fileEvent(suzuki, 'late@gw', event('offered', 21, 'inbound', customer), now);
    const answeredLate = late.fileEvent(suzuki, 'late@gw', event('answered', 20.9, 'inbound', customer), now);
    expect(answeredLate.record.linkedCallId).toBeNull();
  });
});
