import path from 'node:path';
import { buildApp } from './lib/app-server';
import { startStack } from './lib/stack';
import { readStackConfig } from './lib/stack-config';
import { assertPortsFree } from './pbx/kamailio';

/**
 * `TSUNAGU_OUTBOUND_GATEWAYS`: the gateways to the phone network that take the agents' calls to
 * outside numbers, `ip` or `ip:port`, comma-separated, tried in that order. Unset: such calls get
 * 503. Each entry is checked when Kamailio's configuration is written (GatewayListError).
 */
function outboundGatewaysFrom(env: NodeJS.ProcessEnv): string[] {
  return (env.TSUNAGU_OUTBOUND_GATEWAYS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * `npm start`: Kamailio and the CTI service (API + the built SPA on one origin) on loopback,
 * with the demo accounts printed. Stops both on Ctrl-C.
 */
async function main(): Promise<void> {
  const config = readStackConfig(process.env);
  const runDir = path.resolve(config.runDir);
  await assertPortsFree([config.appPort, config.sipPort, config.wsPort, ...(config.tls ? [config.wssPort] : [])], config.host);

  const staticDir = path.join(runDir, 'dist');
  console.log('tsunagu: building the app…');
  const sipWsUrl = config.tls ? `wss://${config.host}:${config.wssPort}` : `ws://${config.host}:${config.wsPort}`;
  await buildApp(staticDir, { sipWsUrl, sipDomain: config.host });

  const stack = await startStack({
    host: config.host,
    appPort: config.appPort,
    sipPort: config.sipPort,
    wsPort: config.wsPort,
    wssPort: config.wssPort,
    tls: config.tls,
    media: config.media,
    gateways: config.gateways,
    outboundGateways: outboundGatewaysFrom(process.env),
    runDir,
    staticDir,
    logLevel: 'info',
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  });
  const shutdown = async (code: number): Promise<never> => {
    await stack.stop().catch((error: unknown) => console.error(error));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const rows = stack.users.map((user) => `    ${user.user.padEnd(8)} ${user.password.padEnd(16)} ${user.displayName}   (agent)`);
  console.log(
    [
      '',
      '  つなぐ Tsunagu is running',
      '',
      `  App:          ${stack.appUrl}`,
      `  API docs:     ${stack.appUrl}api/docs`,
      `  SIP (WS):     ${stack.kamailio.wsUrl}${stack.kamailio.wssUrl ? `   WSS: ${stack.kamailio.wssUrl}` : ''}`,
      `  Database:     ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${path.join(runDir, 'pglite')}`}`,
      `  Kamailio log: ${stack.kamailio.logFile}`,
      `  Media relay:  rtpengine, RTP ports ${config.media.portMin}–${config.media.portMax}, log ${stack.rtpengine.logFile}`,
      `  Outside calls: ${outboundGatewaysFrom(process.env).join(', ') || 'no gateway (set TSUNAGU_OUTBOUND_GATEWAYS=ip[:port]; until then 503)'}`,
      '',
      '  Demo accounts (open two tabs, sign in as two agents, press 受付可 on both, call one from the other):',
      '    user     password         name',
      ...rows,
      '    sv1      tsunagu-sv1      SV 中村 (東京)   (supervisor)',
      '    sv2      tsunagu-sv2      SV 小林 (大阪)   (supervisor)',
      '    admin    tsunagu-admin    管理者 山本      (administrator)',
      '',
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(`tsunagu: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
