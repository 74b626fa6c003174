import path from 'node:path';
import { buildApp } from '../scripts/lib/app-server';
import { e2eDistDir } from './fixtures/stack';

/** Builds the SPA once for the whole run (each worker serves it beside its own Kamailio). */
export default async function globalSetup(): Promise<void> {
  await buildApp(path.resolve(e2eDistDir), { sipWsUrl: 'ws://127.0.0.1:5066', sipDomain: '127.0.0.1' });
}
