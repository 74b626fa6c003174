import { execFile, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ctiCfgFileName, renderCtiCfg, resolveCtiToken, type CtiOfferOptions } from './cti-offer';
import { demoUsersFile, loadDemoUsers, renderUsersCfg } from './demo-users';
import {
  gatewaysCfgFileName,
  mediaCfgFileName,
  outboundGatewayCfgFileName,
  outboundGatewaysListFileName,
  renderGatewaysCfg,
  renderMediaCfg,
  renderOutboundGatewayCfg,
  renderOutboundGatewaysList,
  type OutboundGateway,
  type TrustedGateway,
} from './gateways';
import { assertPortsFree } from './ports';
import { isProcessOf, readTail, spawnLogged, type ExitStatus, signalProcess as signal, waitUntilGroupGone } from './process-group';
import { authephCfgFileName, renderAuthephCfg, resolveSharedSecret, writePrivateFile } from './shared-secret';
import { ensureSelfSignedCertificate, writeTlsCfg } from './tls-material';
import { probeWebSocket } from './websocket-probe';

export { loadDemoUsers, type DemoUser, type DemoUsers } from './demo-users';
export { ctiTokenFileName, type CtiOfferOptions } from './cti-offer';
export { GatewayListError, type OutboundGateway, type TrustedGateway } from './gateways';
export { assertPortsFree, PortInUseError } from './ports';
export { SharedSecretError, sharedSecretFileName } from './shared-secret';
export { probeWebSocket, type WebSocketProbeResult } from './websocket-probe';

/** `pbx/kamailio/kamailio.cfg`, the native-script configuration this module runs. */
export const kamailioCfgFile = fileURLToPath(new URL('../../pbx/kamailio/kamailio.cfg', import.meta.url));

/** How to run one Kamailio. Ports are the listeners on `host`; everything it writes goes to `runDir`. */
export interface KamailioOptions {
  /** SIP over UDP and TCP. */
  sipPort: number;
  /** SIP over WebSocket (`ws://host:wsPort`). */
  wsPort: number;
  /** SIP over secure WebSocket when `tls` is on; 5443 if omitted. */
  wssPort?: number;
  /** Also listen for WSS, with a self-signed certificate kept in `runDir/tls/`. */
  tls?: boolean;
  /** Log, pid file, generated includes, ctl socket and RPC fifo. Created if missing. */
  runDir: string;
  /** Listening address; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** How long `start()` waits for the WebSocket listener to answer; 10 s if omitted. */
  startTimeoutMs?: number;
  /** Kamailio `debug` level: 1 notices and errors, 2 info (default), 3 debug. */
  logLevel?: number;
  /** Users file listing the known extensions; `pbx/demo-users.json` if omitted. */
  usersFile?: string;
  /** Config to run; `pbx/kamailio/kamailio.cfg` if omitted. */
  configFile?: string;
  /** Kamailio executable; `$KAMAILIO_BIN` or `kamailio` from PATH if omitted. */
  binary?: string;
  /**
   * Secret shared with whoever issues the SIP credentials (the CTI service), for auth_ephemeral.
   * When omitted, the one kept in `runDir/autheph.secret` is used, or a random one (32 bytes,
   * hex) is generated there with mode 0600. At least 16 printable ASCII characters without
   * spaces, quotes or backslashes.
   */
  sharedSecret?: string;
  /**
   * Ask the CTI service before offering a call to an extension (agent not ready → 480, in
   * after-call work → 486). When omitted, no check: every call to a registered extension rings.
   */
  cti?: CtiOfferOptions;
  /**
   * The media relay every call passes: an rtpengine's ng socket (`Rtpengine.ngSocket`, e.g.
   * `udp:127.0.0.1:2223`). When omitted, endpoints exchange RTP directly.
   */
  mediaRelay?: { readonly ngSocket: string };
  /**
   * Gateways to the phone network (`ip` or `ip:port`): the only sources whose requests from
   * outside the demo domain (a customer's number) are accepted. Everyone else gets 403.
   */
  gateways?: readonly TrustedGateway[];
  /**
   * Gateways that take the agents' calls to outside numbers (`ip` or `ip:port`), tried in this
   * order (the next one when a gateway does not answer or answers 500/502/503/504). When
   * omitted or empty, a call to an outside number gets `503 No gateway to the phone network
   * configured`. See `pbx/kamailio/outbound.cfg`.
   */
  outboundGateways?: readonly OutboundGateway[];
}

/**
 * `kamailio -c` rejected the configuration.
 * @remarks `problems` holds Kamailio's error lines with the process/source prefixes stripped.
 */
export class KamailioConfigError extends Error {
  override readonly name = 'KamailioConfigError';

  constructor(
    readonly configFile: string,
    readonly problems: readonly string[],
    readonly output: string,
  ) {
    const listed = problems.length > 0 ? problems : output.trim().split('\n').slice(-10);
    super(`Kamailio rejected ${configFile}:\n${listed.map((line) => `  ${line}`).join('\n')}`);
  }
}

/** Kamailio did not come up (exited, or never answered on its WebSocket port). */
export class KamailioStartError extends Error {
  override readonly name = 'KamailioStartError';

  constructor(
    reason: string,
    readonly logFile: string,
    readonly logTail: string,
  ) {
    super(`${reason}\nLast lines of ${logFile}:\n${logTail}`);
  }
}

interface ResolvedOptions {
  readonly host: string;
  readonly sipPort: number;
  readonly wsPort: number;
  readonly wssPort: number | undefined;
  readonly runDir: string;
  readonly startTimeoutMs: number;
  readonly logLevel: number;
  readonly usersFile: string;
  readonly configFile: string;
  readonly binary: string;
  readonly sharedSecret: string;
  readonly cti: { readonly url: string; readonly token: string } | undefined;
  readonly ngSocket: string | undefined;
  readonly gateways: readonly TrustedGateway[];
  readonly outboundGateways: readonly OutboundGateway[];
}

/** The secrets a run dir keeps: given ones, else kept ones, else new ones. */
interface RunDirSecrets {
  readonly sharedSecret: string;
  readonly cti: { readonly url: string; readonly token: string } | undefined;
}

async function resolveSecrets(options: KamailioOptions): Promise<RunDirSecrets> {
  const runDir = path.resolve(options.runDir);
  return {
    sharedSecret: await resolveSharedSecret(runDir, options.sharedSecret),
    cti: options.cti === undefined ? undefined : { url: options.cti.url, token: await resolveCtiToken(runDir, options.cti.token) },
  };
}

const STOP_GRACE_MS = 5000;
const LOG_TAIL_LINES = 30;

function resolveOptions(options: KamailioOptions, secrets: RunDirSecrets): ResolvedOptions {
  const runDir = path.resolve(options.runDir);
  // The run dir ends up inside a quoted -A define (TLS_CFG).
  if (runDir.includes('"')) throw new Error(`runDir must not contain '"': ${runDir}`);
  return {
    host: options.host ?? '127.0.0.1',
    sipPort: options.sipPort,
    wsPort: options.wsPort,
    wssPort: options.tls === true ? (options.wssPort ?? 5443) : undefined,
    runDir,
    startTimeoutMs: options.startTimeoutMs ?? 10_000,
    logLevel: options.logLevel ?? 2,
    usersFile: path.resolve(options.usersFile ?? demoUsersFile),
    configFile: path.resolve(options.configFile ?? kamailioCfgFile),
    binary: options.binary ?? process.env.KAMAILIO_BIN ?? 'kamailio',
    sharedSecret: secrets.sharedSecret,
    cti: secrets.cti,
    ngSocket: options.mediaRelay?.ngSocket,
    gateways: options.gateways ?? [],
    outboundGateways: options.outboundGateways ?? [],
  };
}

function tlsCfgPath(o: ResolvedOptions): string {
  return path.join(o.runDir, 'tls.cfg');
}

/** The `-A` defines that adapt kamailio.cfg to these options (see the table at its top). */
function defineArgs(o: ResolvedOptions): string[] {
  const defines = [`LISTEN_IP=${o.host}`, `SIP_PORT=${o.sipPort}`, `WS_PORT=${o.wsPort}`, `DBG_LEVEL=${o.logLevel}`];
  if (o.wssPort !== undefined) {
    defines.push('WITH_TLS', `WSS_PORT=${o.wssPort}`, `TLS_CFG="${tlsCfgPath(o)}"`);
  }
  if (o.host !== '127.0.0.1') {
    // Browsers then connect from other machines: any address, but still only WS/WSS aliases,
    // which can only reach a connection that is open to us.
    defines.push('CLIENT_ALIAS_RE="~[0-9]+~[56]$"');
  }
  return defines.flatMap((define) => ['-A', define]);
}

/**
 * Writes what kamailio.cfg includes or reads from the run dir: users.cfg, autheph.cfg, cti.cfg,
 * media.cfg, gateways.cfg, outbound-gateway.cfg (and the dispatcher list) and the TLS profile.
 */
async function prepareRunDir(o: ResolvedOptions): Promise<void> {
  await mkdir(o.runDir, { recursive: true });
  const demoUsers = await loadDemoUsers(o.usersFile);
  await writeFile(path.join(o.runDir, 'users.cfg'), renderUsersCfg(demoUsers, o.usersFile));
  // The secret reaches Kamailio through a file only its owner can read, never through the
  // command line, which every local user can see in ps.
  await writePrivateFile(path.join(o.runDir, authephCfgFileName), renderAuthephCfg(o.sharedSecret));
  // The offer check's token likewise; written even without a check, so no stale one is imported.
  await writePrivateFile(path.join(o.runDir, ctiCfgFileName), renderCtiCfg(o.cti));
  await writeFile(path.join(o.runDir, mediaCfgFileName), renderMediaCfg(o.ngSocket));
  await writeFile(path.join(o.runDir, gatewaysCfgFileName), renderGatewaysCfg(o.gateways));
  const outboundList = path.join(o.runDir, outboundGatewaysListFileName);
  if (o.outboundGateways.length > 0) {
    await writeFile(outboundList, renderOutboundGatewaysList(o.outboundGateways));
    await writeFile(path.join(o.runDir, outboundGatewayCfgFileName), renderOutboundGatewayCfg(outboundList));
  } else {
    // Written even without gateways, so no stale one from an earlier run is imported.
    await writeFile(path.join(o.runDir, outboundGatewayCfgFileName), renderOutboundGatewayCfg(undefined));
    await rm(outboundList, { force: true });
  }
  if (o.wssPort !== undefined) {
    const material = await ensureSelfSignedCertificate(path.join(o.runDir, 'tls'), o.host);
    await writeTlsCfg(tlsCfgPath(o), material);
  }
}

/** Turns " 0(123) ERROR: <core> [core/cfg.y:3790]: yyerror_at(): parse error ..." into "ERROR: parse error ...". */
function readableProblems(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => /\b(ERROR|CRITICAL|ALERT|BUG)\b/.test(line))
    .map((line) =>
      line
        .replace(/^\s*\d+\(\d+\)\s+/, '')
        .replace(/^(\w+):\s+<[^>]*>\s+\[[^\]]*\]:\s+[\w.]+\(\):\s*/, '$1: ')
        .trim(),
    );
}

function kamailioNotFound(binary: string): Error {
  return new Error(`Cannot run '${binary}': install it with 'apt-get install kamailio' or set KAMAILIO_BIN.`);
}

async function runConfigCheck(o: ResolvedOptions): Promise<void> {
  const args = ['-c', '-f', o.configFile, ...defineArgs(o)];
  await new Promise<void>((resolve, reject) => {
    // cwd = run dir: that is where `include_file "users.cfg"` is looked up first.
    execFile(o.binary, args, { cwd: o.runDir, timeout: 15_000 }, (error, stdout, stderr) => {
      if (error === null) {
        resolve();
        return;
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(kamailioNotFound(o.binary));
        return;
      }
      const output = `${stdout}${stderr}`;
      reject(new KamailioConfigError(o.configFile, readableProblems(output), output));
    });
  });
}

/**
 * Validates the configuration with `kamailio -c` under exactly the defines `start()` would use.
 * @remarks Generates the run dir's includes first, since the config cannot parse without them.
 * @throws KamailioConfigError with Kamailio's own error lines.
 */
export async function checkKamailioConfig(options: KamailioOptions): Promise<void> {
  const o = resolveOptions(options, await resolveSecrets(options));
  await prepareRunDir(o);
  await runConfigCheck(o);
}

/**
 * One Kamailio process running `pbx/kamailio/kamailio.cfg` in the foreground.
 * @remarks Registrations live in Kamailio's memory: after `restart()` every client must
 * register again (SIP.js does so when its WebSocket reconnects).
 */
export class Kamailio {
  /** Kamailio's stdout and stderr, appended across runs. */
  readonly logFile: string;
  /** Where browsers connect, e.g. `ws://127.0.0.1:5066`. */
  readonly wsUrl: string;
  /** `wss://host:wssPort` when TLS is on. */
  readonly wssUrl?: string;
  /**
   * The secret that signs the short-lived SIP credentials this Kamailio accepts.
   * @remarks Hand it to whoever issues credentials (`issueSipCredentials` in
   * `server/src/domain/identity/sip-credentials.ts`); it stays the same across `restart()` and
   * across runs on the same run dir. Never log it.
   */
  readonly sharedSecret: string;
  /**
   * The bearer token this Kamailio presents to the CTI service's offer check, when it has one.
   * @remarks Hand it to the service as `TSUNAGU_PBX_TOKEN`; kept in `runDir/cti-offer.token`
   * across restarts and runs. Never log it.
   */
  readonly ctiToken: string | undefined;

  readonly #options: ResolvedOptions;
  readonly #pidFile: string;
  #child: ChildProcess | undefined;
  #exit: Promise<ExitStatus> | undefined;
  readonly #killOnExit = (): void => {
    // Last resort when our own process goes away without stop(): do not leave ports held.
    const pid = this.#child?.pid;
    if (pid !== undefined) signal(-pid, 'SIGTERM');
  };

  private constructor(options: ResolvedOptions) {
    this.#options = options;
    this.logFile = path.join(options.runDir, 'kamailio.log');
    this.#pidFile = path.join(options.runDir, 'kamailio.pid');
    this.wsUrl = `ws://${options.host}:${options.wsPort}`;
    this.sharedSecret = options.sharedSecret;
    this.ctiToken = options.cti?.token;
    if (options.wssPort !== undefined) this.wssUrl = `wss://${options.host}:${options.wssPort}`;
  }

  /** The running main process, or undefined once stopped. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /**
   * Starts Kamailio and resolves once its WebSocket listener completes an upgrade.
   * @throws PortInUseError when a listener's port is taken, KamailioConfigError when
   * `kamailio -c` fails, KamailioStartError (with the log tail) when it exits or never answers.
   */
  static async start(options: KamailioOptions): Promise<Kamailio> {
    const kamailio = new Kamailio(resolveOptions(options, await resolveSecrets(options)));
    await kamailio.#launch();
    return kamailio;
  }

  /** Stops with SIGTERM, escalating to SIGKILL of the whole process group after 5 s. */
  async stop(): Promise<void> {
    const child = this.#child;
    const exit = this.#exit;
    if (child?.pid !== undefined && exit !== undefined) {
      const pid = child.pid;
      if (child.exitCode === null && child.signalCode === null) signal(pid, 'SIGTERM');
      // Unref'd: a Kamailio that exits promptly must not leave a 5 s timer keeping us alive.
      const grace = sleep(STOP_GRACE_MS, false, { ref: false });
      const exited = await Promise.race([exit.then(() => true), grace]);
      if (!exited) signal(-pid, 'SIGKILL');
      await exit;
      // Kamailio's main process reaps its workers before exiting; a worker left behind would
      // still hold the listening sockets, so make sure the group is empty.
      if (!(await waitUntilGroupGone(pid, 1000))) {
        signal(-pid, 'SIGKILL');
        await waitUntilGroupGone(pid, 1000);
      }
    }
    process.off('exit', this.#killOnExit);
    this.#child = undefined;
    this.#exit = undefined;
    await rm(this.#pidFile, { force: true });
  }

  /** Stops, then starts again on the same ports and run dir. */
  async restart(): Promise<void> {
    await this.stop();
    await this.#launch();
  }

  async #launch(): Promise<void> {
    const o = this.#options;
    await mkdir(o.runDir, { recursive: true });
    await this.#reapStale();
    await assertPortsFree([o.sipPort], o.host, ['tcp', 'udp']);
    await assertPortsFree(o.wssPort === undefined ? [o.wsPort] : [o.wsPort, o.wssPort], o.host, ['tcp']);
    await prepareRunDir(o);
    await runConfigCheck(o);

    const logOffset = await stat(this.logFile).then((s) => s.size, () => 0);
    const args = ['-f', o.configFile, '-DD', '-E', '-Y', o.runDir, ...defineArgs(o)];
    // The log is owner-only: at debug level auth_ephemeral logs the shared secret.
    const { child, exit } = spawnLogged(o.binary, args, { cwd: o.runDir, logFile: this.logFile });
    this.#child = child;
    this.#exit = exit;
    process.on('exit', this.#killOnExit);
    if (child.pid !== undefined) await writeFile(this.#pidFile, `${child.pid}\n`);

    try {
      await this.#waitUntilReady(exit, logOffset);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async #waitUntilReady(exit: Promise<ExitStatus>, logOffset: number): Promise<void> {
    const o = this.#options;
    let finished: ExitStatus | undefined;
    void exit.then((status) => (finished = status));
    const deadline = Date.now() + o.startTimeoutMs;
    let lastReason = 'not tried';

    while (Date.now() < deadline) {
      if (finished !== undefined) {
        if (finished.error !== undefined) {
          throw (finished.error as NodeJS.ErrnoException).code === 'ENOENT' ? kamailioNotFound(o.binary) : finished.error;
        }
        const how = finished.signal ?? `code ${finished.code ?? '?'}`;
        throw new KamailioStartError(`Kamailio exited during start-up (${how}).`, this.logFile, await readTail(this.logFile, logOffset, LOG_TAIL_LINES));
      }
      const probe = await probeWebSocket(this.wsUrl, 500);
      if (probe.upgraded) return;
      lastReason = probe.reason;
      await sleep(50);
    }
    throw new KamailioStartError(
      `Kamailio did not accept a WebSocket upgrade on ${this.wsUrl} within ${o.startTimeoutMs} ms (last attempt: ${lastReason}).`,
      this.logFile,
      await readTail(this.logFile, logOffset, LOG_TAIL_LINES),
    );
  }

  /** A pid file left by a run that was not stopped: end that Kamailio if it is still ours. */
  async #reapStale(): Promise<void> {
    const text = await readFile(this.#pidFile, 'utf8').catch(() => undefined);
    if (text === undefined) return;
    const pid = Number.parseInt(text.trim(), 10);
    if (Number.isInteger(pid) && pid > 1 && (await isProcessOf(pid, 'kamailio', this.#options.runDir))) {
      // We started it detached, so its pid is also its process group: take the workers too.
      signal(pid, 'SIGTERM');
      if (!(await waitUntilGroupGone(pid, STOP_GRACE_MS))) {
        signal(-pid, 'SIGKILL');
        await waitUntilGroupGone(pid, 1000);
      }
    }
    await rm(this.#pidFile, { force: true });
  }
}
