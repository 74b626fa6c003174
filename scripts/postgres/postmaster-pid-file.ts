import { readFile, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * What a running postmaster writes to `<cluster>/postmaster.pid`.
 * @remarks Line layout from PostgreSQL's `pidfile.h`: pid, data dir, start time, port,
 * socket dir, listen address, shared memory key, status ("ready", "starting", "stopping").
 */
export interface PostmasterPidFile {
  readonly pid: number;
  readonly port: number;
  readonly socketDir: string;
  readonly listenAddress: string;
  readonly status: string;
}

/** Reads `<clusterDir>/postmaster.pid`; undefined when there is none or it is unreadable. */
export async function readPostmasterPidFile(clusterDir: string): Promise<PostmasterPidFile | undefined> {
  const text = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const lines = text.split('\n').map((line) => line.trim());
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  return {
    pid,
    port: Number.parseInt(lines[3] ?? '', 10),
    socketDir: lines[4] ?? '',
    listenAddress: lines[5] ?? '',
    status: lines[7] ?? '',
  };
}

/** Is `pid` a live (not zombie) process? */
export async function isAlive(pid: number): Promise<boolean> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ...": comm may contain spaces and parentheses.
    const state = text.slice(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/**
 * Is `pid` a postmaster serving `clusterDir`, and not some other process that got its pid?
 * @remarks The postmaster changes into its data directory at start-up, so its working
 * directory identifies the cluster even when it was started with a relative `-D`.
 */
export async function isPostmasterOf(pid: number, clusterDir: string): Promise<boolean> {
  try {
    const comm = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
    if (comm !== 'postgres' && comm !== 'postmaster') return false;
    const [cwd, cluster] = await Promise.all([readlink(`/proc/${pid}/cwd`), realpath(clusterDir)]);
    return cwd === cluster && (await isAlive(pid));
  } catch {
    return false;
  }
}
