import type { FastifyInstance } from 'fastify';
import type { AgentStateService } from '../../domain/live/agent-state-service';

/** How often agents whose sessions ran out are made offline. */
export const sessionSweepIntervalMs = 30_000;

/**
 * Periodically makes offline the agents whose sessions expired without a sign-out, so
 * supervisors see them leave; stopped when the app closes.
 * @remarks The PBX's offer check does not wait for it: it counts such an agent as offline at once.
 */
export function installSessionSweep(app: FastifyInstance, agentStates: Pick<AgentStateService, 'sweepExpiredSessions'>, intervalMs = sessionSweepIntervalMs): void {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = agentStates.sweepExpiredSessions().catch((error: unknown) => app.log.error({ err: error }, 'session sweep failed'));
  }, intervalMs);
  // Never the reason the process stays up.
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
