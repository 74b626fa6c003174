import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Which process started the server on a data dir, kept in `<dataDir>/owner.json`.
 * @remarks Several people and test runs share one checkout: a second start on the same data
 * dir must not mistake a server in use for one a crashed run left behind.
 */
export interface DataDirOwner {
  readonly pid: number;
  /** `/proc/<pid>/stat` start time: tells the owner apart from a later process with its pid. */
  readonly startTime: string;
  /** Started to outlive its owner (the CLI): anyone may take it over. */
  readonly detached: boolean;
  readonly command: string;
}

function ownerFile(dataDir: string): string {
  return path.join(dataDir, 'owner.json');
}

async function startTimeOf(pid: number): Promise<string | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); fields after "(comm)" start at field 3.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

/** Records this process as the owner of the server on `dataDir`. */
export async function claimDataDir(dataDir: string, detached: boolean): Promise<void> {
  const owner: DataDirOwner = {
    pid: process.pid,
    startTime: (await startTimeOf(process.pid)) ?? '',
    detached,
    command: process.argv.slice(1).join(' '),
  };
  await writeFile(ownerFile(dataDir), `${JSON.stringify(owner)}\n`);
}

/** Forgets the owner, if it is this process (or `force`). */
export async function releaseDataDir(dataDir: string, force = false): Promise<void> {
  const owner = await readOwner(dataDir);
  if (owner === undefined || force || owner.pid === process.pid) await rm(ownerFile(dataDir), { force: true });
}

async function readOwner(dataDir: string): Promise<DataDirOwner | undefined> {
  try {
    return JSON.parse(await readFile(ownerFile(dataDir), 'utf8')) as DataDirOwner;
  } catch {
    return undefined;
  }
}

/** The owner of `dataDir` when it is a live process that did not start the server detached. */
export async function liveOwner(dataDir: string): Promise<DataDirOwner | undefined> {
  const owner = await readOwner(dataDir);
  if (owner === undefined || owner.detached) return undefined;
  const startTime = await startTimeOf(owner.pid);
  return startTime !== undefined && startTime === owner.startTime ? owner : undefined;
}
