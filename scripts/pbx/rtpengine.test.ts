import { createSocket } from 'node:dgram';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBencode, encodeBencode } from './bencode';
import { GatewayListError, renderGatewaysCfg, renderMediaCfg } from './gateways';
import { assertPortsFree, pickFreePorts, PortInUseError } from './ports';
import { Rtpengine, RtpengineControlError } from './rtpengine';

const HOST = '127.0.0.1';
let runDir: string;
let rtpengine: Rtpengine;
let ngPort: number;

beforeAll(async () => {
  runDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-rtpengine-'));
  [ngPort = 0] = await pickFreePorts(1);
  rtpengine = await Rtpengine.start({ runDir, ngPort, portMin: 39600, portMax: 39619 });
});

afterAll(async () => {
  await rtpengine.stop();
  await rm(runDir, { recursive: true, force: true });
});

describe('bencode', () => {
  it('round-trips what the ng protocol sends, with dictionary keys in byte order', () => {
    const encoded = encodeBencode({ command: 'query', 'call-id': 'abc@例', flags: ['trust-address'], limit: 3 });
    expect(encoded.toString('utf8')).toBe('d7:call-id7:abc@例7:command5:query5:flagsl13:trust-addresse5:limiti3ee');
    expect(decodeBencode(encoded)).toEqual({ command: 'query', 'call-id': 'abc@例', flags: ['trust-address'], limit: 3 });
  });

  it('refuses a truncated reply', () => {
    expect(() => decodeBencode(Buffer.from('d6:result2:ok'))).toThrow(/ends early|runs past/);
  });
});

describe('rtpengine process', () => {
  it('runs in userspace on loopback with the configured ng port and RTP range', async () => {
    const conf = await readFile(rtpengine.configFile, 'utf8');
    expect(conf).toContain('table = -1');
    expect(conf).toContain(`listen-ng = ${HOST}:${ngPort}`);
    expect(conf).toContain('port-min = 39600');
    expect(rtpengine.ngSocket).toBe(`udp:${HOST}:${ngPort}`);
    await expect(rtpengine.control.ping()).resolves.toBeUndefined();
    await expect(rtpengine.control.listCalls()).resolves.toEqual([]);
  });

  it('says clearly that it holds no media for an unknown call', async () => {
    const query = rtpengine.control.queryCall('no-such-call@example.invalid');
    await expect(query).rejects.toBeInstanceOf(RtpengineControlError);
    await expect(query).rejects.toThrow(/Unknown call-id/);
  });

  it('refuses to start on a busy ng port and names it', async () => {
    const holder = createSocket('udp4');
    const [busy = 0] = await pickFreePorts(1);
    await new Promise<void>((resolve) => holder.bind(busy, HOST, resolve));
    try {
      const start = Rtpengine.start({ runDir: path.join(runDir, 'busy'), ngPort: busy, portMin: 39620, portMax: 39629 });
      await expect(start).rejects.toBeInstanceOf(PortInUseError);
      await expect(start).rejects.toThrow(`'sport = :${busy}'`);
    } finally {
      holder.close();
    }
  });

  it('frees its ng port when stopped', async () => {
    const [port = 0] = await pickFreePorts(1);
    const other = await Rtpengine.start({ runDir: path.join(runDir, 'other'), ngPort: port, portMin: 39630, portMax: 39639 });
    await other.stop();
    await expect(assertPortsFree([port], HOST, ['udp'])).resolves.toBeUndefined();
    expect(other.pid).toBeUndefined();
  });

  it('ends an rtpengine that a crashed run left behind on the same run dir and takes over its port', async () => {
    const dir = path.join(runDir, 'stale');
    const [port = 0] = await pickFreePorts(1);
    const orphan = await Rtpengine.start({ runDir: dir, ngPort: port, portMin: 39650, portMax: 39659 });
    const orphanPid = orphan.pid;
    const successor = await Rtpengine.start({ runDir: dir, ngPort: port, portMin: 39650, portMax: 39659 });
    try {
      expect(successor.pid).not.toBe(orphanPid);
      expect(() => process.kill(orphanPid ?? 0, 0)).toThrow();
      await expect(successor.control.ping()).resolves.toBeUndefined();
    } finally {
      await successor.stop();
      await orphan.stop();
    }
  });

  it('rejects an RTP range that includes its ng port', async () => {
    await expect(Rtpengine.start({ runDir: path.join(runDir, 'overlap'), ngPort: 39645, portMin: 39640, portMax: 39649 })).rejects.toThrow(/inside the RTP range/);
  });
});

describe('generated Kamailio includes', () => {
  it('lists trusted gateways by address or address:port', () => {
    const cfg = renderGatewaysCfg(['203.0.113.10', '127.0.0.1:5080']);
    expect(cfg).toContain('$sht(gateways=>203.0.113.10) = 1;');
    expect(cfg).toContain('$sht(gateways=>127.0.0.1:5080) = 1;');
  });

  it('refuses a gateway that is not an IPv4 address with an optional port', () => {
    expect(() => renderGatewaysCfg(['gw.example.com'])).toThrow(GatewayListError);
    expect(() => renderGatewaysCfg(['127.0.0.1:70000'])).toThrow(/IPv4 address/);
    expect(() => renderGatewaysCfg(['127.0.0.1; drop'])).toThrow(GatewayListError);
  });

  it('defines the rtpengine socket only when there is a relay', () => {
    expect(renderMediaCfg('udp:127.0.0.1:2223')).toContain('#!define RTPENGINE_SOCK "udp:127.0.0.1:2223"');
    expect(renderMediaCfg(undefined)).not.toContain('WITH_RTPENGINE');
    expect(() => renderMediaCfg('udp:127.0.0.1:2223" x')).toThrow(/udp:127.0.0.1:2223/);
  });
});
