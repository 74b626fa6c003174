import path from 'node:path';
import { build } from 'vite';
import { buildApp } from '../scripts/lib/app-server';
import { customerLineDistDir, e2eDistDir } from './fixtures/stack';

/**
 * Builds the SPA once for the whole run (each worker serves it beside its own Kamailio) and
 * the customer line, the outside caller of the agent-day scenarios.
 */
export default async function globalSetup(): Promise<void> {
  await buildApp(path.resolve(e2eDistDir), { sipWsUrl: 'ws://127.0.0.1:5066', sipDomain: '127.0.0.1' });
  await build({
    configFile: false,
    root: path.resolve('e2e/customer-line'),
    base: './',
    logLevel: 'warn',
    build: { outDir: path.resolve(customerLineDistDir), emptyOutDir: true },
  });
}
