import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** Sends `sig` to `pid` (a negative pid: the whole process group); a process already gone is fine. */
export function signalProcess(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function procStat(pid: number): Promise<{ readonly state: string; readonly pgrp: number } | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp ...": comm may contain spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** Processes of group `pgid` that still run (zombies hold no sockets and do not count). */
export async function liveGroupMembers(pgid: number): Promise<number[]> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await procStat(Number(entry));
    if (stat !== undefined && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') members.push(Number(entry));
  }
  return members;
}

/** Waits until no process of group `pgid` runs; false if some still do after `timeoutMs`. */
export async function waitUntilGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while ((await liveGroupMembers(pgid)).length > 0) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Is `pid` a running `comm` with `argument` among its arguments (and not an unrelated process that reused the pid)? */
export async function isProcessOf(pid: number, comm: string, argument: string): Promise<boolean> {
  try {
    const actual = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
    const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return actual === comm && argv.includes(argument);
  } catch {
    return false;
  }
}

/** The last `lines` lines a process wrote to `file` since `fromOffset` (for error messages). */
export async function readTail(file: string, fromOffset: number, lines: number): Promise<string> {
  try {
    const text = (await readFile(file)).subarray(fromOffset).toString('utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** How a child process ended: its exit code or signal, or the error that kept it from starting. */
export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: Error;
}

/** A daemon started by {@link spawnLogged}, and how it will end. */
export interface LoggedChild {
  readonly child: ChildProcess;
  readonly exit: Promise<ExitStatus>;
}

/**
 * Starts `binary` in the foreground in its own process group (so a stop can take down every
 * worker even if the main process hangs), appending its stdout and stderr to `logFile`
 * (owner-only: daemons may log secrets at debug level) after a header line with the command.
 */
export function spawnLogged(binary: string, args: readonly string[], options: { readonly cwd: string; readonly logFile: string }): LoggedChild {
  const log = openSync(options.logFile, 'a', 0o600);
  let child: ChildProcess;
  try {
    fchmodSync(log, 0o600);
    writeSync(log, `\n=== ${new Date().toISOString()} ${binary} ${args.join(' ')}\n`);
    child = spawn(binary, args, { cwd: options.cwd, stdio: ['ignore', log, log], detached: true });
  } finally {
    closeSync(log);
  }
  const exit = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  return { child, exit };
}
