import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { readServiceConfig, type ServiceConfig } from '../src/config';
import { openDatabase, type Database, type DatabaseLocation } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import type { Clock } from '../src/domain/clock';
import { buildApp } from '../src/http/app';
import { csrfHeader, sessionCookie } from '../src/http/plugins/auth';
import { demoStaff, seedDemo, type DemoSeedContext, type ModuleSeed } from '../src/seed/demo-seed';
import { demoModuleSeeds } from '../src/seed/module-seeds';
import type { MonitoringMedia } from '../src/domain/monitoring/monitoring-media';
import type { RecordingMedia } from '../src/domain/recordings/recording-media';
import { createServices, type Services } from '../src/services';
import { LocalMonitoringMedia } from './local-monitoring-media';
import { LocalRecordingMedia } from './local-recording-media';
import { migratedTemplate } from './migrated-template';

/** Shared secret the tests' SIP credentials are signed with. */
export const testSipSecret = 'test-secret-for-sip-credentials-0123456789';

/**
 * Where test data lives: PGlite in memory (a copy of the migrated template), or a fresh database on the real PostgreSQL server
 * named by `TSUNAGU_TEST_POSTGRES_URL` (the test script starts one on loopback).
 */
export async function testDatabaseLocation(): Promise<{ location: DatabaseLocation; drop: () => Promise<void> }> {
  const adminUrl = process.env.TSUNAGU_TEST_POSTGRES_URL;
  if (!adminUrl) return { location: { memory: true, from: await migratedTemplate() }, drop: () => Promise.resolve() };
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    location: { url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** A signed-in test user: requests carry the session cookie and the CSRF token. */
export interface TestClient {
  readonly csrfToken: string;
  readonly cookie: string;
  readonly request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  readonly get: (url: string) => Promise<LightMyRequestResponse>;
  readonly post: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  readonly put: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  readonly patch: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  readonly delete: (url: string) => Promise<LightMyRequestResponse>;
}

/** The app under test on a fresh, migrated, demo-seeded database. */
export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: Database;
  readonly services: Services;
  readonly config: ServiceConfig;
  readonly seed: DemoSeedContext;
  /** Signs in a demo user (admin, sv1, sv2, 1001…1006) with its demo password. */
  readonly login: (username: string) => Promise<TestClient>;
  /** An anonymous client. */
  readonly anonymous: () => TestClient;
  readonly close: () => Promise<void>;
}

/** Demo password of a seeded user. */
export function demoPassword(username: string): string {
  const staff = demoStaff.find((person) => person.username === username);
  return staff ? staff.password : `tsunagu-${username}`;
}

/**
 * Builds the app on a fresh database, seeded with the demo tenant (and `moduleSeeds`).
 * @param options.location - reuse an existing database (restart tests).
 */
export async function createTestApp(
  options: { location?: DatabaseLocation; clock?: Clock; env?: Record<string, string>; moduleSeeds?: readonly ModuleSeed[]; recordingMedia?: RecordingMedia; monitoringMedia?: MonitoringMedia } = {},
): Promise<TestApp> {
  const { location, drop } = options.location ? { location: options.location, drop: () => Promise.resolve() } : await testDatabaseLocation();
  // Recordings go to a folder of this app's own, removed on close.
  const recordingsDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-test-recordings-'));
  const config = readServiceConfig({
    TSUNAGU_RECORDINGS_DIR: recordingsDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TSUNAGU_SIP_SHARED_SECRET: testSipSecret,
    TSUNAGU_LOGIN_RATE_LIMIT: '1000',
    ...options.env,
  });
  const database = await openDatabase(location);
  await migrate(database);
  const clock = options.clock ?? (() => new Date());
  // Real recorders; only rtpengine's subscription is left out (scripts/pbx/recording.test.ts has it).
  const services = createServices(database, config, clock, {
    recordingMedia: options.recordingMedia ?? new LocalRecordingMedia(),
    // The real mixer without rtpengine (scripts/pbx/monitor.test.ts passes the rtpengine one).
    monitoringMedia: options.monitoringMedia ?? new LocalMonitoringMedia(),
  });
  const seeded = await seedDemo(database.db, services.passwordHasher, options.moduleSeeds ?? demoModuleSeeds);
  const seed = seeded ?? (await reloadSeedContext(database));
  const app = await buildApp({ ...services, config, database, clock });

  const clientFor = (cookie: string, csrfToken: string): TestClient => {
    const request = (opts: InjectOptions) =>
      app.inject({ ...opts, headers: { ...(cookie ? { cookie } : {}), ...(csrfToken ? { [csrfHeader]: csrfToken } : {}), ...opts.headers } });
    return {
      csrfToken,
      cookie,
      request,
      get: (url) => request({ method: 'GET', url }),
      post: (url, payload) => request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) }),
      put: (url, payload) => request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
      patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
      delete: (url) => request({ method: 'DELETE', url }),
    };
  };

  return {
    app,
    database,
    services,
    config,
    seed,
    anonymous: () => clientFor('', ''),
    async login(username) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword(username) } });
      if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
      const token = response.cookies.find((cookie) => cookie.name === sessionCookie)?.value;
      if (!token) throw new Error('no session cookie');
      const body = response.json<{ csrfToken: string }>();
      return clientFor(`${sessionCookie}=${token}`, body.csrfToken);
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
      await rm(recordingsDir, { recursive: true, force: true });
    },
  };
}

/** Rebuilds the seed context from an already-seeded database (after a restart). */
async function reloadSeedContext(database: Database): Promise<DemoSeedContext> {
  const { rows } = await import('../src/db/rows');
  const { sql } = await import('drizzle-orm');
  const [tenant] = await rows<{ id: string }>(database.db, sql`select id from tenants order by created_at limit 1`);
  const groupRows = await rows<{ id: string; name: string }>(database.db, sql`select id, name from groups order by name desc`);
  const userRows = await rows<{ id: string; username: string; role: string; group_id: string }>(
    database.db,
    sql`select u.id, u.username, u.role, ug.group_id from users u join user_groups ug on ug.user_id = u.id`,
  );
  if (!tenant || groupRows.length < 2) throw new Error('database is not seeded');
  const [a, b] = groupRows.sort((x, y) => (x.name.startsWith('東京') ? -1 : y.name.startsWith('東京') ? 1 : 0));
  return {
    tenantId: tenant.id,
    groupIds: { a: a?.id ?? '', b: b?.id ?? '' },
    userIds: Object.fromEntries(userRows.map((row) => [row.username, row.id])),
    agentGroups: Object.fromEntries(userRows.filter((row) => row.role === 'agent').map((row) => [row.username, row.group_id])),
  };
}
