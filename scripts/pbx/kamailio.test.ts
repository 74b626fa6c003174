import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkKamailioConfig,
  GatewayListError,
  Kamailio,
  KamailioConfigError,
  loadDemoUsers,
  PortInUseError,
  probeWebSocket,
  SharedSecretError,
  type DemoUsers,
} from './kamailio';
import { assertPortsFree, pickFreePorts, pickSippMediaPorts } from './ports';
import { issueSipCredentials } from '../../server/src/domain/identity/sip-credentials';
import { runSipp, type SippCall, type SippOutcome } from './sipp';

const HOST = '127.0.0.1';

let runDir: string;
let kamailio: Kamailio;
let sipPort: number;
let wsPort: number;
/** The one source Kamailio trusts as the gateway to the phone network. */
let gatewayPort: number;
let demo: DemoUsers;

interface DigestCredentials {
  readonly user: string;
  readonly password: string;
}

/** Short-lived credentials for `user`, as the CTI service issues them (auth_ephemeral). */
function credentialsOf(user: string, now: Date = new Date(), ttlSeconds = 600, secret: string = kamailio.sharedSecret): DigestCredentials {
  const issued = issueSipCredentials(user, secret, now, ttlSeconds);
  return { user: issued.username, password: issued.password };
}

/** Mode bits of `file` that let anyone but its owner in. */
async function othersMode(file: string): Promise<number> {
  return (await stat(file)).mode & 0o077;
}

/** Ports for one sipp: its SIP port, RTP echo port and control port. */
async function sippPorts(): Promise<Pick<SippCall, 'localPort' | 'mediaPort' | 'controlPort'>> {
  const [localPort, controlPort] = await pickFreePorts(2);
  const mediaPort = await pickSippMediaPorts();
  if (localPort === undefined || controlPort === undefined) throw new Error('no ports');
  return { localPort, mediaPort, controlPort };
}

/** Fails with the whole trace, so a broken flow explains itself. */
function expectCompleted(outcome: SippOutcome, what: string): void {
  if (outcome.exitCode !== 0) {
    throw new Error(`${what}: sipp exited with ${String(outcome.exitCode)}\n${outcome.errors}\n${outcome.messages}`);
  }
}

async function register(
  name: string,
  aor: string,
  credentials: DigestCredentials,
  contactPort: number,
  proxyPort: number = sipPort,
): Promise<SippOutcome> {
  return runSipp({
    scenario: 'register.xml',
    name,
    traceDir: runDir,
    remote: `${HOST}:${proxyPort}`,
    ...(await sippPorts()),
    authUser: credentials.user,
    authPassword: credentials.password,
    keys: { aor, domain: demo.domain, contact_port: contactPort, expires: 120 },
  });
}

async function registerAs(user: string, contactPort: number, credentials: DigestCredentials = credentialsOf(user), proxyPort: number = sipPort): Promise<void> {
  const outcome = await register(`register-${user}-${contactPort}-${Date.now()}`, user, credentials, contactPort, proxyPort);
  expectCompleted(outcome, `register ${user}`);
  expect(outcome.receivedStatuses).toEqual([401, 200]);
}

/** A call from `caller` (its From) to `callee` that must not connect; `credentials` answer the 407. */
async function callRejected(name: string, caller: string, callee: string, credentials: DigestCredentials = credentialsOf(caller), proxyPort: number = sipPort): Promise<SippOutcome> {
  const outcome = await runSipp({
    scenario: 'call-rejected.xml',
    name,
    traceDir: runDir,
    remote: `${HOST}:${proxyPort}`,
    ...(await sippPorts()),
    authUser: credentials.user,
    authPassword: credentials.password,
    service: callee,
    keys: { aor: caller, domain: demo.domain },
  });
  expectCompleted(outcome, `call ${caller} → ${callee}`);
  return outcome;
}

/** Resolves once something holds `port` (the UAS sipp has bound its socket). */
async function waitUntilBound(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      await assertPortsFree([port], HOST, ['udp']);
    } catch (error) {
      if (error instanceof PortInUseError) return;
      throw error;
    }
    await sleep(20);
  }
  throw new Error(`nothing bound ${port}/udp`);
}

beforeAll(async () => {
  demo = await loadDemoUsers();
  runDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-kamailio-'));
  [sipPort = 0, wsPort = 0, gatewayPort = 0] = await pickFreePorts(3);
  kamailio = await Kamailio.start({ sipPort, wsPort, runDir, gateways: [`${HOST}:${gatewayPort}`] });
});

afterAll(async () => {
  await kamailio.stop();
  await rm(runDir, { recursive: true, force: true });
});

describe('demo users', () => {
  it('lists six extensions 1001–1006 in the 127.0.0.1 domain', () => {
    expect(demo.domain).toBe('127.0.0.1');
    expect(demo.users.map((u) => u.user)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006']);
    for (const u of demo.users) expect(u.displayName).not.toBe('');
  });
});

describe('Kamailio process', () => {
  it('accepts a WebSocket upgrade with subprotocol sip', async () => {
    expect(kamailio.wsUrl).toBe(`ws://${HOST}:${wsPort}`);
    await expect(probeWebSocket(kamailio.wsUrl)).resolves.toEqual({ upgraded: true, protocol: 'sip' });
  });

  it('refuses to start on a busy port and names the port and how to find its holder', async () => {
    const [busyPort = 0, otherPort = 0] = await pickFreePorts(2);
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(busyPort, HOST, resolve));
    try {
      const start = Kamailio.start({ sipPort: busyPort, wsPort: otherPort, runDir: path.join(runDir, 'busy') });
      await expect(start).rejects.toBeInstanceOf(PortInUseError);
      await expect(start).rejects.toThrow(`ss -ltnp 'sport = :${busyPort}'`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('reports a broken config readably, with the line Kamailio choked on', async () => {
    const configFile = path.join(runDir, 'broken.cfg');
    await writeFile(configFile, '#!KAMAILIO\nloadmodule "no_such_module.so"\nrequest_route { exit; }\n');
    const check = checkKamailioConfig({ sipPort, wsPort, runDir: path.join(runDir, 'broken'), configFile });
    await expect(check).rejects.toBeInstanceOf(KamailioConfigError);
    await expect(check).rejects.toThrow(/no_such_module/);
  });
});

describe('stale pid file', () => {
  it('ends a Kamailio that a crashed run left behind and takes over its ports', async () => {
    const dir = path.join(runDir, 'stale');
    const [staleSip = 0, staleWs = 0] = await pickFreePorts(2);
    // The first instance plays the orphan: still running, still listed in kamailio.pid.
    const orphan = await Kamailio.start({ sipPort: staleSip, wsPort: staleWs, runDir: dir });
    const orphanPid = orphan.pid;
    const successor = await Kamailio.start({ sipPort: staleSip, wsPort: staleWs, runDir: dir });
    try {
      expect(successor.pid).not.toBe(orphanPid);
      expect(successor.sharedSecret).toBe(orphan.sharedSecret);
      expect(() => process.kill(orphanPid ?? 0, 0)).toThrow();
      await expect(readFile(path.join(dir, 'kamailio.pid'), 'utf8')).resolves.toBe(`${String(successor.pid)}\n`);
    } finally {
      await successor.stop();
      await orphan.stop();
    }
  });

  it('leaves alone a process that is not Kamailio', async () => {
    const dir = path.join(runDir, 'stale-other');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'kamailio.pid'), `${process.pid}\n`);
    const [otherSip = 0, otherWs = 0] = await pickFreePorts(2);
    const started = await Kamailio.start({ sipPort: otherSip, wsPort: otherWs, runDir: dir });
    await started.stop();
    await expect(readFile(path.join(dir, 'kamailio.pid'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});

describe('registration', () => {
  it('challenges a REGISTER without credentials with 401 in the demo realm', async () => {
    const outcome = await register('register-no-credentials', '1004', credentialsOf('1004'), 5999);
    expectCompleted(outcome, 'register 1004');
    expect(outcome.receivedStatuses[0]).toBe(401);
    expect(outcome.messages).toContain(`WWW-Authenticate: Digest realm="${demo.domain}"`);
  });

  it('accepts credentials signed with the shared secret (200)', async () => {
    const outcome = await register('register-1005', '1005', credentialsOf('1005'), 5999);
    expectCompleted(outcome, 'register 1005');
    expect(outcome.receivedStatuses).toEqual([401, 200]);
  });

  it('challenges a wrong signature again (401)', async () => {
    const outcome = await register('register-wrong-password', '1001', { user: credentialsOf('1001').user, password: 'bm90LXRoZS1zaWduYXR1cmU=' }, 5999);
    expectCompleted(outcome, 'register 1001 with a wrong password');
    expect(outcome.receivedStatuses).toEqual([401, 401]);
  });

  it('challenges expired credentials again (401)', async () => {
    const expired = credentialsOf('1001', new Date(Date.now() - 3600_000), 60);
    const outcome = await register('register-expired', '1001', expired, 5999);
    expectCompleted(outcome, 'register 1001 with expired credentials');
    expect(outcome.receivedStatuses).toEqual([401, 401]);
  });

  it('challenges credentials signed with another secret (401)', async () => {
    const forged = issueSipCredentials('1001', 'some-other-secret-0123456789', new Date(), 600);
    const outcome = await register('register-forged', '1001', { user: forged.username, password: forged.password }, 5999);
    expectCompleted(outcome, 'register 1001 with a forged signature');
    expect(outcome.receivedStatuses).toEqual([401, 401]);
  });

  it('forbids registering as another user (403)', async () => {
    const outcome = await register('register-as-other', '1002', credentialsOf('1001'), 5999);
    expectCompleted(outcome, '1001 registering as 1002');
    expect(outcome.receivedStatuses).toEqual([401, 403]);
    expect(outcome.messages).toContain('SIP/2.0 403 Forbidden: register your own extension');
  });

  it('forbids registering an extension that is not in demo-users.json (403)', async () => {
    const outcome = await register('register-unknown', '1999', credentialsOf('1999'), 5999);
    expectCompleted(outcome, 'register 1999');
    expect(outcome.receivedStatuses).toEqual([401, 403]);
    expect(outcome.messages).toContain('SIP/2.0 403 Forbidden: unknown extension');
  });
});

describe('calls', () => {
  it('connects 1001 to a registered 1002 and both sides follow the Record-Route', async () => {
    const callee = await sippPorts();
    const caller = await sippPorts();
    const answering = runSipp({ scenario: 'answer.xml', name: 'answer-1002', traceDir: runDir, ...callee });
    await waitUntilBound(callee.localPort);
    await registerAs('1002', callee.localPort);
    await registerAs('1001', caller.localPort);

    const calling = await runSipp({
      scenario: 'call.xml',
      name: 'call-1001-1002',
      traceDir: runDir,
      remote: `${HOST}:${sipPort}`,
      ...caller,
      ...(({ user, password }) => ({ authUser: user, authPassword: password }))(credentialsOf('1001')),
      service: '1002',
      keys: { aor: '1001', domain: demo.domain },
    });
    const answered = await answering;

    expectCompleted(calling, 'caller 1001');
    expectCompleted(answered, 'callee 1002');
    expect(calling.receivedStatuses).toContain(407);
    expect(calling.receivedStatuses.at(-1)).toBe(200);
    expect(answered.messages).toMatch(/^BYE sip:/m);
    expect(calling.messages).toContain(`Route: <sip:${HOST}:${sipPort};lr`);
  });

  it('answers 404 for a user that does not exist', async () => {
    const outcome = await callRejected('call-unknown', '1001', '1999');
    expect(outcome.receivedStatuses.at(-1)).toBe(404);
  });

  it('answers 480 for a known user who is not registered', async () => {
    const outcome = await callRejected('call-unregistered', '1001', '1003');
    expect(outcome.receivedStatuses.at(-1)).toBe(480);
  });

  it('forbids calling as another user (403)', async () => {
    const outcome = await callRejected('call-as-other', '1002', '1003', credentialsOf('1001'));
    expect(outcome.receivedStatuses).toEqual([407, 403]);
    expect(outcome.messages).toContain('SIP/2.0 403 Forbidden: From does not match credentials');
  });

  it('challenges a call with expired credentials again (407)', async () => {
    const outcome = await callRejected('call-expired', '1001', '1003', credentialsOf('1001', new Date(Date.now() - 3600_000), 60));
    expect(outcome.receivedStatuses).toEqual([407, 407]);
  });
});

describe('calls from the phone network', () => {
  /** A call from outside number `number` to `callee`, sent from `localPort` without credentials. */
  async function outsideCall(name: string, localPort: number, callee: string, domain: string = demo.domain): Promise<SippOutcome> {
    const [controlPort = 0] = await pickFreePorts(1);
    const mediaPort = await pickSippMediaPorts();
    const outcome = await runSipp({
      scenario: 'outside-call.xml',
      name,
      traceDir: runDir,
      remote: `${HOST}:${sipPort}`,
      localPort,
      mediaPort,
      controlPort,
      service: callee,
      keys: { number: '0312345678', domain },
    });
    expectCompleted(outcome, name);
    return outcome;
  }

  it('refuses an outside number from an address that is not a trusted gateway (403)', async () => {
    const { localPort } = await sippPorts();
    const outcome = await outsideCall('outside-untrusted', localPort, '1003');
    expect(outcome.receivedStatuses).toEqual([403]);
    expect(outcome.messages).toContain('403 Forbidden: not a trusted gateway');
  });

  it('connects the trusted gateway to a registered extension, with Record-Route both ways', async () => {
    const callee = await sippPorts();
    const answering = runSipp({ scenario: 'answer.xml', name: 'outside-answer-1003', traceDir: runDir, ...callee });
    await waitUntilBound(callee.localPort);
    await registerAs('1003', callee.localPort);
    const calling = await outsideCall('outside-trusted', gatewayPort, '1003');
    const answered = await answering;
    expectCompleted(answered, 'callee 1003');
    expect(calling.receivedStatuses.at(-1)).toBe(200);
    expect(answered.messages).toContain('From: "0312345678" <sip:0312345678@pstn.invalid>');
    expect(answered.messages).toMatch(/^BYE sip:/m);
  });

  it('lets even the trusted gateway reach nothing but the demo domain (403)', async () => {
    const outcome = await outsideCall('outside-relay', gatewayPort, '0612345678', 'example.com');
    expect(outcome.receivedStatuses).toEqual([403]);
    expect(outcome.messages).toContain('403 Not relaying');
  });
});

describe('restart', () => {
  it('comes back on the same ports with a new process, the same secret, and no registrations', async () => {
    const issuedBefore = credentialsOf('1006');
    await registerAs('1006', 5999, issuedBefore);
    const before = kamailio.pid;
    const secret = kamailio.sharedSecret;

    await kamailio.restart();

    expect(kamailio.sharedSecret).toBe(secret);
    expect(kamailio.pid).toBeDefined();
    expect(kamailio.pid).not.toBe(before);
    await expect(probeWebSocket(kamailio.wsUrl)).resolves.toMatchObject({ upgraded: true });
    const outcome = await callRejected('call-after-restart', '1001', '1006');
    expect(outcome.receivedStatuses.at(-1)).toBe(480);
    // A phone re-registers with what it holds; one that asked the service again, too.
    await registerAs('1006', 5999, issuedBefore);
    await registerAs('1006', 5999);
  });
});

describe('shared secret', () => {
  it('is kept in owner-only files and never appears on a command line or in the log', async () => {
    const secret = kamailio.sharedSecret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await expect(readFile(path.join(runDir, 'autheph.secret'), 'utf8')).resolves.toBe(`${secret}\n`);
    // auth_ephemeral logs every secret it is given at info level, the log level we run at.
    expect(await readFile(path.join(runDir, 'kamailio.log'), 'utf8')).not.toContain(secret);
    for (const file of ['autheph.secret', 'autheph.cfg', 'kamailio.log']) {
      expect(await othersMode(path.join(runDir, file)), file).toBe(0);
    }
    const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
    for (const pid of pids) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      expect(cmdline.includes(secret), `command line of pid ${pid}`).toBe(false);
    }
  });

  it('can be given; then only credentials signed with it register, and no secret file is written', async () => {
    const dir = path.join(runDir, 'given-secret');
    const given = 'given-secret-for-this-test-0123456789';
    const [givenSip = 0, givenWs = 0] = await pickFreePorts(2);
    const other = await Kamailio.start({ sipPort: givenSip, wsPort: givenWs, runDir: dir, sharedSecret: given });
    try {
      expect(other.sharedSecret).toBe(given);
      const accepted = await register('register-given-secret', '1003', credentialsOf('1003', new Date(), 600, given), 5999, givenSip);
      expect(accepted.receivedStatuses).toEqual([401, 200]);
      const refused = await register('register-kept-secret', '1003', credentialsOf('1003'), 5999, givenSip);
      expect(refused.receivedStatuses).toEqual([401, 401]);
      await expect(stat(path.join(dir, 'autheph.secret'))).rejects.toThrow(/ENOENT/);
    } finally {
      await other.stop();
    }
  });

  it('refuses an unusable secret, and never replaces a kept one', async () => {
    const check = (dir: string, sharedSecret?: string): Promise<void> =>
      checkKamailioConfig({ sipPort, wsPort, runDir: path.join(runDir, dir), ...(sharedSecret === undefined ? {} : { sharedSecret }) });
    await expect(check('short-secret', 'too-short')).rejects.toBeInstanceOf(SharedSecretError);
    await expect(check('quoted-secret', 'sixteen-or-more-"characters"')).rejects.toBeInstanceOf(SharedSecretError);

    const dir = path.join(runDir, 'broken-secret');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'autheph.secret'), 'has spaces in it, so not usable\n');
    await expect(check('broken-secret')).rejects.toThrow(/autheph\.secret must hold one line/);
    await expect(readFile(path.join(dir, 'autheph.secret'), 'utf8')).resolves.toBe('has spaces in it, so not usable\n');
  });

  it('uses a kept secret as it is, tightening a loose file mode', async () => {
    const dir = path.join(runDir, 'kept-secret');
    await mkdir(dir, { recursive: true });
    const kept = 'operator-chosen-secret-0123456789';
    await writeFile(path.join(dir, 'autheph.secret'), `${kept}\n`, { mode: 0o644 });
    await checkKamailioConfig({ sipPort, wsPort, runDir: dir });
    await expect(readFile(path.join(dir, 'autheph.cfg'), 'utf8')).resolves.toContain(`modparam("auth_ephemeral", "secret", "${kept}")`);
    expect(await othersMode(path.join(dir, 'autheph.secret'))).toBe(0);
    expect(await othersMode(path.join(dir, 'autheph.cfg'))).toBe(0);
  });
});

describe('WSS', () => {
  it('serves secure WebSocket with a generated self-signed certificate', async () => {
    const [tlsSipPort = 0, tlsWsPort = 0, wssPort = 0] = await pickFreePorts(3);
    const secure = await Kamailio.start({
      sipPort: tlsSipPort,
      wsPort: tlsWsPort,
      wssPort,
      tls: true,
      runDir: path.join(runDir, 'tls'),
    });
    try {
      expect(secure.wssUrl).toBe(`wss://${HOST}:${wssPort}`);
      await expect(probeWebSocket(secure.wssUrl ?? '')).resolves.toEqual({ upgraded: true, protocol: 'sip' });
    } finally {
      await secure.stop();
    }
  });
});

/** What the stand-in CTI service answers for an extension. */
type OfferAnswer = { readonly json: object } | { readonly body: string } | 'hang';

/** A small HTTP server on 127.0.0.1 standing in for the CTI service's offer check. */
async function startOfferService(answers: Record<string, OfferAnswer>): Promise<{ url: string; requests: IncomingMessage[]; close: () => Promise<void> }> {
  const requests: IncomingMessage[] = [];
  const hanging: ServerResponse[] = [];
  const server: HttpServer = createHttpServer((request, response) => {
    requests.push(request);
    const user = new URL(request.url ?? '/', 'http://localhost').searchParams.get('user') ?? '';
    const answer = answers[user] ?? { json: { offer: true, sipStatus: 200, sipReason: 'OK', state: null } };
    if (answer === 'hang') {
      hanging.push(response);
      return;
    }
    const body = 'json' in answer ? JSON.stringify(answer.json) : answer.body;
    response.writeHead(200, { 'content-type': 'json' in answer ? 'application/json' : 'text/plain' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://${HOST}:${port}/api/pbx/offer`,
    requests,
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('offer check by the CTI service', () => {
  let offering: Kamailio;
  let offerSipPort: number;
  let service: Awaited<ReturnType<typeof startOfferService>>;
  const offerDir = (): string => path.join(runDir, 'cti-offer');

  beforeAll(async () => {
    service = await startOfferService({
      '1002': { json: { offer: false, sipStatus: 480, sipReason: 'Not Ready', state: 'not-ready' } },
      '1003': { json: { offer: false, sipStatus: 486, sipReason: 'After-Call Work', state: 'after-call-work' } },
      '1005': { body: '<html>502 Bad Gateway</html>' },
      '1004': { json: { offer: true, sipStatus: 200, sipReason: 'OK', state: 'available' } },
      '1006': 'hang',
    });
    const [sipPortForOffers = 0, offerWsPort = 0] = await pickFreePorts(2);
    offerSipPort = sipPortForOffers;
    offering = await Kamailio.start({ sipPort: offerSipPort, wsPort: offerWsPort, runDir: offerDir(), sharedSecret: kamailio.sharedSecret, cti: { url: service.url } });
  });

  afterAll(async () => {
    await offering.stop();
    await service.close();
  });

  it('refuses a call to a not-ready agent with 480 and the reason the service gave', async () => {
    // Registered, so the 480 is the service's decision and not a missing registration.
    await registerAs('1002', 5999, credentialsOf('1002'), offerSipPort);
    const outcome = await callRejected('cti-not-ready', '1001', '1002', credentialsOf('1001'), offerSipPort);
    expect(outcome.receivedStatuses.at(-1)).toBe(480);
    expect(outcome.messages).toContain('SIP/2.0 480 Not Ready');
  });

  it('refuses a call to an agent in after-call work with 486', async () => {
    await registerAs('1003', 5999, credentialsOf('1003'), offerSipPort);
    const outcome = await callRejected('cti-after-call-work', '1001', '1003', credentialsOf('1001'), offerSipPort);
    expect(outcome.receivedStatuses.at(-1)).toBe(486);
    expect(outcome.messages).toContain('SIP/2.0 486 After-Call Work');
  });

  it("asks once per call, after authentication, with the extension and the stack's bearer token", () => {
    const asked = service.requests.filter((request) => request.url === '/api/pbx/offer?user=1002');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.method).toBe('GET');
    expect(offering.ctiToken).toMatch(/^[0-9a-f]{64}$/);
    expect(asked[0]?.headers.authorization).toBe(`Bearer ${offering.ctiToken ?? ''}`);
  });

  it('offers the call when the service answers garbage or does not answer in time', async () => {
    // Offered, so lookup() decides: these extensions are not registered here, hence its 480.
    const garbage = await callRejected('cti-garbage', '1001', '1005', credentialsOf('1001'), offerSipPort);
    expect(garbage.messages).toContain('SIP/2.0 480 Temporarily Unavailable');
    const started = Date.now();
    const silent = await callRejected('cti-hanging', '1001', '1006', credentialsOf('1001'), offerSipPort);
    expect(silent.messages).toContain('SIP/2.0 480 Temporarily Unavailable');
    expect(Date.now() - started).toBeLessThan(5000);
    const log = await readFile(offering.logFile, 'utf8');
    expect(log).toMatch(/CTI offer check for 1005: unreadable answer, offering the call/);
    expect(log).toMatch(/CTI offer check for 1006: service unreachable \(curl error 28\)/);
  });

  /** 1001 calls `callee`, whose phone (a sipp UAS registered here) answers; both must complete. */
  async function callAnswered(callee: string, name: string): Promise<SippOutcome> {
    const calleePorts = await sippPorts();
    const callerPorts = await sippPorts();
    const answering = runSipp({ scenario: 'answer.xml', name: `${name}-answer`, traceDir: runDir, ...calleePorts });
    await waitUntilBound(calleePorts.localPort);
    await registerAs(callee, calleePorts.localPort, credentialsOf(callee), offerSipPort);
    const calling = await runSipp({
      scenario: 'call.xml',
      name: `${name}-call`,
      traceDir: runDir,
      remote: `${HOST}:${offerSipPort}`,
      ...callerPorts,
      ...(({ user, password }) => ({ authUser: user, authPassword: password }))(credentialsOf('1001')),
      service: callee,
      keys: { aor: '1001', domain: demo.domain },
    });
    const answered = await answering;
    expectCompleted(calling, `${name}: caller 1001`);
    expectCompleted(answered, `${name}: callee ${callee}`);
    return calling;
  }

  it("rings an available agent's phone", async () => {
    const calling = await callAnswered('1004', 'cti-available');
    expect(calling.receivedStatuses.at(-1)).toBe(200);
    expect(service.requests.some((request) => request.url === '/api/pbx/offer?user=1004')).toBe(true);
  });

  it('reports an answered call to the service for recording, once, with both tags, and its end', async () => {
    const recordingReports = (kind: 'start' | 'stop'): IncomingMessage[] => service.requests.filter((request) => request.url?.startsWith(`/api/pbx/recordings/${kind}?`) === true);
    const [startsBefore, stopsBefore] = [recordingReports('start').length, recordingReports('stop').length];
    await callAnswered('1004', 'cti-recorded');
    const starts = recordingReports('start').slice(startsBefore);
    const stops = recordingReports('stop').slice(stopsBefore);
    expect(starts).toHaveLength(1);
    expect(stops).toHaveLength(1);
    const start = new URL(starts[0]?.url ?? '', 'http://localhost').searchParams;
    expect(starts[0]?.method).toBe('POST');
    expect(starts[0]?.headers.authorization).toBe(`Bearer ${offering.ctiToken ?? ''}`);
    expect({ caller: start.get('caller'), callee: start.get('callee') }).toEqual({ caller: '1001', callee: '1004' });
    expect(start.get('from')).toMatch(/.+/);
    expect(start.get('to')).toMatch(/.+/);
    expect(new URL(stops[0]?.url ?? '', 'http://localhost').searchParams.get('call')).toBe(start.get('call'));
  });

  it('offers the call to the registered phone when the service cannot be reached', async () => {
    await service.close();
    const calling = await callAnswered('1004', 'cti-down');
    expect(calling.receivedStatuses.at(-1)).toBe(200);
    expect(await readFile(offering.logFile, 'utf8')).toMatch(/CTI offer check for 1004: service unreachable \(curl error 7\)/);
  });

  it('keeps the token in owner-only files, off every command line and out of the log', async () => {
    const token = offering.ctiToken ?? '';
    await expect(readFile(path.join(offerDir(), 'cti-offer.token'), 'utf8')).resolves.toBe(`${token}\n`);
    for (const file of ['cti-offer.token', 'cti.cfg']) expect(await othersMode(path.join(offerDir(), file)), file).toBe(0);
    expect(await readFile(offering.logFile, 'utf8')).not.toContain(token);
    for (const pid of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      expect(cmdline.includes(token), `command line of pid ${pid}`).toBe(false);
    }
  });

  it('is not configured for a Kamailio started without a CTI URL', async () => {
    expect(kamailio.ctiToken).toBeUndefined();
    await expect(readFile(path.join(runDir, 'cti.cfg'), 'utf8')).resolves.not.toContain('WITH_CTI');
    await expect(stat(path.join(runDir, 'cti-offer.token'))).rejects.toThrow(/ENOENT/);
  });
});

describe('offer check settings', () => {
  it('refuses a CTI URL or token that cannot go into the cfg safely', async () => {
    const check = (dir: string, cti: { url: string; token?: string }): Promise<void> => checkKamailioConfig({ sipPort, wsPort, runDir: path.join(runDir, dir), cti });
    await expect(check('cti-quoted-url', { url: 'http://127.0.0.1:1/"x"' })).rejects.toBeInstanceOf(SharedSecretError);
    await expect(check('cti-pv-url', { url: 'http://127.0.0.1:1/$ru' })).rejects.toBeInstanceOf(SharedSecretError);
    await expect(check('cti-short-token', { url: 'http://127.0.0.1:1/api/pbx/offer', token: 'short' })).rejects.toThrow(/cti\.token must be 32 to 256 URL-safe characters/);
    await check('cti-given-token', { url: 'http://127.0.0.1:1/api/pbx/offer', token: 'given-token-for-the-offer-check-0123456789' });
    await expect(readFile(path.join(runDir, 'cti-given-token', 'cti.cfg'), 'utf8')).resolves.toContain('#!define CTI_OFFER_HEADERS "Authorization: Bearer given-token-for-the-offer-check-0123456789"');
  });
});

/** A small HTTP server on 127.0.0.1 standing in for the CTI service's PBX endpoints: caller ID by extension and queue. */
async function startCallerIdService(callerIds: Record<string, string | null>): Promise<{ url: string; requests: IncomingMessage[]; close: () => Promise<void> }> {
  const requests: IncomingMessage[] = [];
  const server: HttpServer = createHttpServer((request, response) => {
    requests.push(request);
    const url = new URL(request.url ?? '/', 'http://localhost');
    let answer: object;
    if (url.pathname === '/api/pbx/caller-id') {
      const key = [url.searchParams.get('extension'), url.searchParams.get('queue')].filter((part) => part !== null).join('@');
      const callerId = callerIds[key] ?? null;
      answer = { callerId, source: callerId === null ? 'none' : 'agent' };
    } else if (url.pathname === '/api/pbx/route') {
      answer = { action: 'unknown' };
    } else {
      answer = { offer: true, sipStatus: 200, sipReason: 'OK', state: 'available' };
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://${HOST}:${port}/api/pbx/offer`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('calls to the phone network', () => {
  let outbound: Kamailio;
  let outboundSipPort: number;
  /** The gateway to the phone network: a sipp UAS answering on this port. */
  let gatewayUasPort: number;
  let service: Awaited<ReturnType<typeof startCallerIdService>>;

  beforeAll(async () => {
    service = await startCallerIdService({ '1001': '0312341001', '1002@2001': '0312345678', '1003': null });
    const [sip = 0, ws = 0, gateway = 0] = await pickFreePorts(3);
    outboundSipPort = sip;
    gatewayUasPort = gateway;
    outbound = await Kamailio.start({
      sipPort: sip,
      wsPort: ws,
      runDir: path.join(runDir, 'outbound'),
      sharedSecret: kamailio.sharedSecret,
      cti: { url: service.url },
      outboundGateways: [`${HOST}:${gateway}`],
    });
  });

  afterAll(async () => {
    await outbound.stop();
    await service.close();
  });

  /** `agent` dials `number` (for `queue`, or `none`) on `proxyPort`; the gateway sipp on `gatewayPort` answers. */
  async function callOut(name: string, agent: string, number: string, queue: string, proxyPort: number = outboundSipPort, gatewayPort: number = gatewayUasPort): Promise<{ calling: SippOutcome; gateway: SippOutcome }> {
    const [controlPort = 0] = await pickFreePorts(1);
    const mediaPort = await pickSippMediaPorts();
    const answering = runSipp({ scenario: 'answer.xml', name: `${name}-gateway`, traceDir: runDir, localPort: gatewayPort, mediaPort, controlPort, timeoutSeconds: 20 });
    await waitUntilBound(gatewayPort);
    const calling = await runSipp({
      scenario: 'outbound-call.xml',
      name: `${name}-agent`,
      traceDir: runDir,
      remote: `${HOST}:${proxyPort}`,
      ...(await sippPorts()),
      ...(({ user, password }) => ({ authUser: user, authPassword: password }))(credentialsOf(agent)),
      service: number,
      keys: { aor: agent, domain: demo.domain, queue },
      timeoutSeconds: 20,
    });
    const gateway = await answering;
    expectCompleted(calling, `${name}: agent ${agent}`);
    expectCompleted(gateway, `${name}: gateway`);
    return { calling, gateway };
  }

  /** The first INVITE the gateway received, start line and headers. */
  function inviteAt(gateway: SippOutcome): string {
    return /^INVITE [\s\S]*?\n\s*\n/m.exec(gateway.messages)?.[0] ?? '';
  }

  it("sends an agent's call to the gateway presenting the agent's number from the CTI service, and nothing of the centre's own", async () => {
    const { calling, gateway } = await callOut('outbound-agent', '1001', '0312345678', 'none');
    const invite = inviteAt(gateway);
    expect(invite).toMatch(new RegExp(`^INVITE sip:0312345678@${HOST}:${gatewayUasPort} SIP/2\\.0`));
    expect(invite).toContain(`P-Asserted-Identity: <sip:0312341001@${HOST}>`);
    // uac drops the agent's display name (what is left is one more space, valid LWS).
    expect(invite).toMatch(new RegExp(`^From: +<sip:0312341001@${HOST}>;tag=`, 'm'));
    for (const internal of ['X-Tsunagu', '0999999999', 'Agent 1001', 'Privacy']) expect(invite).not.toContain(internal);
    // The agent's extension stays only in the Contact (in-dialog requests come back through us by the Record-Route).
    expect(invite.replace(/^Contact:.*$/m, '')).not.toContain('sip:1001@');
    // In-dialog requests keep the presented number toward the gateway (uac restores the URI only;
    // the agent's display name stays in them), the agent's own toward the agent.
    expect(gateway.messages).toMatch(/^BYE sip:[\s\S]*?^From: .*<sip:0312341001@/m);
    expect(calling.messages).toMatch(/SIP\/2\.0 200 OK[\s\S]*?^From: "Agent 1001" <sip:1001@/m);
    expect(calling.receivedStatuses.at(-1)).toBe(200);
    const asked = service.requests.filter((request) => request.url?.startsWith('/api/pbx/caller-id'));
    expect(asked.map((request) => request.url)).toEqual(['/api/pbx/caller-id?extension=1001']);
    expect(asked[0]?.headers.authorization).toBe(`Bearer ${outbound.ctiToken ?? ''}`);
  });

  it("presents the queue's number when the agent calls for a queue (X-Tsunagu-Queue)", async () => {
    const { gateway } = await callOut('outbound-queue', '1002', '+81312345678', '2001');
    const invite = inviteAt(gateway);
    expect(invite).toMatch(/^INVITE sip:\+81312345678@/);
    expect(invite).toContain(`P-Asserted-Identity: <sip:0312345678@${HOST}>`);
    expect(service.requests.some((request) => request.url === '/api/pbx/caller-id?extension=1002&queue=2001')).toBe(true);
  });

  it('withholds the identity when the service gives no number: anonymous From, Privacy: id, no P-Asserted-Identity', async () => {
    const { gateway } = await callOut('outbound-none', '1003', '09012345678', 'none');
    const invite = inviteAt(gateway);
    expect(invite).toMatch(/^From: "Anonymous" <sip:anonymous@anonymous\.invalid>;tag=/m);
    expect(invite).toMatch(/^Privacy: id\r?$/m);
    expect(invite).not.toContain('P-Asserted-Identity');
  });

  it('answers 484 for a number that is not 3 to 20 digits after an optional +', async () => {
    for (const garbage of ['03-1234-5678', '0312abc', '+12', `0${'1'.repeat(20)}`]) {
      const outcome = await callRejected(`outbound-garbage-${garbage}`, '1001', garbage, credentialsOf('1001'), outboundSipPort);
      expect(outcome.messages, garbage).toContain('SIP/2.0 484 Address Incomplete');
    }
  });

  it('fails over to the next gateway when the first does not answer', async () => {
    const [sip = 0, ws = 0, dead = 0, alive = 0] = await pickFreePorts(4);
    const failover = await Kamailio.start({
      sipPort: sip,
      wsPort: ws,
      runDir: path.join(runDir, 'outbound-failover'),
      sharedSecret: kamailio.sharedSecret,
      outboundGateways: [`${HOST}:${dead}`, `${HOST}:${alive}`],
    });
    try {
      const { calling, gateway } = await callOut('outbound-failover', '1001', '0312345678', 'none', sip, alive);
      expect(calling.receivedStatuses.at(-1)).toBe(200);
      expect(inviteAt(gateway)).toMatch(new RegExp(`^INVITE sip:0312345678@${HOST}:${alive} `));
      // Without a CTI service, no number is presented.
      expect(inviteAt(gateway)).toMatch(/^Privacy: id\r?$/m);
      expect(await readFile(failover.logFile, 'utf8')).toMatch(/gateway failed with 408, trying/);
    } finally {
      await failover.stop();
    }
  });

  it('refuses an outbound gateway that is not ip or ip:port, and writes the list in the given order', async () => {
    const check = (dir: string, outboundGateways: string[]): Promise<void> => checkKamailioConfig({ sipPort, wsPort, runDir: path.join(runDir, dir), outboundGateways });
    await expect(check('outbound-hostname', ['gw.example.jp'])).rejects.toBeInstanceOf(GatewayListError);
    await expect(check('outbound-port', ['203.0.113.20:70000'])).rejects.toThrow(/outbound gateway '203\.0\.113\.20:70000' must be an IPv4 address/);
    await check('outbound-list', ['203.0.113.20', '203.0.113.21:5080']);
    const list = await readFile(path.join(runDir, 'outbound-list', 'outbound-gateways.list'), 'utf8');
    expect(list.split('\n').filter((line) => /^\d/.test(line))).toEqual(['1 sip:203.0.113.20 0 2', '1 sip:203.0.113.21:5080 0 1']);
  });

  it('answers 503 when no gateway to the phone network is configured', async () => {
    const outcome = await callRejected('outbound-no-gateway', '1001', '0312345678');
    expect(outcome.messages).toContain('SIP/2.0 503 No gateway to the phone network configured');
  });

  it('never routes a call from the phone network back out to it (403)', async () => {
    const [controlPort = 0] = await pickFreePorts(1);
    const mediaPort = await pickSippMediaPorts();
    const outcome = await runSipp({
      scenario: 'outside-call.xml',
      name: 'outbound-trombone',
      traceDir: runDir,
      remote: `${HOST}:${sipPort}`,
      localPort: gatewayPort,
      mediaPort,
      controlPort,
      service: '0612345678',
      keys: { number: '0312345678', domain: demo.domain },
    });
    expectCompleted(outcome, 'gateway calling an outside number');
    expect(outcome.messages).toContain('403 Forbidden: no calls from the phone network to the phone network');
  });
});
