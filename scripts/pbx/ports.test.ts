import { createSocket, type Socket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { pickFreePorts, pickSippMediaPorts, testMediaPorts } from './ports';

describe('pickFreePorts', () => {
  it('hands out distinct free ports, never inside the band the tests’ rtpengines relay media on', async () => {
    // Enough picks that, drawn from the kernel's ephemeral range (~28,000 ports), several would
    // fall in the 600-port band if nothing kept them out.
    const ports = await pickFreePorts(300);
    expect(new Set(ports).size).toBe(300);
    expect(ports.filter((port) => port >= testMediaPorts.min && port <= testMediaPorts.max)).toEqual([]);
  });
});

describe('pickSippMediaPorts', () => {
  it('hands out a base whose four ports (sipp’s audio and video RTP/RTCP) are free, outside the ephemeral range', async () => {
    const base = await pickSippMediaPorts();
    expect(base).toBeLessThan(32768 - 3);
    const sockets = await Promise.all([0, 1, 2, 3].map((offset) => bound(base + offset)));
    for (const socket of sockets) socket.close();
  });

  it('skips a block one of whose ports is taken', async () => {
    // Hold the third port of many blocks: what comes back never overlaps them.
    const held: Socket[] = [];
    for (let base = 20000; base < 27000; base += 4) {
      const socket = await bound(base + 2).catch(() => undefined);
      if (socket) held.push(socket);
      if (held.length >= 1000) break;
    }
    try {
      const base = await pickSippMediaPorts();
      const taken = new Set(held.map((socket) => socket.address().port));
      expect([0, 1, 2, 3].map((offset) => base + offset).filter((port) => taken.has(port))).toEqual([]);
    } finally {
      for (const socket of held) socket.close();
    }
  });
});

function bound(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}
