import { z } from 'zod';

const schema = z.object({
  VITE_SIP_WS_URL: z
    .string()
    .regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL')
    .optional(),
  VITE_SIP_DOMAIN: z.string().min(1).optional(),
});

/** Defaults the sign-in form starts from; set by `npm start` through Vite's env. */
export interface AppConfig {
  readonly sipServer: string;
  readonly sipDomain: string;
}

/**
 * Reads the build-time configuration; a wrong value stops start-up with a readable list.
 * @remarks Without settings, the SIP server is assumed beside the page (port 5066, plain WS on loopback).
 */
export function readConfig(env: Record<string, unknown>, location: { hostname: string; protocol: string }): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid Tsunagu configuration:\n${problems}`);
  }
  const secure = location.protocol === 'https:';
  return {
    sipServer: parsed.data.VITE_SIP_WS_URL ?? `${secure ? 'wss' : 'ws'}://${location.hostname}:${secure ? 5443 : 5066}`,
    sipDomain: parsed.data.VITE_SIP_DOMAIN ?? location.hostname,
  };
}
