import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { assertPortsFree, PortInUseError } from '../pbx/ports';
import { claimDataDir, liveOwner, releaseDataDir, type DataDirOwner } from './data-dir-owner';
import { findPostgresBinaries, type PostgresBinaries } from './postgres-binaries';
import { isAlive, isPostmasterOf, readPostmasterPidFile, type PostmasterPidFile } from './postmaster-pid-file';
import { assertReachable, resolveServerAccount, spawnIdentity, type ServerAccount } from './server-account';

export { PortInUseError } from '../pbx/ports';
export type { PostmasterPidFile } from './postmaster-pid-file';

/** The superuser `initdb` creates; every URL of this module connects as it, without a password. */
export const POSTGRES_SUPERUSER = 'tsunagu';

/** How to run one throw-away PostgreSQL cluster. */
export interface PostgresServerOptions {
  /**
   * Holds everything of this server: the cluster (`cluster/`), its Unix socket (`socket/`) and
   * `postgres.log`. Created if missing; a cluster already there is reused (fast restart).
   */
  dataDir: string;
  /** TCP port on `host`. */
  port: number;
  /** Listening address; only loopback is offered, the cluster trusts every local connection. */
  host?: '127.0.0.1';
  /** How long `start()` waits for a client to get in, initdb not counted; 30 s if omitted. */
  startTimeoutMs?: number;
  /** Extra server settings, passed as `-c name=value` (e.g. `{ shared_buffers: '512MB' }`). */
  settings?: Readonly<Record<string, string | number>>;
  /** Keep the server running after this process exits (the CLI); stop it with `stopDataDir`. */
  detached?: boolean;
}

/** PostgreSQL did not come up (initdb failed, the postmaster exited, or no client got in in time). */
export class PostgresStartError extends Error {
  override readonly name = 'PostgresStartError';

  constructor(
    reason: string,
    readonly logFile: string,
    readonly logTail: string,
  ) {
    super(`${reason}\nLast lines of ${logFile}:\n${logTail}`);
  }
}

/**
 * Another live process runs a server on this data dir.
 * @remarks Callers may catch it and use another data dir; the message names the process.
 */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';

  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner,
  ) {
    super(`${dataDir} is in use by a PostgreSQL that process ${owner.pid} (${owner.command}) started; use another data dir, or stop that run first.`);
  }
}

interface ResolvedOptions {
  readonly dataDir: string;
  readonly clusterDir: string;
  readonly socketDir: string;
  readonly logFile: string;
  readonly host: string;
  readonly port: number;
  readonly startTimeoutMs: number;
  readonly settings: Readonly<Record<string, string | number>>;
  readonly detached: boolean;
}

interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: Error;
}

const LOG_TAIL_LINES = 30;
/** Longest Unix socket path Linux accepts (`sun_path` is 108 bytes with the NUL). */
const MAX_SOCKET_PATH = 107;
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const SETTING_NAME = /^[a-z_][a-z0-9_.]*$/;

/**
 * Settings every run gets. Throw-away data: durability is traded for speed (no fsync, no full
 * page images), which is what tests and benchmarks want and what a real deployment must not copy.
 */
function serverSettings(o: ResolvedOptions): Record<string, string | number> {
  return {
    listen_addresses: o.host,
    port: o.port,
    unix_socket_directories: o.socketDir,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    ...o.settings,
  };
}

function resolveOptions(options: PostgresServerOptions): ResolvedOptions {
  const dataDir = path.resolve(options.dataDir);
  const socketDir = path.join(dataDir, 'socket');
  const socketPath = path.join(socketDir, `.s.PGSQL.${options.port}`);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new Error(`dataDir is too deep for a Unix socket path (${socketPath} is over ${MAX_SOCKET_PATH} bytes); choose a shorter one.`);
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) throw new Error(`Invalid port: ${options.port}`);
  for (const name of Object.keys(options.settings ?? {})) {
    if (!SETTING_NAME.test(name)) throw new Error(`Invalid PostgreSQL setting name: ${name}`);
  }
  return {
    dataDir,
    clusterDir: path.join(dataDir, 'cluster'),
    socketDir,
    logFile: path.join(dataDir, 'postgres.log'),
    host: options.host ?? '127.0.0.1',
    port: options.port,
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
    settings: options.settings ?? {},
    detached: options.detached ?? false,
  };
}

function assertDatabaseName(name: string): void {
  if (!DATABASE_NAME.test(name)) throw new Error(`Database name must match ${DATABASE_NAME.source}: ${JSON.stringify(name)}`);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Polls until `pid` is gone; false if it still runs after `timeoutMs`. */
async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (await isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Ends a postmaster the way `pg_ctl stop` does, escalating when it does not listen.
 * @remarks SIGINT is PostgreSQL's "fast" shutdown (abort transactions, checkpoint, exit);
 * SIGQUIT its "immediate" one (crash recovery at the next start); SIGKILL of the process group
 * is the last resort, for a postmaster started detached by this module.
 */
async function shutDownPostmaster(pid: number, exited: (timeoutMs: number) => Promise<boolean>): Promise<void> {
  signal(pid, 'SIGINT');
  if (await exited(15_000)) return;
  signal(pid, 'SIGQUIT');
  if (await exited(5_000)) return;
  signal(-pid, 'SIGKILL');
  signal(pid, 'SIGKILL');
  await exited(5_000);
}

async function logOffset(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

async function readTail(file: string, fromOffset: number, lines = LOG_TAIL_LINES): Promise<string> {
  try {
    const text = (await readFile(file)).subarray(fromOffset).toString('utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n') || '(empty)';
  } catch {
    return '(no log)';
  }
}

/** Environment of the PostgreSQL processes: none of our PG* variables, a UTF-8 locale. */
function childEnv(binaries: PostgresBinaries): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: `${binaries.binDir}:/usr/local/bin:/usr/bin:/bin`, LANG: 'C.UTF-8' };
  if (process.env.TZ !== undefined) env.TZ = process.env.TZ;
  return env;
}

/** Opens `logFile` for appending, writes a header naming the command, and hands the descriptor to `use`. */
function withLog<T>(logFile: string, command: string, args: readonly string[], use: (fd: number) => T): T {
  const fd = openSync(logFile, 'a');
  try {
    writeSync(fd, `\n=== ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
    return use(fd);
  } finally {
    closeSync(fd);
  }
}

async function chownTree(dir: string, account: ServerAccount): Promise<void> {
  await promisify(execFile)('chown', ['-R', `${account.uid}:${account.gid}`, dir]);
}

/**
 * A throw-away PostgreSQL server on loopback, run from Debian's `postgresql` package.
 * @remarks Used by the API tests (the service against a real server as well as PGlite) and by
 * the data benchmark. The cluster trusts every connection and runs without fsync: never point
 * it at data that matters. Started as root, it runs as the `postgres` system user.
 */
export class PostgresServer {
  /** `postgres://tsunagu@127.0.0.1:PORT/postgres`, the maintenance database. */
  readonly url: string;
  /** initdb's and the server's output, appended across runs. */
  readonly logFile: string;
  /** The cluster itself (`PGDATA`). */
  readonly clusterDir: string;
  /** Where the Unix socket is, for `psql -h <socketDir> -p <port> -U tsunagu`. */
  readonly socketDir: string;

  readonly #options: ResolvedOptions;
  #binaries: PostgresBinaries | undefined;
  #child: ChildProcess | undefined;
  #exit: Promise<ExitStatus> | undefined;
  readonly #stopOnExit = (): void => {
    // Last resort when our own process goes away without stop(): a fast shutdown runs on its own.
    const pid = this.#child?.pid;
    if (pid !== undefined) signal(pid, 'SIGINT');
  };

  private constructor(options: ResolvedOptions) {
    this.#options = options;
    this.url = this.urlOf('postgres');
    this.logFile = options.logFile;
    this.clusterDir = options.clusterDir;
    this.socketDir = options.socketDir;
  }

  /** The PostgreSQL major version serving (known once started). */
  get major(): number | undefined {
    return this.#binaries?.major;
  }

  /** The postmaster's pid, or undefined once stopped. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /**
   * Starts the server, creating the cluster first when `dataDir` has none, and resolves once a
   * `pg` client can connect and run a query.
   * @remarks A postmaster left running on the same cluster by a run that was not stopped is
   * shut down first; a stale `postmaster.pid` is removed.
   * @throws DataDirInUseError when a live process (not a detached CLI start) runs a server on
   * `dataDir`; PortInUseError when the port is taken; PostgresStartError (with the log tail) when
   * initdb fails, the server exits or no client gets in in time; Error when the binaries or the
   * `postgres` account are missing or that account cannot reach `dataDir`.
   */
  static async start(options: PostgresServerOptions): Promise<PostgresServer> {
    const server = new PostgresServer(resolveOptions(options));
    await server.#launch();
    return server;
  }

  /**
   * Stops the server running on `dataDir`, whoever started it (the CLI's `stop`).
   * @returns false when none was running.
   */
  static async stopDataDir(dataDir: string): Promise<boolean> {
    const clusterDir = path.join(path.resolve(dataDir), 'cluster');
    const running = await PostgresServer.status(dataDir);
    if (running === undefined) return false;
    await shutDownPostmaster(running.pid, (timeoutMs) => waitUntilGone(running.pid, timeoutMs));
    await rm(path.join(clusterDir, 'postmaster.pid'), { force: true });
    await releaseDataDir(path.resolve(dataDir), true);
    return true;
  }

  /** The postmaster running on `dataDir`, from its `postmaster.pid`; undefined when none runs. */
  static async status(dataDir: string): Promise<PostmasterPidFile | undefined> {
    const clusterDir = path.join(path.resolve(dataDir), 'cluster');
    const pidFile = await readPostmasterPidFile(clusterDir);
    if (pidFile === undefined || !(await isPostmasterOf(pidFile.pid, clusterDir))) return undefined;
    return pidFile;
  }

  /** The URL of database `name` on this server. */
  urlOf(name: string): string {
    return `postgres://${POSTGRES_SUPERUSER}@${this.#options.host}:${this.#options.port}/${encodeURIComponent(name)}`;
  }

  /**
   * Creates an empty database (UTF-8, C.UTF-8 collation, from `template1`).
   * @returns its URL.
   * @throws the server's error when it already exists.
   */
  async createDatabase(name: string): Promise<string> {
    assertDatabaseName(name);
    await this.#admin(`create database "${name}"`);
    return this.urlOf(name);
  }

  /** Drops database `name` if it exists, disconnecting whoever is still connected to it. */
  async dropDatabase(name: string): Promise<void> {
    assertDatabaseName(name);
    await this.#admin(`drop database if exists "${name}" with (force)`);
  }

  /** Fast shutdown (`pg_ctl stop -m fast`): open transactions are rolled back, data is kept. */
  async stop(): Promise<void> {
    const child = this.#child;
    const exit = this.#exit;
    // A detached child was unref'd; waiting for its exit must keep this process alive.
    child?.ref();
    if (child?.pid !== undefined && exit !== undefined && child.exitCode === null && child.signalCode === null) {
      await shutDownPostmaster(child.pid, (timeoutMs) =>
        // Unref'd: a postmaster that exits promptly must not leave a timer keeping us alive.
        Promise.race([exit.then(() => true), sleep(timeoutMs, false, { ref: false })]),
      );
    }
    if (exit !== undefined) await exit;
    process.off('exit', this.#stopOnExit);
    this.#child = undefined;
    this.#exit = undefined;
    await releaseDataDir(this.#options.dataDir);
  }

  async #admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  async #launch(): Promise<void> {
    const o = this.#options;
    const binaries = await findPostgresBinaries();
    const account = await resolveServerAccount();
    this.#binaries = binaries;

    // Parents with the default mode: a 0700 folder on the way would shut the postgres user out.
    await mkdir(path.dirname(o.dataDir), { recursive: true });
    await mkdir(o.dataDir, { recursive: true, mode: 0o700 });
    if (account.switched && (await stat(o.dataDir)).uid !== account.uid) await chownTree(o.dataDir, account);
    await assertReachable(account, o.dataDir);
    const owner = await liveOwner(o.dataDir);
    if (owner !== undefined) throw new DataDirInUseError(o.dataDir, owner);
    await claimDataDir(o.dataDir, o.detached);
    try {
      await this.#reapStale();
      await assertPortsFree([o.port], o.host, ['tcp']);
      await this.#ensureCluster(binaries, account);
      // Socket and its lock file are recreated on every start; a stale lock would block the port.
      await rm(o.socketDir, { recursive: true, force: true });
      await mkdir(o.socketDir, { mode: 0o700 });
      if (account.switched) await chownTree(o.socketDir, account);
    } catch (error) {
      await releaseDataDir(o.dataDir);
      throw error;
    }

    const offset = await logOffset(o.logFile);
    const args = ['-D', o.clusterDir, ...Object.entries(serverSettings(o)).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
    const child = withLog(o.logFile, binaries.postgres, args, (fd) =>
      // Own process group: a Ctrl-C meant for the test runner does not reach the postmaster,
      // which is shut down in order by stop() instead.
      spawn(binaries.postgres, args, {
        cwd: o.dataDir,
        env: childEnv(binaries),
        stdio: ['ignore', fd, fd],
        detached: true,
        ...spawnIdentity(account),
      }),
    );
    const exit = new Promise<ExitStatus>((resolve) => {
      child.once('exit', (code, sig) => resolve({ code, signal: sig }));
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
    });
    // Once it has gone, its pid may be reused: our exit hook must not signal that pid any more.
    void exit.then(() => process.off('exit', this.#stopOnExit));
    this.#child = child;
    this.#exit = exit;
    if (o.detached) child.unref();
    else process.on('exit', this.#stopOnExit);

    try {
      await this.#waitUntilReady(exit, offset);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Runs initdb unless the data dir already holds a cluster of the installed major version. */
  async #ensureCluster(binaries: PostgresBinaries, account: ServerAccount): Promise<void> {
    const o = this.#options;
    const version = await readFile(path.join(o.clusterDir, 'PG_VERSION'), 'utf8').catch(() => undefined);
    if (version !== undefined) {
      const major = Number.parseInt(version.trim(), 10);
      if (major === binaries.major) return;
      throw new PostgresStartError(
        `${o.clusterDir} holds a PostgreSQL ${major} cluster but PostgreSQL ${binaries.major} is installed; delete ${o.dataDir} to start afresh.`,
        o.logFile,
        await readTail(o.logFile, 0, 5),
      );
    }
    // No PG_VERSION: nothing, or what an interrupted initdb left behind.
    await rm(o.clusterDir, { recursive: true, force: true });
    const args = [
      '-D',
      o.clusterDir,
      '--auth=trust',
      `--username=${POSTGRES_SUPERUSER}`,
      '--encoding=UTF8',
      // Code-point order for sorting, and a ctype in which Japanese letters are letters, so
      // pg_trgm cuts Japanese text into trigrams instead of dropping it as punctuation.
      '--locale=C.UTF-8',
      '--no-sync',
      '--no-instructions',
    ];
    const offset = await logOffset(o.logFile);
    const status = await withLog(o.logFile, binaries.initdb, args, (fd) => {
      const initdb = spawn(binaries.initdb, args, { cwd: o.dataDir, env: childEnv(binaries), stdio: ['ignore', fd, fd], ...spawnIdentity(account) });
      return new Promise<ExitStatus>((resolve) => {
        initdb.once('exit', (code, sig) => resolve({ code, signal: sig }));
        initdb.once('error', (error) => resolve({ code: null, signal: null, error }));
      });
    });
    if (status.code !== 0) {
      const how = status.error?.message ?? status.signal ?? `code ${status.code ?? '?'}`;
      throw new PostgresStartError(`initdb failed (${how}).`, o.logFile, await readTail(o.logFile, offset));
    }
  }

  async #waitUntilReady(exit: Promise<ExitStatus>, offset: number): Promise<void> {
    const o = this.#options;
    let finished: ExitStatus | undefined;
    void exit.then((status) => (finished = status));
    const deadline = Date.now() + o.startTimeoutMs;
    let lastReason = 'not tried';

    while (Date.now() < deadline) {
      if (finished !== undefined) {
        const tail = await readTail(o.logFile, offset);
        // Another listener took the port between our check and the postmaster's bind.
        if (/could not bind .*Address already in use/i.test(tail)) throw new PortInUseError(o.port, o.host, 'tcp');
        const how = finished.error?.message ?? finished.signal ?? `code ${finished.code ?? '?'}`;
        throw new PostgresStartError(`PostgreSQL exited during start-up (${how}).`, o.logFile, tail);
      }
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 1000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('select 1');
        return;
      } catch (error) {
        // ECONNREFUSED before the listener is up, 57P03 "the database system is starting up" after.
        lastReason = error instanceof Error ? error.message : String(error);
      } finally {
        await client.end().catch(() => undefined);
      }
      await sleep(100);
    }
    throw new PostgresStartError(
      `No client could connect to ${this.url} within ${o.startTimeoutMs} ms (last attempt: ${lastReason}).`,
      o.logFile,
      await readTail(o.logFile, offset),
    );
  }

  /** A `postmaster.pid` left by a run that was not stopped: end that server if it is still ours. */
  async #reapStale(): Promise<void> {
    const o = this.#options;
    const pidFile = await readPostmasterPidFile(o.clusterDir);
    if (pidFile === undefined) return;
    if (await isPostmasterOf(pidFile.pid, o.clusterDir)) {
      await shutDownPostmaster(pidFile.pid, (timeoutMs) => waitUntilGone(pidFile.pid, timeoutMs));
    }
    // PostgreSQL would remove a stale file itself, unless its pid now belongs to another process
    // of the same user (another cluster's backend, say): then it refuses to start.
    await rm(path.join(o.clusterDir, 'postmaster.pid'), { force: true });
  }
}
