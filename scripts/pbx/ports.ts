import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** A transport a listener needs its port free on. */
export type PortProtocol = 'tcp' | 'udp';

/**
 * A port Kamailio (or sipp) needs is held by another process.
 * @remarks Callers may catch it, e.g. to pick other ports; the message says how to find the holder.
 */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(
    readonly port: number,
    readonly host: string,
    readonly protocol: PortProtocol,
  ) {
    const ssFlags = protocol === 'tcp' ? '-ltnp' : '-lunp';
    super(
      `Port ${port}/${protocol} on ${host} is already in use. ` +
        `Find who holds it with: ss ${ssFlags} 'sport = :${port}'`,
    );
  }
}

function probeTcp(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    // exclusive: a cluster primary must not hand us a shared handle and hide the conflict.
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function probeUdp(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: false });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close();
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    socket.bind({ port, address: host, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

/**
 * Checks that each port can be bound on `host`.
 * @remarks Sockets in TIME_WAIT from a previous run do not count as "in use" (Kamailio binds
 * with SO_REUSEADDR), so a restart right after a stop passes.
 * @throws PortInUseError for the first busy port.
 */
export async function assertPortsFree(
  ports: number[],
  host: string,
  protocols: readonly PortProtocol[] = ['tcp', 'udp'],
): Promise<void> {
  for (const port of ports) {
    for (const protocol of protocols) {
      const free = protocol === 'tcp' ? await probeTcp(port, host) : await probeUdp(port, host);
      if (!free) throw new PortInUseError(port, host, protocol);
    }
  }
}

/**
 * Ports the tests' own rtpengines relay media on (each test file a fixed range inside it, e.g.
 * 39700–39759): {@link pickFreePorts} never hands them out, so a port picked for one test (a
 * SIP port, another rtpengine's ng port) cannot land in the RTP range of a test running beside it.
 */
export const testMediaPorts = { min: 39400, max: 39999 } as const;

/**
 * Finds `count` distinct ports that are currently free for both TCP and UDP on `host`, outside
 * {@link testMediaPorts}.
 * @remarks Another process may grab one before the caller binds it; good enough for tests on
 * one machine, where the kernel hands out ephemeral ports round-robin.
 */
export async function pickFreePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const picked = new Set<number>();
  while (picked.size < count) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen({ port: 0, host, exclusive: true }, () => {
        const address = server.address();
        server.close(() => {
          if (address !== null && typeof address === 'object') resolve(address.port);
          else reject(new Error('no port assigned'));
        });
      });
    });
    const reserved = port >= testMediaPorts.min && port <= testMediaPorts.max;
    if (!reserved && !picked.has(port) && (await probeUdp(port, host))) picked.add(port);
  }
  return [...picked];
}

/**
 * Where {@link pickSippMediaPorts} looks: below Linux's ephemeral ports (32768 and up), so no
 * socket the kernel hands out at random can land inside a block, and below the e2e stacks'
 * ports (27000 and up).
 */
const sippMediaBand = { min: 20000, max: 26999 } as const;

/**
 * A base port for sipp's media (`-mp`): sipp binds it and the three after it (audio RTP and
 * RTCP, video RTP and RTCP), so all four must be free for UDP.
 * @remarks {@link pickFreePorts} checks only the port it hands out, and picks from the ephemeral
 * range, where another process's socket may sit on base + 2 ("Unable to bind video RTP
 * socket"); this picks blocks at random in a band the kernel never hands out.
 */
export async function pickSippMediaPorts(host = '127.0.0.1'): Promise<number> {
  const blocks = Math.floor((sippMediaBand.max - sippMediaBand.min + 1) / 4);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const base = sippMediaBand.min + Math.floor(Math.random() * blocks) * 4;
    let free = true;
    for (let port = base; port < base + 4 && free; port += 1) free = await probeUdp(port, host);
    if (free) return base;
  }
  throw new Error(`no block of 4 free UDP ports for sipp's media between ${sippMediaBand.min} and ${sippMediaBand.max}`);
}
