/**
 * `npm run bench:board`: how the supervisor's live board (監視盤) holds up with thousands of
 * agents under a stream of live events, in Debian's Chromium.
 *
 *   bash scripts/bench-board.sh [--agents 500,2000,5000] [--rates 50,200,1000] [--seconds 10]
 *                               [--sample 30] [--sort state|extension|time-in-state]
 *                               [--agents-per-queue 50] [--seed 20261123] [--reuse-build]
 *
 * For each case (agents N × events per second R) it prints, with the target beside each:
 * snapshot → first rows (ms), requestAnimationFrame deltas while the events stream
 * (p50 / p95 / max), long tasks (> 50 ms), the marker event's delay from publish to the row
 * (p50 / p95), agent rows in the DOM, JS heap after a GC, and whether a sample of rows shows
 * the last state of their agent; then writes everything as JSON to
 * `.run/bench/board-<time>.json` (and `board-latest.json`). It is a benchmark, not a test: it
 * exits 0 whatever the figures, non-zero only when the bench itself broke.
 *
 * What is real:
 * - the SPA, built for production (`vite build`, the same as `npm start` serves) into
 *   `.run/bench/board/app`, and served by the CTI service itself;
 * - the CTI service: the same composition as `server/src/server.ts` (config, PGlite in a fresh
 *   `.run/bench/board/pglite`, migrations, demo seed, Fastify app) listening on 127.0.0.1,
 *   started in this process so the bench can publish into its live-events hub;
 * - the sign-in: `sv1` / `tsunagu-sv1` through the sign-in form, the session cookie, CSRF, and
 *   every request the page makes other than the two below (session, the recordings panel
 *   beside the board, sign-out);
 * - the live events: published into the service's own hub (`services.liveEvents`), filtered
 *   for sv1's groups and sent by the real `/api/events` WebSocket route, one message per event,
 *   as the service does when agents and calls change;
 * - the browser: Debian's Chromium with the project's flags (`scripts/lib/chromium.ts`), a
 *   1600×1000 window, Japanese; the board's default order (state, then longest in it).
 *
 * The delay is taken when the marker's new number enters the DOM (React's commit, seen by a
 * MutationObserver), not at the paint after it; frames and long tasks are sampled only while
 * the events stream. The rates are the events the service sends this supervisor, not the
 * centre's whole traffic.
 *
 * What is generated (`centre-model.ts`):
 * - the N agents and N/50 queues (`--agents-per-queue`): GET /api/agents and GET /api/queues go to the real service
 *   (`route.fetch()`), and its answer is kept for sv1's groups, the tenant's not-ready reasons
 *   and a real queue's settings, while the agents and queues are replaced by the model's, in
 *   sv1's groups (Playwright `page.route`);
 * - the events: the model's agents going around the day (offered, answered, held, recorded,
 *   ended, after-call work, not ready with a reason…), each event built to the contract and a
 *   sample parsed with its zod schemas (`src/contract/events.ts`), so a contract change stops
 *   the bench loudly. The marker agent (first row) gets a new call every 250 ms (2 events,
 *   counted in the rate) to time the delay.
 */
import { mkdir, rm, stat, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page, type Route } from '@playwright/test';
import { agentBoardListSchema, type AgentBoardList } from '../../src/contract/events';
import { queueListSchema, type QueueDto } from '../../src/contract/queues';
import { readServiceConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { migrate } from '../../server/src/db/migrate';
import { systemClock } from '../../server/src/domain/clock';
import type { LiveEvents } from '../../server/src/domain/live/live-events';
import { buildApp as buildServiceApp } from '../../server/src/http/app';
import { seedDemo } from '../../server/src/seed/demo-seed';
import { demoModuleSeeds } from '../../server/src/seed/module-seeds';
import { createServices } from '../../server/src/services';
import { buildApp } from '../../scripts/lib/app-server';
import { chromiumArgs, chromiumExecutable } from '../../scripts/lib/chromium';
import { pickFreePorts } from '../../scripts/pbx/ports';
import { boardProbeScript, type BoardProbe } from './board-probe';
import { formatTable, missedTargets, percentile, boardTargets, type CaseResult } from './board-report';
import { CentreModel, type CentreEvent, type ModelAgent } from './centre-model';

const host = '127.0.0.1';
const supervisor = { username: 'sv1', password: 'tsunagu-sv1' };
/** Height of an agent row (src/features/supervisor-board/agent-row.tsx `agentRowHeight`). */
const rowHeight = 44;
const markerIntervalMs = 250;

const { values: args } = parseArgs({
  options: {
    agents: { type: 'string', default: '500,2000,5000' },
    rates: { type: 'string', default: '50,200,1000' },
    seconds: { type: 'string', default: '10' },
    sample: { type: 'string', default: '30' },
    sort: { type: 'string', default: 'state' },
    seed: { type: 'string', default: '20261123' },
    'agents-per-queue': { type: 'string', default: '50' },
    'reuse-build': { type: 'boolean', default: false },
  },
});

function numbers(list: string, name: string): number[] {
  const parsed = list.split(',').map((item) => Number(item.trim()));
  if (parsed.length === 0 || parsed.some((value) => !Number.isInteger(value) || value <= 0)) throw new Error(`--${name} must be positive whole numbers separated by commas, got "${list}"`);
  return parsed;
}

const options = {
  agents: numbers(args.agents, 'agents'),
  rates: numbers(args.rates, 'rates'),
  seconds: numbers(args.seconds, 'seconds')[0] ?? 10,
  sample: numbers(args.sample, 'sample')[0] ?? 30,
  seed: numbers(args.seed, 'seed')[0] ?? 1,
  agentsPerQueue: numbers(args['agents-per-queue'], 'agents-per-queue')[0] ?? 50,
  sort: args.sort,
  reuseBuild: args['reuse-build'],
};
if (!['state', 'extension', 'time-in-state'].includes(options.sort)) throw new Error(`--sort must be state, extension or time-in-state, got "${options.sort}"`);

function debug(message: string): void {
  if (process.env.BENCH_DEBUG) console.log(`  · ${message}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The board's Japanese wording, read from the SPA's own catalogue (what a row must say). */
async function boardCatalogue(): Promise<Record<string, string>> {
  const text = await readFile(path.resolve('src/i18n/locales/features/board.ja.json'), 'utf8');
  return JSON.parse(text) as Record<string, string>;
}

/** The running CTI service and the handle the bench publishes through. */
interface BenchService {
  readonly appUrl: string;
  readonly liveEvents: LiveEvents;
  readonly tenantId: string;
  stop(): Promise<void>;
}

/** Starts the CTI service as `server/src/server.ts` does, keeping its live-events hub and the seeded tenant. */
async function startService(runDir: string, staticDir: string): Promise<BenchService> {
  const dataDir = path.join(runDir, 'pglite');
  await rm(dataDir, { recursive: true, force: true });
  const [port] = await pickFreePorts(1, host);
  if (port === undefined) throw new Error('no free port');
  const config = readServiceConfig({
    NODE_ENV: 'production',
    TSUNAGU_API_HOST: host,
    TSUNAGU_API_PORT: String(port),
    TSUNAGU_DATA_DIR: dataDir,
    TSUNAGU_RECORDINGS_DIR: path.join(runDir, 'recordings'),
    TSUNAGU_STATIC_DIR: staticDir,
    // Loopback http: a Secure cookie would never come back.
    TSUNAGU_COOKIE_SECURE: '0',
    TSUNAGU_LOGIN_RATE_LIMIT: '1000',
    LOG_LEVEL: 'warn',
  });
  const database = await openDatabase({ dataDir: path.resolve(config.dataDir) });
  try {
    await migrate(database);
    const services = createServices(database, config, systemClock);
    const seeded = await seedDemo(database.db, services.passwordHasher, demoModuleSeeds);
    if (!seeded) throw new Error(`${dataDir} was not empty: the demo tenant was not seeded`);
    const app = await buildServiceApp({ ...services, config, database, clock: systemClock });
    await app.listen({ host, port });
    return {
      appUrl: `http://${host}:${port}/`,
      liveEvents: services.liveEvents,
      tenantId: seeded.tenantId,
      async stop() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

function probeOf(page: Page): Promise<BoardProbe> {
  return page.evaluate(() => (window as unknown as { __boardBench: BoardProbe }).__boardBench);
}

/** The snapshot of one case: GET /api/agents and /api/queues answered from the model, in sv1's real groups. */
class SnapshotRoutes {
  model: CentreModel | undefined;
  loads = 0;
  servedAt = { agents: 0, queues: 0 };
  private realAgents: ((list: AgentBoardList) => void) | undefined;
  private realQueues: ((queues: QueueDto[]) => void) | undefined;
  private readonly ready: Promise<CentreModel>;
  private fail: ((error: Error) => void) | undefined;
  /** Rejects when the bench could not serve a snapshot (e.g. the model no longer matches the contract). */
  readonly failed = new Promise<never>((_, reject) => (this.fail = reject));

  constructor(agents: number, queues: number, seed: number) {
    const agentList = new Promise<AgentBoardList>((resolve) => (this.realAgents = resolve));
    const queueList = new Promise<QueueDto[]>((resolve) => (this.realQueues = resolve));
    this.ready = Promise.all([agentList, queueList]).then(([list, real]) => {
      const template = real[0];
      if (!template) throw new Error('sv1 has no queue in the service: nothing to model the queues on');
      const model = new CentreModel({ agents, queues, groups: list.groups ?? [], reasons: list.reasons ?? [], queueTemplate: template, seed, now: Date.now() });
      model.validateSnapshot();
      this.model = model;
      return model;
    });
  }

  async install(page: Page): Promise<void> {
    // Nobody may be left waiting on `failed` once the case is over.
    this.failed.catch(() => undefined);
    await page.route('**/api/agents', (route) => this.guard(route, () => this.serveAgents(route)));
    await page.route('**/api/queues', (route) => this.guard(route, () => this.serveQueues(route)));
  }

  private async guard(route: Route, serve: () => Promise<void>): Promise<void> {
    try {
      await serve();
    } catch (error) {
      this.fail?.(error instanceof Error ? error : new Error(String(error)));
      await route.abort('failed').catch(() => undefined);
    }
  }

  private async serveAgents(route: Route): Promise<void> {
    const response = await route.fetch();
    if (!response.ok()) return route.fulfill({ response });
    this.realAgents?.(agentBoardListSchema.parse(await response.json()));
    const model = await this.ready;
    const body = JSON.stringify(model.agentList());
    this.loads += 1;
    this.servedAt.agents = Date.now();
    await route.fulfill({ response, body, headers: { ...response.headers(), 'content-type': 'application/json; charset=utf-8' } });
  }

  private async serveQueues(route: Route): Promise<void> {
    const response = await route.fetch();
    if (!response.ok()) return route.fulfill({ response });
    this.realQueues?.(queueListSchema.parse(await response.json()).items);
    const model = await this.ready;
    const body = JSON.stringify(model.queueList());
    this.servedAt.queues = Date.now();
    await route.fulfill({ response, body, headers: { ...response.headers(), 'content-type': 'application/json; charset=utf-8' } });
  }
}

/** Events of one streaming window and when each marker call was published. */
interface Stream {
  sent: number;
  markerSentAt: Map<number, number>;
  /** Agents named by the last events, most recent first: the rows most likely to be stale. */
  recent: ModelAgent[];
}

/**
 * Publishes the model's events into the service's hub at `rate` per second for `seconds`, in
 * 5 ms ticks, plus the marker's call every {@link markerIntervalMs}; a step's events that
 * overshoot the window are still sent, so the model and the board end in the same state.
 */
async function streamEvents(service: BenchService, model: CentreModel, rate: number, seconds: number): Promise<Stream> {
  const stream: Stream = { sent: 0, markerSentAt: new Map(), recent: [] };
  const byId = new Map(model.agents.map((agent) => [agent.agentId, agent]));
  const start = Date.now();
  const end = start + seconds * 1000;
  let nextMarker = start + markerIntervalMs / 2;
  let backlog: CentreEvent[] = [];
  let validated = 0;
  const publish = (event: CentreEvent) => {
    // Every event of the first second and one in fifty afterwards go through the contract's schemas.
    if (validated < rate || stream.sent % 50 === 0) {
      CentreModel.validateEvent(event);
      validated += 1;
    }
    service.liveEvents.publish({ ...event, tenantId: service.tenantId });
    stream.sent += 1;
    if ('agentId' in event && event.agentId !== null) {
      const agent = byId.get(event.agentId);
      if (agent && agent.index !== 0) {
        stream.recent.unshift(agent);
        if (stream.recent.length > 50) stream.recent.pop();
      }
    }
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      try {
        const now = Date.now();
        if (now >= nextMarker && now < end) {
          const tick = model.markerTick(now);
          for (const event of tick.events) publish(event);
          stream.markerSentAt.set(tick.seq, Date.now());
          nextMarker += markerIntervalMs;
        }
        const due = Math.floor((Math.min(now, end) - start) * (rate / 1000));
        while (stream.sent < due) {
          if (backlog.length === 0) backlog = model.step(now);
          const event = backlog.shift();
          if (event) publish(event);
        }
        if (now >= end) {
          for (const event of backlog) publish(event);
          clearInterval(timer);
          resolve();
        }
      } catch (error) {
        // A generated event the contract refuses: stop the bench, loudly.
        clearInterval(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }, 5);
  });
  return stream;
}

/** What a row must say for an agent (state label, call number digits or 非通知, recording flag). */
function expectedRow(agent: ModelAgent, catalogue: Record<string, string>, reasons: readonly { code: string; nameJa: string }[]): { state: string; number: string | null; recording: string | null } {
  const label = (key: string) => catalogue[key] ?? key;
  let state: string;
  switch (agent.state) {
    case 'available':
      state = label('board.state.available');
      break;
    case 'not-ready': {
      const reason = agent.reason === null ? undefined : (reasons.find((candidate) => candidate.code === agent.reason)?.nameJa ?? agent.reason);
      state = reason === undefined ? label('board.state.notReady') : label('board.state.notReadyReason').replace('{reason}', reason);
      break;
    }
    case 'on-call':
      state = label('board.state.onCall');
      break;
    case 'after-call-work':
      state = label('board.state.afterCallWork');
      break;
    case 'offline':
      state = label('board.state.offline');
      break;
  }
  const call = agent.call;
  // Numbers are compared by their digits: +81312345678 is shown 03-1234-5678.
  const number = call === undefined ? null : call.remoteNumber === null ? label('board.call.withheld') : `0${call.remoteNumber.slice(3)}`;
  return { state, number, recording: call?.recording ?? null };
}

/** Scrolls the board to each sampled agent (extension order) and compares the row with the model. */
async function checkRows(page: Page, model: CentreModel, sample: readonly ModelAgent[], catalogue: Record<string, string>): Promise<{ correct: number; mismatches: string[] }> {
  await page.getByTestId('board-sort').selectOption('extension');
  const reasons = model.agentList().reasons ?? [];
  const viewport = page.getByTestId('board-agent-list');
  let correct = 0;
  const mismatches: string[] = [];
  for (const agent of sample) {
    await viewport.evaluate((element, top) => {
      element.scrollTop = top;
    }, Math.max(0, agent.index * rowHeight - 3 * rowHeight));
    const row = page.locator(`[data-testid="board-agent-row"][data-extension="${agent.extension}"]`);
    await row.waitFor({ state: 'attached', timeout: 10_000 });
    const state = (await row.getByTestId('board-agent-state').textContent()) ?? '';
    const numberCell = row.getByTestId('board-call-number');
    const shownNumber = (await numberCell.count()) > 0 ? ((await numberCell.textContent()) ?? '') : null;
    const flag = row.getByTestId('board-recording-flag');
    const recording = (await flag.count()) > 0 ? await flag.getAttribute('data-status') : null;
    const expected = expectedRow(agent, catalogue, reasons);
    const number = shownNumber === null || shownNumber === expected.number ? shownNumber : shownNumber.replace(/\D/g, '');
    if (state === expected.state && number === expected.number && recording === expected.recording) correct += 1;
    else
      mismatches.push(
        `${agent.extension}: shows ${JSON.stringify({ state, number, recording })}, model ${JSON.stringify(expected)}`,
      );
  }
  return { correct, mismatches };
}

/** Picks the agents to check: the marker, the last ones the stream touched, and some at random over the list. */
function sampleAgents(model: CentreModel, stream: Stream, size: number, seed: number): ModelAgent[] {
  const chosen = new Map<string, ModelAgent>([[model.marker.agentId, model.marker]]);
  for (const agent of stream.recent) {
    if (chosen.size >= Math.ceil(size / 2)) break;
    chosen.set(agent.agentId, agent);
  }
  let state = seed;
  while (chosen.size < Math.min(size, model.agents.length)) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const agent = model.agents[state % model.agents.length];
    if (agent) chosen.set(agent.agentId, agent);
  }
  return [...chosen.values()];
}

async function runCase(browser: Browser, service: BenchService, catalogue: Record<string, string>, agents: number, rate: number): Promise<CaseResult> {
  const queues = Math.max(1, Math.round(agents / options.agentsPerQueue));
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1600, height: 1000 } });
  try {
    await context.addInitScript({ content: boardProbeScript });
    const page = await context.newPage();
    const snapshot = new SnapshotRoutes(agents, queues, options.seed);
    await snapshot.install(page);
    await page.goto(service.appUrl);
    await page.getByTestId('login-username').fill(supervisor.username);
    await page.getByTestId('login-password').fill(supervisor.password);
    const clickAt = Date.now();
    await page.getByTestId('login-submit').click();
    await Promise.race([page.locator('[data-testid="board-agent-row"]').first().waitFor({ timeout: 60_000 }), snapshot.failed]);
    await page.locator('[data-testid="board-connection"][data-state="open"]').waitFor({ timeout: 30_000 });
    const model = snapshot.model;
    if (!model) throw new Error('the board showed rows without the bench serving its snapshot');
    const loaded = await probeOf(page);
    const renderMs = loaded.firstRowAt - Math.max(snapshot.servedAt.agents, snapshot.servedAt.queues);
    const signInToRowsMs = loaded.firstRowAt - clickAt;
    debug(`${agents} agents: rows after ${renderMs} ms (${signInToRowsMs} ms from sign-in)`);

    if (options.sort !== 'state') await page.getByTestId('board-sort').selectOption(options.sort);
    const marker = model.marker.extension;
    await page.evaluate((extension) => {
      (window as unknown as { __boardBench: BoardProbe }).__boardBench.markerExtension = extension;
    }, marker);
    await page.locator(`[data-testid="board-agent-row"][data-extension="${marker}"]`).waitFor({ timeout: 10_000 });
    for (let waited = 0; service.liveEvents.size === 0; waited += 50) {
      if (waited > 10_000) throw new Error('the board never subscribed to the live events');
      await sleep(50);
    }
    await sleep(1000);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const mainThread = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name: string) => metrics.find((candidate) => candidate.name === name)?.value ?? Number.NaN;
      // Seconds the renderer's main thread spent, cumulative since Performance.enable.
      return { task: metric('TaskDuration'), script: metric('ScriptDuration'), layout: metric('LayoutDuration') + metric('RecalcStyleDuration') };
    };
    const busyBefore = await mainThread();
    const streamStart = Date.now();
    const receivedBefore = await page.evaluate(() => {
      const bench = (window as unknown as { __boardBench: BoardProbe }).__boardBench;
      bench.frames = [];
      bench.longTasks = [];
      bench.marker = [];
      bench.sampling = true;
      return bench.received;
    });
    const stream = await streamEvents(service, model, rate, options.seconds);
    // Let the last events reach the DOM before the sampling window closes.
    await sleep(300);
    const probe = await page.evaluate(() => {
      const bench = (window as unknown as { __boardBench: BoardProbe }).__boardBench;
      bench.sampling = false;
      return bench;
    });
    const received = probe.received - receivedBefore;
    const busyAfter = await mainThread();
    const windowSeconds = (Date.now() - streamStart) / 1000;
    const busy = {
      taskMsPerSecond: ((busyAfter.task - busyBefore.task) * 1000) / windowSeconds,
      scriptMsPerSecond: ((busyAfter.script - busyBefore.script) * 1000) / windowSeconds,
      styleLayoutMsPerSecond: ((busyAfter.layout - busyBefore.layout) * 1000) / windowSeconds,
    };

    const seen = new Map<number, number>();
    for (const entry of probe.marker) {
      const seq = CentreModel.markerSeqOf(entry.text);
      if (seq !== undefined && !seen.has(seq)) seen.set(seq, entry.at);
    }
    const delays: number[] = [];
    for (const [seq, at] of seen) {
      const sentAt = stream.markerSentAt.get(seq);
      if (sentAt !== undefined) delays.push(at - sentAt);
    }

    const domRows = await page.locator('[data-testid="board-agent-row"]').count();
    const domElements = await page.evaluate(() => document.getElementsByTagName('*').length);
    await cdp.send('HeapProfiler.collectGarbage');
    const performanceMetrics = await cdp.send('Performance.getMetrics');
    const heapBytes = performanceMetrics.metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;

    const sample = sampleAgents(model, stream, options.sample, options.seed + agents + rate);
    const checked = await checkRows(page, model, sample, catalogue);

    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-username').waitFor({ timeout: 30_000 });
    return {
      agents,
      queues,
      rate,
      seconds: options.seconds,
      sent: stream.sent,
      achievedRate: stream.sent / options.seconds,
      received,
      renderMs,
      signInToRowsMs,
      frameP50: percentile(probe.frames, 50),
      frameP95: percentile(probe.frames, 95),
      frameMax: probe.frames.length === 0 ? Number.NaN : Math.max(...probe.frames),
      frames: probe.frames.length,
      longTasks: probe.longTasks.length,
      longTaskMaxMs: probe.longTasks.length === 0 ? 0 : Math.max(...probe.longTasks),
      delayP50: percentile(delays, 50),
      delayP95: percentile(delays, 95),
      delayMax: delays.length === 0 ? Number.NaN : Math.max(...delays),
      markerSent: stream.markerSentAt.size,
      markerSeen: delays.length,
      domRows,
      domElements,
      heapMb: heapBytes / (1024 * 1024),
      ...busy,
      snapshotLoads: snapshot.loads,
      checked: sample.length,
      correct: checked.correct,
      mismatches: checked.mismatches,
    };
  } finally {
    await context.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function main(): Promise<void> {
  const runDir = path.resolve('.run/bench/board');
  const staticDir = path.join(runDir, 'app');
  const startedAt = new Date();
  if (!(options.reuseBuild && (await exists(path.join(staticDir, 'index.html'))))) {
    console.log('bench:board — building the SPA (vite build)…');
    // No phone for a supervisor: the SIP defaults are never used.
    await buildApp(staticDir, { sipWsUrl: 'ws://127.0.0.1:5066', sipDomain: '127.0.0.1' });
  }
  const catalogue = await boardCatalogue();
  const service = await startService(runDir, staticDir);
  const cleanup: (() => Promise<void>)[] = [() => service.stop()];
  try {
    const browser = await chromium.launch({ executablePath: chromiumExecutable, args: [...chromiumArgs] });
    cleanup.push(() => browser.close());
    const version = browser.version();
    const loadBefore = os.loadavg()[0] ?? 0;
    console.log(
      `bench:board — sv1's board in Chromium ${version}, ${options.seconds} s of events per case, order "${options.sort}", service ${service.appUrl} (PGlite, .run/bench/board); load average ${loadBefore.toFixed(2)} on ${os.availableParallelism()} CPUs`,
    );
    const results: CaseResult[] = [];
    for (const agents of options.agents) {
      for (const rate of options.rates) {
        const result = await runCase(browser, service, catalogue, agents, rate);
        results.push(result);
        const missed = missedTargets(result);
        console.log(
          `  ${String(agents).padStart(5)} agents × ${String(rate).padStart(4)} ev/s: rows ${result.renderMs} ms, frames p95 ${result.frameP95.toFixed(1)} ms, delay p95 ${result.delayP95.toFixed(0)} ms, ${result.correct}/${result.checked} rows right${missed.length === 0 ? '' : ` — misses ${missed.join(', ')}`}`,
        );
      }
    }
    console.log('');
    console.log('render: snapshot served → first rows (ms); frame: requestAnimationFrame deltas while streaming (ms); long tasks: > 50 ms;');
    console.log('delay: marker event published → its row shows it (ms); main ms/s: renderer main-thread time per second of streaming;');
    console.log('DOM rows: agent rows rendered; heap: JS heap used after a GC;');
    console.log('correct: sampled rows (scrolled to) showing their agent\'s last state; ev/s sent: events published per second (all received).');
    console.log('');
    console.log(formatTable(results));
    const headline = results.find((result) => result.agents === 2000 && result.rate === 200);
    if (headline) {
      const missed = missedTargets(headline);
      console.log(`\nheadline, 2000 agents × 200 ev/s: ${missed.length === 0 ? 'PASS' : `WARN (${missed.join(', ')})`}`);
    }
    for (const result of results.filter((candidate) => candidate.mismatches.length > 0)) {
      console.log(`\n${result.agents} agents × ${result.rate} ev/s — rows that differ from the model:`);
      for (const mismatch of result.mismatches) console.log(`  ${mismatch}`);
    }
    for (const result of results.filter((candidate) => candidate.received < candidate.sent || candidate.snapshotLoads > 1)) {
      console.log(`\n${result.agents} agents × ${result.rate} ev/s: ${result.received} of ${result.sent} events received, ${result.snapshotLoads} snapshot loads`);
    }
    const benchDir = path.resolve('.run/bench');
    await mkdir(benchDir, { recursive: true });
    const loadAfter = os.loadavg()[0] ?? 0;
    // Frame times move with what else runs on the machine: a load above the CPU count makes WARNs likely.
    console.log(`\nload average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, ${os.availableParallelism()} CPUs`);
    const report = { bench: 'board', startedAt: startedAt.toISOString(), chromium: version, cpus: os.availableParallelism(), loadAverage: { before: loadBefore, after: loadAfter }, options, targets: boardTargets, results: results.map((result) => ({ ...result, verdict: missedTargets(result) })) };
    const file = path.join(benchDir, `board-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(path.join(benchDir, 'board-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwritten to ${path.relative(process.cwd(), file)} (and board-latest.json)`);
  } finally {
    for (const stop of cleanup.reverse()) await stop().catch((error: unknown) => console.error(error));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
