import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

const schema = z.object({
  TSUNAGU_HOST: z.literal('127.0.0.1').or(z.ipv4()).default('127.0.0.1'),
  TSUNAGU_APP_PORT: port.default(5173),
  TSUNAGU_SIP_PORT: port.default(5060),
  TSUNAGU_WS_PORT: port.default(5066),
  TSUNAGU_WSS_PORT: port.default(5443),
  TSUNAGU_TLS: z.enum(['0', '1']).default('0'),
  TSUNAGU_RUN_DIR: z.string().min(1).default('.run'),
  TSUNAGU_RTPENGINE_NG_PORT: port.default(2223),
  TSUNAGU_RTP_PORT_MIN: port.default(30000),
  TSUNAGU_RTP_PORT_MAX: port.default(30999),
  TSUNAGU_GATEWAYS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
    .pipe(z.array(z.string().regex(/^\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?$/, 'a comma-separated list of ip or ip:port'))),
});

/** Where `npm start` puts each part of the stack. */
export interface StackConfig {
  readonly host: string;
  readonly appPort: number;
  readonly sipPort: number;
  readonly wsPort: number;
  readonly wssPort: number;
  readonly tls: boolean;
  readonly runDir: string;
  /** rtpengine: ng control port and the RTP port range it relays media on. */
  readonly media: { readonly ngPort: number; readonly portMin: number; readonly portMax: number };
  /** Gateways to the phone network (`ip` or `ip:port`) trusted to send outside calls. */
  readonly gateways: readonly string[];
}

/** Reads the stack's settings from the environment; a wrong value stops start-up with a list of what is wrong. */
export function readStackConfig(env: NodeJS.ProcessEnv): StackConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const c = parsed.data;
  return {
    host: c.TSUNAGU_HOST,
    appPort: c.TSUNAGU_APP_PORT,
    sipPort: c.TSUNAGU_SIP_PORT,
    wsPort: c.TSUNAGU_WS_PORT,
    wssPort: c.TSUNAGU_WSS_PORT,
    tls: c.TSUNAGU_TLS === '1',
    runDir: c.TSUNAGU_RUN_DIR,
    media: { ngPort: c.TSUNAGU_RTPENGINE_NG_PORT, portMin: c.TSUNAGU_RTP_PORT_MIN, portMax: c.TSUNAGU_RTP_PORT_MAX },
    gateways: c.TSUNAGU_GATEWAYS,
  };
}
