/**
 * Runs the demo PBX by hand.
 *
 *   npx tsx scripts/pbx/kamailio-cli.ts start   # foreground until Ctrl-C
 *   npx tsx scripts/pbx/kamailio-cli.ts check   # kamailio -c with the same defines
 *
 * Settings come from the same environment as `npm start` (scripts/lib/stack-config.ts):
 * TSUNAGU_HOST, TSUNAGU_SIP_PORT, TSUNAGU_WS_PORT, TSUNAGU_WSS_PORT, TSUNAGU_TLS=1,
 * TSUNAGU_RUN_DIR (the PBX uses its `kamailio/` subdirectory), TSUNAGU_GATEWAYS (trusted
 * gateways to the phone network). Kamailio alone relays no media: endpoints exchange RTP
 * directly (`npm start` adds rtpengine).
 */
import path from 'node:path';
import { readStackConfig } from '../lib/stack-config';
import { checkKamailioConfig, Kamailio, loadDemoUsers, sharedSecretFileName, type KamailioOptions } from './kamailio';

function optionsFromEnv(): KamailioOptions {
  const stack = readStackConfig(process.env);
  return {
    host: stack.host,
    sipPort: stack.sipPort,
    wsPort: stack.wsPort,
    wssPort: stack.wssPort,
    tls: stack.tls,
    runDir: path.join(stack.runDir, 'kamailio'),
    gateways: stack.gateways,
  };
}

async function start(options: KamailioOptions): Promise<void> {
  const kamailio = await Kamailio.start(options);
  const { domain, users } = await loadDemoUsers();
  console.log(`Kamailio running (pid ${kamailio.pid ?? '?'}), log: ${kamailio.logFile}`);
  console.log(`  SIP      udp/tcp ${options.host ?? '127.0.0.1'}:${options.sipPort}`);
  console.log(`  WS       ${kamailio.wsUrl}`);
  if (kamailio.wssUrl !== undefined) console.log(`  WSS      ${kamailio.wssUrl}`);
  console.log(`  users    ${users.map((u) => `${u.user}@${domain}`).join(', ')}`);
  // Where, not what: the secret itself never goes to a terminal or a log.
  console.log(`  secret   ${path.join(options.runDir, sharedSecretFileName)} (signs the SIP credentials, see pbx/README.md)`);
  console.log('Ctrl-C stops it.');

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    kamailio.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function main(command: string | undefined): Promise<void> {
  const options = optionsFromEnv();
  switch (command) {
    case 'start':
      await start(options);
      return;
    case 'check':
      await checkKamailioConfig(options);
      console.log('kamailio.cfg OK');
      return;
    default:
      console.error('usage: tsx scripts/pbx/kamailio-cli.ts start|check');
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
