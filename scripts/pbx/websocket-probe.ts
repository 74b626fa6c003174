import { randomBytes } from 'node:crypto';
import { request as httpRequest, type ClientRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What a WebSocket upgrade attempt came back with. */
export type WebSocketProbeResult =
  | { readonly upgraded: true; readonly protocol: string | undefined }
  | { readonly upgraded: false; readonly reason: string };

/**
 * Attempts a WebSocket upgrade with subprotocol `sip` (RFC 7118) to a `ws://` or `wss://` URL
 * and closes the socket at once.
 * @remarks A 101 answer means Kamailio's TCP workers and its `xhttp:request` route are up,
 * which is what a browser needs. Node 20 has no WebSocket client, so this is a plain HTTP
 * upgrade request. For `wss://` the certificate is not verified (ours is self-signed).
 */
export function probeWebSocket(url: string, timeoutMs = 1000): Promise<WebSocketProbeResult> {
  const target = new URL(url);
  const options: RequestOptions = {
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    timeout: timeoutMs,
    headers: {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Protocol': 'sip',
    },
  };
  return new Promise((resolve) => {
    let req: ClientRequest;
    if (target.protocol === 'wss:') req = httpsRequest({ ...options, rejectUnauthorized: false });
    else if (target.protocol === 'ws:') req = httpRequest(options);
    else {
      resolve({ upgraded: false, reason: `not a WebSocket URL: ${url}` });
      return;
    }
    req.once('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ upgraded: true, protocol: response.headers['sec-websocket-protocol'] });
    });
    req.once('response', (response) => {
      response.resume();
      resolve({ upgraded: false, reason: `HTTP ${response.statusCode ?? '?'} instead of 101` });
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', (error) => resolve({ upgraded: false, reason: error.message }));
    req.end();
  });
}
