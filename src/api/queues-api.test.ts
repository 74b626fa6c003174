import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../contract/events';
import { demoAccount, demoGroupIds } from '../testing/msw/demo-directory';
import { installMockService } from '../testing/msw/install-mock-service';
import { mockDatabase } from '../testing/msw/mock-database';
import { mockQueues } from '../testing/msw/queue-mock';
import { signedInClient } from '../testing/msw/signed-in-client';
import type { ApiResult } from './api-error';
import { QueuesApi } from './queues-api';

installMockService();

async function queuesAs(username: string) {
  const { client } = await signedInClient(username);
  return new QueuesApi(client);
}

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('QueuesApi against the mock CTI service', () => {
  it('lists every queue for administrators, the group’s for supervisors, the queues an agent can take', async () => {
    const numbers = async (username: string) => valueOf(await (await queuesAs(username)).listQueues()).map((queue) => queue.number);
    expect(await numbers('admin')).toEqual(['2001', '2002', '2003', '2009']);
    expect(await numbers('sv1')).toEqual(['2001', '2002', '2009']);
    expect(await numbers('sv2')).toEqual(['2003']);
    expect(await numbers('1001')).toEqual(['2001', '2009']);
    expect(await numbers('1002')).toEqual(['2001', '2002', '2009']);
  });

  it('lets a supervisor of the queue’s group close it, and refuses the other group’s supervisor and agents', async () => {
    // One browser, one session at a time: each sign-in replaces the previous one's cookie.
    const weekday = valueOf(await (await queuesAs('sv1')).listQueues()).find((queue) => queue.number === '2009');
    if (!weekday) throw new Error('no queue 2009');
    expect(await (await queuesAs('sv2')).setHoursOverride(weekday.id, 'open')).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });
    expect(await (await queuesAs('1001')).setHoursOverride(weekday.id, 'open')).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });
    const supervisor = await queuesAs('sv1');
    expect(valueOf(await supervisor.setHoursOverride(weekday.id, 'closed'))).toMatchObject({ hoursOverride: 'closed', openNow: false });
    expect(valueOf(await supervisor.setHoursOverride(weekday.id, 'open'))).toMatchObject({ hoursOverride: 'open', openNow: true });
  });

  it('reads the figures and hears their changes as queue live events, the group’s supervisors only', async () => {
    const heard: Record<string, LiveEvent[]> = { sv1: [], sv2: [], '1001': [] };
    for (const username of ['sv1', 'sv2', '1001'] as const) {
      mockDatabase.subscribe(demoAccount(username), (event) => {
        if (event.type === 'queue') heard[username]?.push(event);
      });
    }
    mockQueues.setStats('2001', { waiting: 2, oldestWaitingSince: new Date(mockDatabase.now() - 40_000).toISOString(), longestWaitSeconds: 40, answeredToday: 3, abandonedToday: 1, answerRate: 0.75 });
    expect(heard.sv1).toHaveLength(1);
    expect(heard.sv1?.[0]).toMatchObject({ type: 'queue', queueNumber: '2001', groupId: demoGroupIds.tokyo, stats: { waiting: 2, answerRate: 0.75 } });
    expect(heard.sv2).toEqual([]);
    expect(heard['1001']).toEqual([]);
    const tokyo = valueOf(await (await queuesAs('sv1')).listQueues()).find((queue) => queue.number === '2001');
    expect(tokyo?.stats).toMatchObject({ waiting: 2, longestWaitSeconds: 40, answeredToday: 3 });
  });

  it('lets administrators alone set a queue’s recording policy, with the contract’s limits on the days', async () => {
    const tokyo = valueOf(await (await queuesAs('admin')).listQueues()).find((queue) => queue.number === '2001');
    if (!tokyo) throw new Error('no queue 2001');
    expect(tokyo).toMatchObject({ recordCalls: true, pauseAllowed: true, retentionDays: 180 });
    expect(await (await queuesAs('sv1')).setRecordingPolicy(tokyo.id, { recordCalls: true, pauseAllowed: false, retentionDays: 365 })).toMatchObject({ ok: false, error: { status: 403 } });
    const admin = await queuesAs('admin');
    expect(await admin.setRecordingPolicy(tokyo.id, { recordCalls: true, pauseAllowed: false, retentionDays: 1826 })).toMatchObject({ ok: false, error: { status: 400 } });
    expect(valueOf(await admin.setRecordingPolicy(tokyo.id, { recordCalls: true, pauseAllowed: false, retentionDays: 365 }))).toMatchObject({ number: '2001', pauseAllowed: false, retentionDays: 365 });
    expect(mockDatabase.audit.filter((entry) => entry.resourceType === 'queue').map((entry) => entry.detail)).toEqual([
      { change: 'recording-policy', before: { recordCalls: true, pauseAllowed: true, retentionDays: 180 }, after: { recordCalls: true, pauseAllowed: false, retentionDays: 365 } },
    ]);
  });

  it('extends a queue’s recordings for its group’s supervisor, and refuses the other group’s', async () => {
    const tokyo = valueOf(await (await queuesAs('sv1')).listQueues()).find((queue) => queue.number === '2001');
    if (!tokyo) throw new Error('no queue 2001');
    expect(await (await queuesAs('sv2')).extendRecordings(tokyo.id)).toMatchObject({ ok: false, error: { status: 403 } });
    expect(valueOf(await (await queuesAs('sv1')).extendRecordings(tokyo.id))).toEqual({ extended: 0 });
  });
});
