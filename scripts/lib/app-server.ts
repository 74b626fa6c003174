import { build, preview, type PreviewServer } from 'vite';

/** Build-time defaults baked into the SPA (the sign-in form starts from them). */
export interface AppBuildEnv {
  readonly sipWsUrl: string;
  readonly sipDomain: string;
}

/**
 * Builds the SPA for production into `outDir`.
 * @remarks The SIP server URL and domain become the sign-in form's defaults.
 */
export async function buildApp(outDir: string, env: AppBuildEnv): Promise<void> {
  process.env.VITE_SIP_WS_URL = env.sipWsUrl;
  process.env.VITE_SIP_DOMAIN = env.sipDomain;
  await build({ mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/** A running static server of the built SPA. */
export interface AppServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves a built SPA on `host:port` (127.0.0.1 unless told otherwise). */
export async function serveApp(outDir: string, host: string, port: number): Promise<AppServer> {
  const server: PreviewServer = await preview({
    logLevel: 'warn',
    build: { outDir },
    preview: { host, port, strictPort: true, open: false },
  });
  return {
    url: `http://${host}:${port}/`,
    close: () => server.close(),
  };
}
