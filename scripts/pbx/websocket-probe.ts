import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

/** What a WebSocket upgrade attempt came back with. */
export type WebSocketProbeResult =
  | { readonly upgraded: true; readonly protocol: string | undefined }
  | { readonly upgraded: false; readonly reason: string };

/**
 * Attempts a WebSocket upgrade with subprotocol `sip` (RFC 7118) to `ws://host:port/` and
 * closes the socket at once.
 * @remarks A 101 answer means Kamailio's TCP workers and its `xhttp:request` route are up,
 * which is what a browser needs. Node 20 has no WebSocket client, so this is a plain HTTP
 * upgrade request.
 */
export function probeWebSocket(host: string, port: number, timeoutMs = 1000): Promise<WebSocketProbeResult> {
  return new Promise((resolve) => {
    const req = request({
      host,
      port,
      path: '/',
      timeout: timeoutMs,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Protocol': 'sip',
      },
    });
    req.once('upgrade', (response, socket) => {
      socket.destroy();
      const protocol = response.headers['sec-websocket-protocol'];
      resolve({ upgraded: true, protocol });
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
