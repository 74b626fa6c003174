import { rm } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { issueSipCredentials } from '../server/src/domain/identity/sip-credentials';
import { buildApp } from '../scripts/lib/app-server';
import { chromiumArgs, chromiumExecutable } from '../scripts/lib/chromium';
import { startStack } from '../scripts/lib/stack';
import { loadDemoUsers } from '../scripts/pbx/kamailio';
import { firstRtpProbeScript } from './first-rtp-probe';

/**
 * `npm run bench:calls`: 20 calls between two headless agents in Tsunagu, then 20 with a bare
 * SIP.js page, over the same Kamailio; prints register time, INVITE→ringing and
 * answer→first RTP (min / median / p95) and the ratio of the median set-up times.
 *
 * Timings come from performance marks inside the pages and a first-RTP probe, never from
 * Playwright's own latency. "Set-up" is INVITE→ringing plus answer→first RTP at the caller.
 */
const calls = Number(process.env.BENCH_CALLS ?? 20);
const host = '127.0.0.1';
const base = 28000;

interface Sample {
  register: number;
  ringing: number;
  firstRtp: number;
}

function debug(message: string): void {
  if (process.env.BENCH_DEBUG) console.log(`  · ${message}`);
}


async function markTime(page: Page, prefix: string): Promise<number> {
  return page.evaluate((name) => {
    const entries = performance.getEntriesByType('mark').filter((entry) => entry.name.startsWith(name));
    const last = entries.at(-1);
    if (!last) throw new Error(`no mark ${name}`);
    return performance.timeOrigin + last.startTime;
  }, prefix);
}

async function waitForMark(page: Page, prefix: string, after: number): Promise<number> {
  for (;;) {
    const found = await page.evaluate(
      ({ name, since }) => {
        const entry = performance
          .getEntriesByType('mark')
          .filter((mark) => mark.name.startsWith(name))
          .at(-1);
        const time = entry ? performance.timeOrigin + entry.startTime : 0;
        return time > since ? time : 0;
      },
      { name: prefix, since: after },
    );
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function waitForFirstRtp(page: Page, after: number): Promise<number> {
  for (;;) {
    const found = await page.evaluate((since) => {
      const times = (window as unknown as { __firstRtp: number[] }).__firstRtp;
      return times.find((time) => time > since) ?? 0;
    }, after);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function newPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['microphone'], locale: 'en-US' });
  await context.addInitScript({ content: firstRtpProbeScript });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

async function runTsunagu(browser: Browser, appUrl: string): Promise<Sample[]> {
  const demo = await loadDemoUsers();
  const [userA, userB] = demo.users;
  if (!userA || !userB) throw new Error('two demo users needed');
  const a = await newPage(browser, appUrl);
  const b = await newPage(browser, appUrl);
  const signIn = async (page: Page, user: typeof userA): Promise<void> => {
    await page.getByTestId('login-username').fill(user.user);
    await page.getByTestId('login-password').fill(user.password);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="phone-status"][data-state="registered"]').waitFor();
    // Agents start not ready (受付停止) and are offered no calls until 受付可.
    await page.getByTestId('go-available').click();
    await page.locator('[data-testid="agent-state"][data-state="available"]').waitFor();
  };
  const samples: Sample[] = [];
  for (let index = 0; index < calls; index += 1) {
    debug('sign in');
    await Promise.all([signIn(a, userA), signIn(b, userB)]);
    debug('signed in');
    const register = (await markTime(a, 'tsunagu:registered')) - (await markTime(a, 'tsunagu:register-start'));
    await a.getByTestId('dial-input').fill(userB.user);
    await a.getByTestId('dial-call').click();
    const dialAt = await markTime(a, 'tsunagu:dial');
    debug('dialled');
    const ringingAt = await waitForMark(a, 'tsunagu:ringing', dialAt);
    debug('ringing');
    await b.getByTestId('incoming-answer').click();
    const answerAt = await markTime(b, 'tsunagu:answer');
    debug('answered');
    const firstRtpAt = await waitForFirstRtp(a, answerAt);
    samples.push({ register, ringing: ringingAt - dialAt, firstRtp: firstRtpAt - answerAt });
    debug(`call ${index + 1}: ${JSON.stringify(samples.at(-1))}`);
    await a.getByTestId('call-hangup').click();
    await b.getByTestId('call-panel').waitFor({ state: 'detached' });
    await Promise.all([a.getByTestId('sign-out').click(), b.getByTestId('sign-out').click()]);
  }
  await a.context().close();
  await b.context().close();
  return samples;
}

async function runBare(browser: Browser, bareUrl: string, wsUrl: string, sharedSecret: string): Promise<Sample[]> {
  const demo = await loadDemoUsers();
  const [userA, userB] = demo.users;
  if (!userA || !userB) throw new Error('two demo users needed');
  const a = await newPage(browser, bareUrl);
  const b = await newPage(browser, bareUrl);
  type Window = { barePhone: { register(...args: string[]): Promise<void>; call(t: string): Promise<void>; answer(): Promise<void>; hangup(): Promise<void>; unregister(): Promise<void>; hasIncoming(): boolean; state(): string } };
  // The same short-lived credentials the CTI service would issue, signed with Kamailio's secret.
  const register = (page: Page, user: typeof userA) => {
    const credentials = issueSipCredentials(user.user, sharedSecret, new Date(), 3600);
    return page.evaluate(
      ([server, domain, name, authorizationUser, password]) => (window as unknown as Window).barePhone.register(server, domain, name, authorizationUser, password),
      [wsUrl, demo.domain, user.user, credentials.username, credentials.password] as const,
    );
  };
  const samples: Sample[] = [];
  for (let index = 0; index < calls; index += 1) {
    await Promise.all([register(a, userA), register(b, userB)]);
    const registerTime = (await markTime(a, 'bare:registered')) - (await markTime(a, 'bare:register-start'));
    await a.evaluate((target) => (window as unknown as Window).barePhone.call(target), userB.user);
    const dialAt = await markTime(a, 'bare:dial');
    const ringingAt = await waitForMark(a, 'bare:ringing', dialAt);
    await b.waitForFunction(() => (window as unknown as Window).barePhone.hasIncoming());
    await b.evaluate(() => (window as unknown as Window).barePhone.answer());
    const answerAt = await markTime(b, 'bare:answer');
    const firstRtpAt = await waitForFirstRtp(a, answerAt);
    samples.push({ register: registerTime, ringing: ringingAt - dialAt, firstRtp: firstRtpAt - answerAt });
    await a.evaluate(() => (window as unknown as Window).barePhone.hangup());
    await b.waitForFunction(() => (window as unknown as Window).barePhone.state() === 'none');
    await Promise.all([a.evaluate(() => (window as unknown as Window).barePhone.unregister()), b.evaluate(() => (window as unknown as Window).barePhone.unregister())]);
  }
  await a.context().close();
  await b.context().close();
  return samples;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

function summary(values: number[]): string {
  const format = (value: number) => value.toFixed(1).padStart(7);
  return `${format(Math.min(...values))} ${format(percentile(values, 50))} ${format(percentile(values, 95))}`;
}

async function main(): Promise<void> {
  const runDir = path.resolve('.run/bench');
  const demo = await loadDemoUsers();
  await buildApp(path.join(runDir, 'app'), { sipWsUrl: `ws://${host}:${base + 1}`, sipDomain: demo.domain });
  await rm(path.join(runDir, 'pglite'), { recursive: true, force: true });
  const stack = await startStack({ host, sipPort: base, wsPort: base + 1, appPort: base + 2, runDir, staticDir: path.join(runDir, 'app'), serviceEnv: { TSUNAGU_LOGIN_RATE_LIMIT: '1000' } });
  const cleanup: (() => Promise<void>)[] = [() => stack.stop()];
  try {
    await build({ configFile: false, root: path.resolve('bench/bare'), base: './', logLevel: 'warn', build: { outDir: path.join(runDir, 'bare'), emptyOutDir: true } });
    const bare = await preview({ configFile: false, root: path.resolve('bench/bare'), logLevel: 'warn', build: { outDir: path.join(runDir, 'bare') }, preview: { host, port: base + 3, strictPort: true } });
    cleanup.push(() => bare.close());

    const browser = await chromium.launch({ executablePath: chromiumExecutable, args: [...chromiumArgs] });
    cleanup.push(() => browser.close());
    console.log(`bench:calls — ${calls} calls each, Tsunagu then bare SIP.js, Kamailio on loopback`);
    const tsunagu = await runTsunagu(browser, stack.appUrl);
    const baseline = await runBare(browser, `http://${host}:${base + 3}/`, stack.sipWsUrl, stack.kamailio.sharedSecret);

    const rows: [string, (s: Sample) => number][] = [
      ['register (ms)', (s) => s.register],
      ['INVITE→ringing (ms)', (s) => s.ringing],
      ['answer→first RTP (ms)', (s) => s.firstRtp],
    ];
    console.log('');
    const head = ['min', 'median', 'p95'].map((label) => label.padStart(7)).join(' ');
    console.log(`${''.padEnd(24)} | ${'Tsunagu'.padEnd(23)} | bare SIP.js`);
    console.log(`${'metric'.padEnd(24)} | ${head} | ${head}`);
    console.log(`${'-'.repeat(24)}-+-${'-'.repeat(23)}-+-${'-'.repeat(23)}`);
    for (const [name, pick] of rows) {
      console.log(`${name.padEnd(24)} | ${summary(tsunagu.map(pick))} | ${summary(baseline.map(pick))}`);
    }
    const setup = (samples: Sample[]) => percentile(samples.map((s) => s.ringing + s.firstRtp), 50);
    console.log('');
    console.log(`ratio tsunagu/bare median setup: ${(setup(tsunagu) / setup(baseline)).toFixed(2)}`);
  } finally {
    for (const stop of cleanup.reverse()) await stop().catch((error: unknown) => console.error(error));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
