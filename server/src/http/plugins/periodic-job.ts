import type { FastifyInstance } from 'fastify';

/** How often agents whose sessions ran out are made offline (the PBX's offer check does not wait for it). */
export const sessionSweepIntervalMs = 30_000;

/** How often queue calls the PBX stopped asking about are released. */
export const queueSweepIntervalMs = 15_000;

/** How often running recordings are checked against rtpengine (a BYE the service was not told about). */
export const recordingSweepIntervalMs = 30_000;

/**
 * Runs `job` every `intervalMs` while the app is up: a failed run is logged as `<name> failed`
 * and the next one runs as usual; closing the app stops the timer and waits for a run in
 * progress. The timer never keeps the process alive by itself.
 */
export function installPeriodicJob(app: FastifyInstance, name: string, job: () => Promise<unknown>, intervalMs: number): void {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = job().catch((error: unknown) => app.log.error({ err: error }, `${name} failed`));
  }, intervalMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
