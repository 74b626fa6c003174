import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/** The system user `initdb` and `postgres` run as. */
export interface ServerAccount {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** True when we are root and switch to this account for every PostgreSQL process. */
  readonly switched: boolean;
}

/** The account the Debian package creates for its clusters. */
const DEBIAN_ACCOUNT = 'postgres';

function run(file: string, args: readonly string[], account?: ServerAccount): Promise<{ ok: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const ids = account?.switched === true ? { uid: account.uid, gid: account.gid } : {};
    execFile(file, args, { ...ids, timeout: 5000 }, (error, stdout) => resolve({ ok: error === null, stdout }));
  });
}

/**
 * Picks who runs the cluster: ourselves, or the `postgres` system user when we are root.
 * @remarks PostgreSQL refuses to run as root (a superuser's SQL could then own the machine).
 * Node's `spawn({ uid, gid })` does what `runuser -u postgres` would, and also drops root's
 * supplementary groups, without a wrapper process between us and the postmaster's signals.
 * @throws Error when we are root and the Debian package's `postgres` account does not exist.
 */
export async function resolveServerAccount(): Promise<ServerAccount> {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { name: os.userInfo().username, uid, gid: process.getgid?.() ?? uid, switched: false };
  const { ok, stdout } = await run('getent', ['passwd', DEBIAN_ACCOUNT]);
  // name:password:uid:gid:gecos:home:shell
  const fields = stdout.trim().split(':');
  if (!ok || fields.length < 4) {
    throw new Error(
      `Running as root, and PostgreSQL refuses to run as root; the '${DEBIAN_ACCOUNT}' system user it should run as ` +
        `does not exist. Install 'postgresql' (it creates that user) or run as an ordinary user.`,
    );
  }
  return { name: DEBIAN_ACCOUNT, uid: Number(fields[2]), gid: Number(fields[3]), switched: true };
}

/** Options for `spawn`/`execFile` that run a child as `account`. */
export function spawnIdentity(account: ServerAccount): { uid?: number; gid?: number } {
  return account.switched ? { uid: account.uid, gid: account.gid } : {};
}

/**
 * Checks that `account` can reach `dir` (every folder above it searchable) and write in it.
 * @remarks A data dir under a root-only folder (e.g. a `mkdtemp` folder, mode 0700) is the usual
 * trap when switching to `postgres`; initdb would only say "permission denied".
 * @throws Error naming the first folder in the way and how to fix it.
 */
export async function assertReachable(account: ServerAccount, dir: string): Promise<void> {
  if (!account.switched) return;
  const absolute = path.resolve(dir);
  const ancestors: string[] = [];
  for (let current = path.dirname(absolute); ; current = path.dirname(current)) {
    ancestors.unshift(current);
    if (current === path.dirname(current)) break;
  }
  for (const folder of ancestors) {
    if (!(await run('/usr/bin/test', ['-x', folder], account)).ok) {
      throw new Error(
        `The '${account.name}' user cannot enter ${folder}, so it cannot reach ${absolute}. ` +
          `Allow it with 'chmod o+x ${folder}', or choose a data dir elsewhere (e.g. under /tmp).`,
      );
    }
  }
  if (!(await run('/usr/bin/test', ['-w', absolute], account)).ok) {
    throw new Error(`The '${account.name}' user cannot write in ${absolute}.`);
  }
}
