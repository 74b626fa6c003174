import path from 'node:path';
import { readServiceConfig } from './config';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { systemClock } from './domain/clock';
import { buildApp } from './http/app';
import { seedDemo } from './seed/demo-seed';
import { demoModuleSeeds } from './seed/module-seeds';
import { createServices } from './services';

/**
 * Starts the CTI service: configuration, database (PGlite unless DATABASE_URL), migrations,
 * demo seed on an empty database, then HTTP on 127.0.0.1.
 * @returns a function that stops it.
 */
export async function startService(env: NodeJS.ProcessEnv = process.env): Promise<{ url: string; stop: () => Promise<void> }> {
  const config = readServiceConfig(env);
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.resolve(config.dataDir) });
  try {
    await migrate(database);
    const services = createServices(database, config, systemClock);
    if (config.seedDemo) await seedDemo(database.db, services.passwordHasher, demoModuleSeeds);
    const app = await buildApp({ ...services, config, database, clock: systemClock });
    const address = await app.listen({ host: config.host, port: config.port });
    return {
      url: address,
      stop: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

const isMain = import.meta.url === `file://${process.argv[1] ?? ''}`;
if (isMain) {
  const started = await startService().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
  const stop = async () => {
    await started.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
