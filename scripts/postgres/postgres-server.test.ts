import { execFile } from 'node:child_process';
import { access, chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickFreePorts } from '../pbx/ports';
import { DataDirInUseError, PortInUseError, PostgresServer, PostgresStartError } from './postgres-server';

const isRoot = process.getuid?.() === 0;

let dataDir: string;
let port: number;
let server: PostgresServer | undefined;
let appUrl: string;

async function query<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  const [picked] = await pickFreePorts(1);
  if (picked === undefined) throw new Error('no free port');
  return picked;
}

beforeAll(async () => {
  // The temp folder itself is the data dir: mkdtemp makes it 0700, and a folder inside it would
  // be out of the postgres user's reach.
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-pg-'));
  port = await freePort();
  server = await PostgresServer.start({ dataDir, port });
});

afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function running(): PostgresServer {
  if (server === undefined) throw new Error('server not started');
  return server;
}

describe('PostgresServer', () => {
  it('serves on loopback as the tsunagu superuser, in UTF-8 with the C.UTF-8 locale', async () => {
    expect(running().url).toBe(`postgres://tsunagu@127.0.0.1:${port}/postgres`);
    const [settings] = await query<{ user: string; encoding: string; ctype: string; fsync: string; listen: string }>(
      running().url,
      `select current_user as user, pg_encoding_to_char(encoding) as encoding, datctype as ctype,
              current_setting('fsync') as fsync, current_setting('listen_addresses') as listen
         from pg_database where datname = current_database()`,
    );
    expect(settings).toEqual({ user: 'tsunagu', encoding: 'UTF8', ctype: 'C.UTF-8', fsync: 'off', listen: '127.0.0.1' });
  });

  it('creates a database where pg_trgm cuts Japanese into trigrams and finds it with % and ILIKE', async () => {
    appUrl = await running().createDatabase('tsunagu_test');
    expect(appUrl).toBe(`postgres://tsunagu@127.0.0.1:${port}/tsunagu_test`);
    await query(appUrl, 'create extension pg_trgm');

    const [trigrams] = await query<{ trigrams: string[] }>(appUrl, `select show_trgm('パスワード') as trigrams`);
    expect(trigrams?.trigrams.length).toBeGreaterThan(0);

    await query(appUrl, 'create table faq (id serial primary key, title text not null)');
    await query(appUrl, 'create index faq_title_trgm on faq using gin (title gin_trgm_ops)');
    await query(appUrl, `insert into faq (title) values ('パスワードを忘れた場合'), ('住所変更の手続き'), ('Password reset'), ('請求書の再発行')`);

    const similar = await query<{ title: string }>(appUrl, `select title from faq where title % $1 order by similarity(title, $1) desc`, ['パスワード忘れ']);
    expect(similar.map((row) => row.title)).toEqual(['パスワードを忘れた場合']);
    const containing = await query<{ title: string }>(appUrl, `select title from faq where title ilike $1 order by id`, ['%住所変更%']);
    expect(containing.map((row) => row.title)).toEqual(['住所変更の手続き']);
    const english = await query<{ title: string }>(appUrl, `select title from faq where title ilike $1`, ['%password%']);
    expect(english.map((row) => row.title)).toEqual(['Password reset']);
  });

  it('sorts Japanese by code point: hiragana, then katakana, then kanji', async () => {
    const sorted = await query<{ word: string }>(appUrl, `select word from unnest(array['顧客', 'カナ', 'かな', 'abc']) as word order by word`);
    expect(sorted.map((row) => row.word)).toEqual(['abc', 'かな', 'カナ', '顧客']);
  });

  it('keeps the data across a stop and a start on the same data dir', async () => {
    await running().stop();
    await expect(query(appUrl, 'select 1')).rejects.toThrow();
    server = await PostgresServer.start({ dataDir, port });
    const titles = await query<{ title: string }>(appUrl, 'select title from faq order by id');
    expect(titles).toHaveLength(4);
  });

  it('ends a server a crashed run left behind on the data dir, and ignores a stale postmaster.pid', async () => {
    await running().stop();
    const orphan = await PostgresServer.start({ dataDir, port: await freePort(), detached: true });
    const orphanPid = orphan.pid;
    // A new run knows nothing of `orphan`; starting must take over the cluster all the same.
    server = await PostgresServer.start({ dataDir, port });
    expect(server.pid).not.toBe(orphanPid);
    expect(await query(appUrl, 'select 1 as one')).toEqual([{ one: 1 }]);

    await server.stop();
    // A pid file whose pid is now some other process (here: ourselves).
    await writeFile(path.join(server.clusterDir, 'postmaster.pid'), `${process.pid}\n${server.clusterDir}\n0\n${port}\n`);
    server = await PostgresServer.start({ dataDir, port });
    expect(await PostgresServer.status(dataDir)).toMatchObject({ pid: server.pid, port, status: 'ready' });
  });

  it('refuses a data dir another live run is using, instead of taking its server away', async () => {
    const second = PostgresServer.start({ dataDir, port: await freePort() });
    await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(second).rejects.toThrow(`process ${process.pid}`);
    expect(await query(appUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('drops a database even with clients still connected', async () => {
    const client = new pg.Client({ connectionString: appUrl });
    client.on('error', () => undefined);
    await client.connect();
    await running().dropDatabase('tsunagu_test');
    const names = await query<{ datname: string }>(running().url, `select datname from pg_database where datname = 'tsunagu_test'`);
    expect(names).toEqual([]);
    await client.end().catch(() => undefined);
  });

  it('says which port is taken instead of failing obscurely', async () => {
    const holder: Server = createServer();
    const takenPort = await freePort();
    await new Promise<void>((resolve) => holder.listen(takenPort, '127.0.0.1', resolve));
    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-pg-'));
    try {
      await expect(PostgresServer.start({ dataDir: otherDir, port: takenPort })).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('fails with the server log when PostgreSQL will not start', async () => {
    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-pg-'));
    try {
      const start = PostgresServer.start({ dataDir: otherDir, port: await freePort(), settings: { shared_buffers: 'plenty' } });
      await expect(start).rejects.toBeInstanceOf(PostgresStartError);
      await expect(start).rejects.toThrow(/exited during start-up[\s\S]*invalid value for parameter "shared_buffers"/);
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it.runIf(isRoot)('names the folder that keeps the postgres user out', async () => {
    const closed = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-pg-closed-'));
    await chmod(closed, 0o700);
    try {
      await expect(PostgresServer.start({ dataDir: path.join(closed, 'data'), port: await freePort() })).rejects.toThrow(
        `cannot enter ${closed}`,
      );
    } finally {
      await rm(closed, { recursive: true, force: true });
    }
  });
});

describe('with-postgres', () => {
  it('runs a command beside a fresh server, passes on its exit code, then stops and removes the server', async () => {
    const probe = `
      const pg = require('pg');
      const client = new pg.Client({ connectionString: process.env.TSUNAGU_TEST_POSTGRES_URL });
      client.connect().then(() => client.query('select 41 + 1 as answer'))
        .then((result) => { console.log('answer', result.rows[0].answer); return client.end(); })
        .then(() => process.exit(3));`;
    const { TSUNAGU_TEST_PG_DIR: _kept, ...env } = process.env;
    const outcome = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/postgres/with-postgres.ts', '--', process.execPath, '-e', probe],
        { env, timeout: 20_000 },
        (error, stdout) => resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout }),
      );
    });
    expect(outcome.stdout).toContain('answer 42');
    expect(outcome.code).toBe(3);
    const logFile = /\(log: (.+)\)/.exec(outcome.stdout)?.[1];
    expect(logFile).toBeDefined();
    await expect(access(path.dirname(logFile ?? '/'))).rejects.toThrow();
  });
});
