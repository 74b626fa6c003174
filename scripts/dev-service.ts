import path from 'node:path';
import { startStack } from './lib/stack';

/**
 * `npm run dev:service`: Kamailio and the CTI service (API on 127.0.0.1:5180) for working on
 * the SPA with `npm run dev`, whose Vite server proxies /api there.
 */
const runDir = path.resolve(process.env.TSUNAGU_RUN_DIR ?? '.run/dev');
const stack = await startStack({
  host: '127.0.0.1',
  appPort: Number(process.env.TSUNAGU_API_PORT ?? 5180),
  sipPort: 5060,
  wsPort: 5066,
  runDir,
  staticDir: path.join(runDir, 'no-static'),
  logLevel: 'info',
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
});
console.log(`CTI service ${stack.appUrl}api (docs: ${stack.appUrl}api/docs), SIP ${stack.sipWsUrl}. Run \`npm run dev\` beside it. Ctrl-C stops.`);
const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
