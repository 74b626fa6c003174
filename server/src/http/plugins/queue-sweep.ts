import type { FastifyInstance } from 'fastify';
import type { QueueService } from '../../domain/queues/queue-service';

/** How often queue calls the PBX stopped asking about are released. */
export const queueSweepIntervalMs = 15_000;

/**
 * Periodically releases the queue calls the PBX lost track of, so the queue figures and the
 * supervisors' boards stop counting them as waiting; stopped when the app closes.
 */
export function installQueueSweep(app: FastifyInstance, queues: Pick<QueueService, 'sweepLostCalls'>, intervalMs = queueSweepIntervalMs): void {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = queues.sweepLostCalls().catch((error: unknown) => app.log.error({ err: error }, 'queue sweep failed'));
  }, intervalMs);
  // Never the reason the process stays up.
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
