import path from 'node:path';
import { buildApp, serveApp } from './lib/app-server';
import { readStackConfig } from './lib/stack-config';
import { Kamailio, assertPortsFree, loadDemoUsers } from './pbx/kamailio';

/**
 * `npm start`: Kamailio and the built SPA on loopback, with the demo accounts printed.
 * Stops both on Ctrl-C.
 */
async function main(): Promise<void> {
  const config = readStackConfig(process.env);
  const runDir = path.resolve(config.runDir);
  await assertPortsFree([config.appPort, config.sipPort, config.wsPort, ...(config.tls ? [config.wssPort] : [])], config.host);

  const kamailio = await Kamailio.start({
    host: config.host,
    sipPort: config.sipPort,
    wsPort: config.wsPort,
    wssPort: config.wssPort,
    tls: config.tls,
    runDir: path.join(runDir, 'kamailio'),
  });
  const stopAll: (() => Promise<void>)[] = [() => kamailio.stop()];
  const shutdown = async (code: number): Promise<never> => {
    for (const stop of stopAll.reverse()) await stop().catch((error: unknown) => console.error(error));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const sipWsUrl = config.tls && kamailio.wssUrl ? kamailio.wssUrl : kamailio.wsUrl;
    const users = await loadDemoUsers();
    const outDir = path.join(runDir, 'dist');
    console.log('tsunagu: building the app…');
    await buildApp(outDir, { sipWsUrl, sipDomain: users.domain });
    const app = await serveApp(outDir, config.host, config.appPort);
    stopAll.push(() => app.close());

    const rows = users.users.map((user) => `    ${user.user.padEnd(8)} ${user.password.padEnd(16)} ${user.displayName}`);
    console.log(
      [
        '',
        '  つなぐ Tsunagu is running',
        '',
        `  App:         ${app.url}`,
        `  SIP (WS):    ${kamailio.wsUrl}${kamailio.wssUrl ? `   WSS: ${kamailio.wssUrl}` : ''}`,
        `  SIP domain:  ${users.domain}`,
        `  Kamailio log: ${kamailio.logFile}`,
        '',
        '  Demo accounts (open two tabs, sign in as two users, call one from the other):',
        '    user     password         name',
        ...rows,
        '',
        '  Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}

main().catch((error: unknown) => {
  console.error(`tsunagu: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
