import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `pbx/sipp/`, where the scenarios live. */
export const sippScenarioDir = fileURLToPath(new URL('../../pbx/sipp/', import.meta.url));

/** One sipp run of a single call (`-m 1`). */
export interface SippCall {
  /** Scenario file name in pbx/sipp/, e.g. `register.xml`. */
  scenario: string;
  /** Used for the trace files `<traceDir>/<name>.messages.log` and `.errors.log`. */
  name: string;
  traceDir: string;
  /** `host:port` of the proxy; omitted for a UAS that only waits. */
  remote?: string;
  localIp?: string;
  /** Our SIP port (`-p`). */
  localPort: number;
  /** RTP echo port (`-mp`); each concurrent sipp needs its own. */
  mediaPort: number;
  /** Control port (`-cp`, default 8888 would clash between concurrent sipps). */
  controlPort: number;
  /** Digest credentials answered to 401/407 (`-au`/`-ap`). */
  authUser?: string;
  authPassword?: string;
  /** Request-URI user (`-s`). */
  service?: string;
  /** Scenario keywords (`-key name value`), used as `[name]` in the XML. */
  keys?: Record<string, string | number>;
  /** sipp's global timeout; the process is killed a little after it in any case. */
  timeoutSeconds?: number;
}

/** How a sipp run ended. */
export interface SippOutcome {
  /** 0 when the call followed the scenario to its end. */
  readonly exitCode: number | null;
  /** Status codes of every response sipp received, in order. */
  readonly receivedStatuses: readonly number[];
  /** The full message trace, for assertions and failure messages. */
  readonly messages: string;
  /** Unexpected messages and sipp's own errors. */
  readonly errors: string;
}

function sippArgs(call: SippCall, messageFile: string, errorFile: string): string[] {
  const args = [
    '-sf', path.join(sippScenarioDir, call.scenario),
    '-i', call.localIp ?? '127.0.0.1',
    '-bind_local',
    '-p', String(call.localPort),
    '-mp', String(call.mediaPort),
    '-cp', String(call.controlPort),
    '-m', '1',
    '-nostdin',
    '-timeout', `${call.timeoutSeconds ?? 10}s`,
    '-timeout_error',
    '-trace_msg', '-message_file', messageFile,
    '-trace_err', '-error_file', errorFile,
  ];
  if (call.authUser !== undefined) args.push('-au', call.authUser);
  if (call.authPassword !== undefined) args.push('-ap', call.authPassword);
  if (call.service !== undefined) args.push('-s', call.service);
  for (const [key, value] of Object.entries(call.keys ?? {})) args.push('-key', key, String(value));
  if (call.remote !== undefined) args.push(call.remote);
  return args;
}

function parseReceivedStatuses(messages: string): number[] {
  // Each trace entry: "... message received [N] bytes :" then a blank line, then the start line.
  const statuses: number[] = [];
  for (const match of messages.matchAll(/message received \[\d+\] bytes :\s*\n\s*SIP\/2\.0 (\d{3}) /g)) {
    statuses.push(Number(match[1]));
  }
  return statuses;
}

/**
 * Runs one sipp call to completion.
 * @remarks Never hangs: sipp's own `-timeout` ends it, and a kill 5 s later backs that up.
 */
export async function runSipp(call: SippCall): Promise<SippOutcome> {
  const messageFile = path.join(call.traceDir, `${call.name}.messages.log`);
  const errorFile = path.join(call.traceDir, `${call.name}.errors.log`);
  const child = spawn('sipp', sippArgs(call, messageFile, errorFile), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), ((call.timeoutSeconds ?? 10) + 5) * 1000);

  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  }).finally(() => clearTimeout(killer));

  const messages = await readFile(messageFile, 'utf8').catch(() => '');
  const errors = (await readFile(errorFile, 'utf8').catch(() => '')) + stderr;
  return { exitCode, receivedStatuses: parseReceivedStatuses(messages), messages, errors };
}
