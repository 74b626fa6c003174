import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiError, ApiResult } from '../api/api-error';
import type { CallEventRequest, CallEventResult } from '../contract/call-records';
import { memoryStorage } from '../testing/desk-tab';
import { CallEventOutbox, type OutboxEntry, type OutboxStatus } from './call-event-outbox';

const recordId = '00000000-0000-4000-8000-000000000001';
const event = (phase: CallEventRequest['phase'], second: number): CallEventRequest => ({
  phase,
  at: `2026-11-23T10:00:${String(second).padStart(2, '0')}+09:00`,
  direction: 'inbound',
  remoteNumber: '0312345678',
});
const filed = (version: number): ApiResult<CallEventResult> => ({ ok: true, value: { callRecordId: recordId, version, phase: 'offered', changed: true } });
const failed = (error: ApiError): ApiResult<CallEventResult> => ({ ok: false, error });

/** An outbox whose service answers from `answers` in turn (then success), recording what it was sent. */
function outboxWith(answers: ApiResult<CallEventResult>[], storage = memoryStorage()) {
  const sent: string[] = [];
  const refused: OutboxEntry[] = [];
  const statuses: OutboxStatus['kind'][] = [];
  const outbox = new CallEventOutbox({
    storage,
    file: (sipCallId, request) => {
      sent.push(`${sipCallId}:${request.phase}`);
      return Promise.resolve(answers.shift() ?? filed(1));
    },
    onFiled: () => undefined,
    onRefused: (entry) => refused.push(entry),
    onChange: (_pending, status) => statuses.push(status.kind),
    backoff: { initialDelayMs: 1000, maxDelayMs: 4000, factor: 2, jitter: 0 },
  });
  return { outbox, sent, refused, statuses, storage };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('call event outbox', () => {
  it('sends events one at a time, in order, and empties its storage', async () => {
    const { outbox, sent, storage } = outboxWith([]);
    outbox.open('agent-1');
    outbox.add('call-a', event('offered', 1));
    outbox.add('call-a', event('answered', 2));
    outbox.add('call-b', event('offered', 3));
    await vi.waitFor(() => expect(outbox.pending).toHaveLength(0));
    expect(sent).toEqual(['call-a:offered', 'call-a:answered', 'call-b:offered']);
    expect(storage.getItem('tsunagu.desk.outbox.agent-1')).toBeNull();
  });

  it('backs off after a network failure or a 5xx and tries the same event again', async () => {
    vi.useFakeTimers();
    const { outbox, sent } = outboxWith([failed({ kind: 'network', message: 'offline' }), failed({ kind: 'http', status: 503, message: 'down' })]);
    outbox.open('agent-1');
    outbox.add('call-a', event('offered', 1));
    outbox.add('call-a', event('ended', 9));
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.status).toMatchObject({ kind: 'retrying', attempt: 1 });
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toEqual(['call-a:offered']);
    await vi.advanceTimersByTimeAsync(1);
    expect(outbox.status).toMatchObject({ kind: 'retrying', attempt: 2 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toEqual(['call-a:offered', 'call-a:offered', 'call-a:offered', 'call-a:ended']);
    expect(outbox.pending).toHaveLength(0);
  });

  it('drops an event the service refuses for good and goes on with the next', async () => {
    const { outbox, sent, refused } = outboxWith([failed({ kind: 'http', status: 403, code: 'forbidden', message: 'another agent' })]);
    outbox.open('agent-1');
    outbox.add('call-a', event('offered', 1));
    outbox.add('call-b', event('offered', 2));
    await vi.waitFor(() => expect(outbox.pending).toHaveLength(0));
    expect(refused.map((entry) => entry.sipCallId)).toEqual(['call-a']);
    expect(sent).toEqual(['call-a:offered', 'call-b:offered']);
  });

  it('waits for the next session after a 401 and sends what it kept then', async () => {
    const storage = memoryStorage();
    const first = outboxWith([failed({ kind: 'http', status: 401, code: 'unauthenticated', message: 'sign in first' })], storage);
    first.outbox.open('agent-1');
    first.outbox.add('call-a', event('offered', 1));
    await vi.waitFor(() => expect(first.outbox.status.kind).toBe('waiting-for-session'));
    expect(first.outbox.pending).toHaveLength(1);
    first.outbox.close();

    const second = outboxWith([], storage);
    second.outbox.open('agent-2');
    expect(second.outbox.pending).toHaveLength(0);
    second.outbox.open('agent-1');
    await vi.waitFor(() => expect(second.outbox.pending).toHaveLength(0));
    expect(second.sent).toEqual(['call-a:offered']);
  });

  it('skips stored entries that are not call events instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem('tsunagu.desk.outbox.agent-1', JSON.stringify([{ sipCallId: 'call-a', event: { phase: 'teleported' } }, 42, { sipCallId: 'call-b', event: event('offered', 1) }]));
    const { outbox } = outboxWith([failed({ kind: 'network', message: 'offline' })], storage);
    outbox.open('agent-1');
    expect(outbox.pending.map((entry) => entry.sipCallId)).toEqual(['call-b']);
    outbox.close();
  });
});
