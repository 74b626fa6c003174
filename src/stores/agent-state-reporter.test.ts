import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../api/api-error';
import type { AgentStateChange, AgentStatusDto } from '../contract/events';
import { AgentStateReporter, type AgentStateSync } from './agent-state-reporter';

const status = (change: AgentStateChange): AgentStatusDto => ({
  agentId: '00000000-0000-4000-8000-000000000001',
  agentName: '1001',
  displayName: '佐藤 花子',
  sipUser: '1001',
  groupIds: [],
  state: change.state,
  reason: change.reason ?? null,
  since: '2026-11-23T10:00:00+09:00',
});

/** A service whose answers the test releases one by one. */
function slowService() {
  const sent: AgentStateChange[] = [];
  const waiting: ((result: ApiResult<AgentStatusDto>) => void)[] = [];
  const send = (change: AgentStateChange) => {
    sent.push(change);
    return new Promise<ApiResult<AgentStatusDto>>((resolve) => waiting.push(resolve));
  };
  const answer = (result: (change: AgentStateChange) => ApiResult<AgentStatusDto>) => {
    const resolve = waiting.shift();
    const change = sent[sent.length - waiting.length - 1];
    if (resolve && change) resolve(result(change));
  };
  return { sent, send, answer };
}

describe('agent state reporter', () => {
  it('sends only the latest of the changes made while one was on its way', async () => {
    const service = slowService();
    const syncs: AgentStateSync['kind'][] = [];
    const reporter = new AgentStateReporter({ send: service.send, onSync: (sync) => syncs.push(sync.kind) });
    reporter.report({ state: 'available' });
    reporter.report({ state: 'not-ready', reason: 'break' });
    reporter.report({ state: 'not-ready', reason: 'lunch' });
    expect(service.sent).toEqual([{ state: 'available' }]);

    service.answer((change) => ({ ok: true, value: status(change) }));
    await vi.waitFor(() => expect(service.sent).toHaveLength(2));
    expect(service.sent[1]).toEqual({ state: 'not-ready', reason: 'lunch' });
    service.answer((change) => ({ ok: true, value: status(change) }));
    await vi.waitFor(() => expect(syncs.at(-1)).toBe('synced'));
    expect(service.sent).toHaveLength(2);
  });

  it('reports a refusal and does not send it again', async () => {
    const service = slowService();
    const syncs: AgentStateSync[] = [];
    const reporter = new AgentStateReporter({ send: service.send, onSync: (sync) => syncs.push(sync) });
    reporter.report({ state: 'not-ready', reason: 'nap' });
    service.answer(() => ({ ok: false, error: { kind: 'http', status: 400, code: 'validation', message: 'unknown reason' } }));
    await vi.waitFor(() => expect(syncs.at(-1)).toMatchObject({ kind: 'refused', change: { reason: 'nap' } }));
    expect(service.sent).toHaveLength(1);
  });
});
