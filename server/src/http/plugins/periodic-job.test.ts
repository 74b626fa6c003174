import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installPeriodicJob } from './periodic-job';

describe('periodic job (session and queue sweeps)', () => {
  it('runs on its interval until the app closes, and survives a failed run', async () => {
    const app = Fastify({ logger: false });
    let sweeps = 0;
    installPeriodicJob(
      app,
      'test sweep',
      () => {
        sweeps += 1;
        return sweeps === 1 ? Promise.reject(new Error('database away')) : Promise.resolve(0);
      },
      10,
    );
    await app.ready();
    await expect.poll(() => sweeps, { timeout: 2000 }).toBeGreaterThanOrEqual(3);
    await app.close();
    const afterClose = sweeps;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sweeps).toBe(afterClose);
  });
});
