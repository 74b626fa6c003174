import { afterAll, afterEach, beforeAll } from 'vitest';
import { mockDatabase } from './mock-database';
import { mockMonitoring } from './monitoring-handlers';
import { server } from './server';

/**
 * Starts the mock CTI service for the calling test file and starts it afresh after each test:
 * one-off handlers and request listeners removed, sessions and data forgotten. A request no handler answers fails
 * the test.
 */
export function installMockService(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    server.events.removeAllListeners();
    mockDatabase.reset();
    mockMonitoring.reset();
  });
  afterAll(() => server.close());
}
