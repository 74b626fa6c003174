import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { monitoringTags } from '../domain/monitoring/monitoring-media';
import type { MonitoringSession } from '../domain/monitoring/monitoring-service';
import { DbMonitoringSessionRepository } from './monitoring-session-repository';

// PGlite, or the real PostgreSQL server when TSUNAGU_TEST_POSTGRES_URL is set (npm test does both).
let testApp: TestApp;
let repository: DbMonitoringSessionRepository;

beforeAll(async () => {
  testApp = await createTestApp();
  repository = new DbMonitoringSessionRepository(testApp.database.db);
});

afterAll(async () => {
  await testApp.close();
});

const parties = { customerTag: 'cust-tag', agentTag: 'agent-tag', customerProfile: 'plain', agentProfile: 'webrtc' } as const;

function session(overrides: Partial<MonitoringSession> = {}): MonitoringSession {
  const { seed } = testApp;
  return {
    id: randomUUID(),
    tenantId: seed.tenantId,
    supervisorId: seed.userIds.sv1 ?? '',
    supervisorName: 'sv1',
    agentId: seed.userIds['1001'] ?? '',
    agentName: '1001',
    agentGroupIds: [seed.groupIds.a],
    sipCallId: `${randomUUID()}@repo.test`,
    mode: 'whisper',
    startedAt: new Date('2026-11-23T10:00:00Z'),
    ...overrides,
  };
}

describe('monitoring sessions in the database', () => {
  it('keeps what undoing a session needs: call, parties, own tags, supervisor, agent, mode; ends once', async () => {
    const started = session();
    await repository.create(started, { parties, tags: monitoringTags(started.id) });
    await repository.changeMode(started.id, 'barge', new Date('2026-11-23T10:01:00Z'));

    expect(await repository.openIds()).toContain(started.id);
    expect(await repository.find(testApp.seed.tenantId, started.id)).toEqual({
      ...started,
      mode: 'barge',
      parties,
      tags: { input: `mon-${started.id}`, supervisor: `sv-${started.id}`, mixForSupervisor: `mix-sv-${started.id}`, mixForAgent: `mix-agent-${started.id}`, mixForCustomer: `mix-customer-${started.id}` },
      endedAt: null,
      endReason: null,
    });

    await expect(repository.end(started.id, new Date('2026-11-23T10:02:00Z'), 'stopped')).resolves.toBe(true);
    // A second end (another instance, the shutdown after a recovery) changes nothing.
    await expect(repository.end(started.id, new Date('2026-11-23T10:03:00Z'), 'service-stopped')).resolves.toBe(false);
    await repository.changeMode(started.id, 'listen', new Date('2026-11-23T10:04:00Z'));
    expect(await repository.find(testApp.seed.tenantId, started.id)).toMatchObject({ mode: 'barge', endedAt: new Date('2026-11-23T10:02:00Z'), endReason: 'stopped' });
    expect(await repository.openIds()).not.toContain(started.id);
  });

  it('finds a session only in its own tenant, and nothing for an id that is no UUID', async () => {
    const started = session();
    await repository.create(started, { parties, tags: monitoringTags(started.id) });
    expect(await repository.find(randomUUID(), started.id)).toBeUndefined();
    expect(await repository.find(testApp.seed.tenantId, 'not-a-uuid')).toBeUndefined();
    await repository.end(started.id, new Date(), 'stopped');
  });

  it('holds an open session for one recovery at a time: the other finds it held or ended and does nothing', async () => {
    const started = session();
    await repository.create(started, { parties, tags: monitoringTags(started.id) });
    let runs = 0;
    const recover = async () => {
      runs += 1;
      await sleep(50);
      return new Date('2026-11-23T10:05:00Z');
    };
    const [first, second] = await Promise.all([repository.endHeld(started.id, 'service-restart', recover), repository.endHeld(started.id, 'service-restart', recover)]);
    expect(runs).toBe(1);
    expect([first?.id, second?.id].filter((id) => id !== undefined)).toEqual([started.id]);
    expect(await repository.find(testApp.seed.tenantId, started.id)).toMatchObject({ endedAt: new Date('2026-11-23T10:05:00Z'), endReason: 'service-restart' });
    await expect(repository.endHeld(started.id, 'service-restart', recover)).resolves.toBeUndefined();
    expect(runs).toBe(1);
  });

  it('leaves a session open when putting its call back failed, for a later attempt', async () => {
    const started = session();
    await repository.create(started, { parties, tags: monitoringTags(started.id) });
    await expect(repository.endHeld(started.id, 'service-restart', () => Promise.reject(new Error('rtpengine did not answer')))).rejects.toThrow('rtpengine did not answer');
    expect(await repository.find(testApp.seed.tenantId, started.id)).toMatchObject({ endedAt: null, endReason: null });
    expect(await repository.openIds()).toContain(started.id);
    await repository.end(started.id, new Date(), 'stopped');
  });
});
