import path from 'node:path';
import { startService } from '../../server/src/server';
import { Kamailio, loadDemoUsers, type DemoUser, type OutboundGateway, type TrustedGateway } from '../pbx/kamailio';
import { Rtpengine } from '../pbx/rtpengine';

/** rtpengine's ports: ng control (UDP) and the range it relays RTP/RTCP on. */
export interface MediaPorts {
  readonly ngPort: number;
  readonly portMin: number;
  readonly portMax: number;
  /** Where rtpengine reports the RFC 4733 digits it sees (UDP); none if omitted. For tests. */
  readonly dtmfLogPort?: number;
}

/**
 * `npm start`'s media ports: ng on 2223, RTP on 30000–30999 (250 calls, two legs of RTP and
 * RTCP each). The e2e workers use 31000 and up, so both can run at once.
 */
export const defaultMediaPorts: MediaPorts = { ngPort: 2223, portMin: 30000, portMax: 30999 };

/** Ports and folders of one running stack. */
export interface StackOptions {
  readonly host: string;
  readonly appPort: number;
  readonly sipPort: number;
  readonly wsPort: number;
  readonly wssPort?: number;
  readonly tls?: boolean;
  /**
   * rtpengine's ng control port (UDP) and its RTP port range; see `scripts/pbx/rtpengine.ts`.
   * {@link defaultMediaPorts} (those of `npm start`) if omitted.
   */
  readonly media?: MediaPorts;
  /**
   * Gateways to the phone network (`ip` or `ip:port`) allowed to send calls from outside
   * numbers; none if omitted (calls from outside the demo domain then get 403).
   */
  readonly gateways?: readonly TrustedGateway[];
  /**
   * Gateways that take the agents' calls to outside numbers (`ip` or `ip:port`, tried in order);
   * none if omitted (such calls then get `503 No gateway to the phone network configured`).
   */
  readonly outboundGateways?: readonly OutboundGateway[];
  /** Kamailio's run dir, the PGlite data and logs go below it. */
  readonly runDir: string;
  /** The built SPA the CTI service serves. */
  readonly staticDir: string;
  /** A PostgreSQL URL instead of PGlite. */
  readonly databaseUrl?: string;
  readonly logLevel?: string;
  /** More service settings (e.g. a higher sign-in rate limit for test runs). */
  readonly serviceEnv?: Readonly<Record<string, string>>;
}

/** The running stack: Kamailio, and the CTI service serving the SPA and the API on one origin. */
export interface Stack {
  readonly appUrl: string;
  readonly kamailio: Kamailio;
  /** The media relay every call passes (its `control` reads a call's RTP counters). */
  readonly rtpengine: Rtpengine;
  readonly sipWsUrl: string;
  /** Kamailio's plain SIP address (UDP and TCP), `host:port`: where gateways and SIP phones send. */
  readonly sipAddress: string;
  readonly domain: string;
  readonly users: readonly DemoUser[];
  /** Stops and starts the CTI service on the same port and data (restart tests). */
  restartService(): Promise<void>;
  /**
   * Stops the CTI service alone (Kamailio keeps running): the app's requests fail until
   * {@link Stack.startService}. For tests of what agents do while the service is down.
   */
  stopService(): Promise<void>;
  /** Starts the CTI service again after {@link Stack.stopService}, on the same port and data. */
  startService(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts rtpengine, then Kamailio (relaying every call's media through that rtpengine), then the CTI service with the same shared secret so the SIP credentials it
 * issues are the ones Kamailio accepts.
 * @remarks Kamailio asks the service whether to offer each new call to an agent (the agent's
 * state: not ready → 480, after-call work → 486) with a bearer token kept in
 * `runDir/kamailio/cti-offer.token` (0600); the service gets the same token in its
 * environment, in this process only, never on a command line. Until the service is up, or
 * whenever it cannot be reached, Kamailio offers every call.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const media = options.media ?? defaultMediaPorts;
  const rtpengine = await Rtpengine.start({
    host: options.host,
    ngPort: media.ngPort,
    portMin: media.portMin,
    portMax: media.portMax,
    ...(media.dtmfLogPort === undefined ? {} : { dtmfLogPort: media.dtmfLogPort }),
    runDir: path.join(options.runDir, 'rtpengine'),
  });
  let kamailio: Kamailio;
  try {
    kamailio = await Kamailio.start({
      host: options.host,
      sipPort: options.sipPort,
      wsPort: options.wsPort,
      ...(options.wssPort === undefined ? {} : { wssPort: options.wssPort }),
      tls: options.tls ?? false,
      runDir: path.join(options.runDir, 'kamailio'),
      cti: { url: `http://${options.host}:${options.appPort}/api/pbx/offer` },
      mediaRelay: { ngSocket: rtpengine.ngSocket },
      // 3 to debug SIP routing (the log then holds the shared secret: keep it to yourself).
      ...(process.env.TSUNAGU_KAMAILIO_LOG_LEVEL ? { logLevel: Number(process.env.TSUNAGU_KAMAILIO_LOG_LEVEL) } : {}),
      gateways: options.gateways ?? [],
      outboundGateways: options.outboundGateways ?? [],
    });
  } catch (error) {
    await rtpengine.stop();
    throw error;
  }
  const demo = await loadDemoUsers();
  const sipWsUrl = options.tls && kamailio.wssUrl ? kamailio.wssUrl : kamailio.wsUrl;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    TSUNAGU_API_HOST: options.host,
    TSUNAGU_API_PORT: String(options.appPort),
    TSUNAGU_DATA_DIR: path.join(options.runDir, 'pglite'),
    TSUNAGU_SIP_SHARED_SECRET: kamailio.sharedSecret,
    ...(kamailio.ctiToken === undefined ? {} : { TSUNAGU_PBX_TOKEN: kamailio.ctiToken }),
    TSUNAGU_SIP_WS_URL: sipWsUrl,
    TSUNAGU_SIP_DOMAIN: demo.domain,
    // Announcements and hold music for waiting callers go through the same rtpengine.
    TSUNAGU_RTPENGINE_NG: rtpengine.ngSocket,
    TSUNAGU_STATIC_DIR: options.staticDir,
    // Loopback http: a Secure cookie would never be sent back.
    TSUNAGU_COOKIE_SECURE: '0',
    LOG_LEVEL: options.logLevel ?? 'warn',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.serviceEnv,
  };
  let service: Awaited<ReturnType<typeof startService>> | undefined;
  try {
    service = await startService(env);
  } catch (error) {
    await kamailio.stop();
    await rtpengine.stop();
    throw error;
  }
  return {
    appUrl: `http://${options.host}:${options.appPort}/`,
    kamailio,
    rtpengine,
    sipWsUrl,
    sipAddress: `${options.host}:${options.sipPort}`,
    domain: demo.domain,
    users: demo.users,
    async restartService() {
      await service?.stop();
      service = await startService(env);
    },
    async stopService() {
      const running = service;
      service = undefined;
      await running?.stop();
    },
    async startService() {
      if (service) throw new Error('the CTI service is already running');
      service = await startService(env);
    },
    async stop() {
      await service?.stop().catch((error: unknown) => console.error(error));
      await kamailio.stop();
      await rtpengine.stop();
    },
  };
}
