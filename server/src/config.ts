import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseNgSocket } from './media/ng-client';

const boolean = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  TSUNAGU_API_HOST: z.string().default('127.0.0.1'),
  TSUNAGU_API_PORT: z.coerce.number().int().min(0).max(65535).default(5180),
  /** A real PostgreSQL server; when absent, embedded PGlite stores data in TSUNAGU_DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  TSUNAGU_DATA_DIR: z.string().min(1).default('.data/pglite'),
  /** Shared with Kamailio's auth_ephemeral: signs the short-lived SIP credentials. */
  TSUNAGU_SIP_SHARED_SECRET: z
    .string()
    .regex(/^[!#-[\]-~]{16,}$/, 'must be at least 16 printable characters without spaces, quotes or backslashes (as Kamailio accepts it)')
    .optional(),
  /**
   * Bearer token the PBX presents on /api/pbx/* (offer check, queue routing and reports, caller
   * ID); unset: those endpoints refuse everyone.
   * URL-safe characters only: it travels in a Kamailio cfg string and an HTTP header.
   */
  TSUNAGU_PBX_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{32,256}$/, 'must be 32 to 256 URL-safe characters (letters, digits, . _ ~ -)')
    .optional(),
  TSUNAGU_SIP_WS_URL: z.string().regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL').default('ws://127.0.0.1:5066'),
  TSUNAGU_SIP_DOMAIN: z.string().min(1).default('127.0.0.1'),
  TSUNAGU_SIP_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(12 * 3600),
  TSUNAGU_SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(12 * 60),
  /** Secure cookies need https; on by default in production. */
  TSUNAGU_COOKIE_SECURE: boolean.optional(),
  TSUNAGU_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Directory of the built SPA to serve (production mode). */
  TSUNAGU_STATIC_DIR: z.string().optional(),
  TSUNAGU_SEED_DEMO: boolean.optional(),
  /**
   * The ng control socket of the rtpengine Kamailio relays calls through, as Kamailio names it
   * (`udp:127.0.0.1:2223`): the service plays announcements and hold music there. Unset: none.
   */
  TSUNAGU_RTPENGINE_NG: z
    .string()
    .refine((value) => parseNgSocket(value) !== undefined, 'must be udp:<IPv4 address>:<port>, e.g. udp:127.0.0.1:2223')
    .optional(),
  /** Directory of the announcement files `<key>.wav`, as rtpengine's host sees it; the repository's pbx/media/ by default. */
  TSUNAGU_MEDIA_DIR: z.string().min(1).optional(),
  /** Where call recordings (WAV) are written; `recordings/` beside the data folder by default. */
  TSUNAGU_RECORDINGS_DIR: z.string().min(1).optional(),
  /**
   * Seconds between two runs of the recording retention job (deletes what outlived its
   * retention); hourly by default, at most daily (the contract's daily deletion).
   */
  TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1 second')
    .max(86_400, 'must be at most 86400 (the job runs at least daily)')
    .default(3600),
  /** Whether agents are told that a supervisor monitors their call (A8, per policy); off by default. */
  TSUNAGU_MONITORING_VISIBLE_TO_AGENTS: boolean.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The service's settings, parsed once at start-up. */
export interface ServiceConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly sip: {
    readonly sharedSecret: string | undefined;
    readonly wsUrl: string;
    readonly domain: string;
    readonly credentialTtlSeconds: number;
  };
  /** Bearer token of the PBX's endpoints (`/api/pbx/*`: offer check, routing, queue reports); never logged. */
  readonly pbxToken: string | undefined;
  readonly sessionTtlMinutes: number;
  readonly cookieSecure: boolean;
  readonly loginRateLimitPerMinute: number;
  readonly staticDir: string | undefined;
  readonly seedDemo: boolean;
  readonly logLevel: string;
  /** Announcements and hold music for waiting callers. */
  readonly media: {
    /** rtpengine's ng control address; undefined: no relay, queue media answers 503. */
    readonly rtpengineNg: { readonly host: string; readonly port: number } | undefined;
    /** Absolute directory of `<announcement key>.wav`. */
    readonly dir: string;
  };
  /** Server-side call recording (全通話録音). */
  readonly recordings: {
    /** Absolute directory of the recordings: `<tenant>/<yyyy>/<mm>/<dd>/<id>.wav`, 0700 / 0600. */
    readonly dir: string;
    /** Seconds between two runs of the retention job (`TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS`, 3600). */
    readonly retentionIntervalSeconds: number;
  };
  /** Monitoring (通話監視) policy. */
  readonly monitoring: {
    /** Agents see that their call is monitored (`GET /api/monitoring/sessions`). */
    readonly visibleToAgents: boolean;
  };
}

/** The repository's `pbx/media/`, where `scripts/pbx/prompts.ts` writes the demo's announcements. */
export const defaultMediaDir = fileURLToPath(new URL('../../pbx/media/', import.meta.url));

/** Thrown at start-up with every problem of the environment listed. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the environment; every invalid variable is reported at once, by name.
 * @remarks Secrets are never logged; the error lists names and rules, not values.
 */
export function readServiceConfig(env: NodeJS.ProcessEnv): ServiceConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Invalid service configuration:\n${problems}`);
  }
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    host: c.TSUNAGU_API_HOST,
    port: c.TSUNAGU_API_PORT,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.TSUNAGU_DATA_DIR,
    sip: {
      sharedSecret: c.TSUNAGU_SIP_SHARED_SECRET,
      wsUrl: c.TSUNAGU_SIP_WS_URL,
      domain: c.TSUNAGU_SIP_DOMAIN,
      credentialTtlSeconds: c.TSUNAGU_SIP_CREDENTIAL_TTL_SECONDS,
    },
    pbxToken: c.TSUNAGU_PBX_TOKEN,
    sessionTtlMinutes: c.TSUNAGU_SESSION_TTL_MINUTES,
    cookieSecure: c.TSUNAGU_COOKIE_SECURE ?? c.NODE_ENV === 'production',
    loginRateLimitPerMinute: c.TSUNAGU_LOGIN_RATE_LIMIT,
    staticDir: c.TSUNAGU_STATIC_DIR,
    seedDemo: c.TSUNAGU_SEED_DEMO ?? true,
    logLevel: c.LOG_LEVEL,
    media: {
      rtpengineNg: c.TSUNAGU_RTPENGINE_NG === undefined ? undefined : parseNgSocket(c.TSUNAGU_RTPENGINE_NG),
      dir: path.resolve(c.TSUNAGU_MEDIA_DIR ?? defaultMediaDir),
    },
    recordings: {
      dir: path.resolve(c.TSUNAGU_RECORDINGS_DIR ?? path.join(path.dirname(path.resolve(c.TSUNAGU_DATA_DIR)), 'recordings')),
      retentionIntervalSeconds: c.TSUNAGU_RECORDING_RETENTION_INTERVAL_SECONDS,
    },
    monitoring: { visibleToAgents: c.TSUNAGU_MONITORING_VISIBLE_TO_AGENTS ?? false },
  };
}
