import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBencode, encodeBencode, type BencodeValue } from './bencode';
import { mediaFlags, NgClient, NgError, parseNgSocket } from './ng-client';

/** A stand-in rtpengine on loopback: answers each datagram with `reply(command)`, optionally ignoring the first ones. */
async function fakeRtpengine(reply: (command: BencodeValue) => BencodeValue | Buffer, ignoreFirst = 0): Promise<{ socket: Socket; port: number; seen: BencodeValue[] }> {
  const socket = createSocket('udp4');
  const seen: BencodeValue[] = [];
  socket.on('message', (message, from) => {
    const space = message.indexOf(0x20);
    const cookie = message.subarray(0, space);
    const command = decodeBencode(message.subarray(space + 1));
    seen.push(command);
    if (seen.length <= ignoreFirst) return;
    const answer = reply(command);
    socket.send(Buffer.concat([cookie, Buffer.from(' '), Buffer.isBuffer(answer) ? answer : encodeBencode(answer)]), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, port: socket.address().port, seen };
}

const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

describe('NgClient', () => {
  it('sends the command again with the same cookie when a reply is lost', async () => {
    const fake = await fakeRtpengine(() => ({ result: 'pong' }), 1);
    sockets.push(fake.socket);
    const client = new NgClient({ host: '127.0.0.1', port: fake.port, attemptTimeoutMs: 100, retries: 2 });
    await expect(client.ping()).resolves.toBeUndefined();
    expect(fake.seen).toHaveLength(2);
  });

  it('gives up with a timeout after the last retransmission', async () => {
    const fake = await fakeRtpengine(() => ({ result: 'pong' }), 99);
    sockets.push(fake.socket);
    const client = new NgClient({ host: '127.0.0.1', port: fake.port, attemptTimeoutMs: 50, retries: 2 });
    const ping = client.ping();
    await expect(ping).rejects.toBeInstanceOf(NgError);
    await expect(ping).rejects.toMatchObject({ kind: 'timeout', command: 'ping', message: expect.stringContaining('3 attempts') as unknown });
    expect(fake.seen).toHaveLength(3);
  });

  it("reports rtpengine's refusal with its reason, and a garbled reply as malformed", async () => {
    const refusing = await fakeRtpengine(() => ({ result: 'error', 'error-reason': 'Unknown call-id' }));
    const garbling = await fakeRtpengine(() => Buffer.from('d6:result'));
    sockets.push(refusing.socket, garbling.socket);
    await expect(new NgClient({ host: '127.0.0.1', port: refusing.port }).stopMedia({ callId: 'c', to: { fromTag: 'f' } })).rejects.toMatchObject({
      kind: 'refused',
      reason: 'Unknown call-id',
      message: "rtpengine refused 'stop media': Unknown call-id",
    });
    await expect(new NgClient({ host: '127.0.0.1', port: garbling.port }).ping()).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('sends play media with the participant, the file and the repeat count, and returns the duration', async () => {
    const fake = await fakeRtpengine(() => ({ result: 'ok', duration: 10_000 }));
    sockets.push(fake.socket);
    const client = new NgClient({ host: '127.0.0.1', port: fake.port });
    await expect(client.playMedia({ callId: 'c1', to: { fromTag: 'caller' }, file: '/media/queue-wait.wav', repeatTimes: 360 })).resolves.toEqual({ durationMs: 10_000 });
    await client.playMedia({ callId: 'c1', to: { all: true }, file: '/media/x.wav' });
    expect(fake.seen).toEqual([
      { command: 'play media', 'call-id': 'c1', 'from-tag': 'caller', file: '/media/queue-wait.wav', 'repeat-times': 360 },
      { command: 'play media', 'call-id': 'c1', flags: ['all'], file: '/media/x.wav' },
    ]);
  });

  it('offers with the flags Kamailio uses toward that kind of party, and answers with a to-tag', async () => {
    const fake = await fakeRtpengine(() => ({ result: 'ok', sdp: 'v=0\r\n' }));
    sockets.push(fake.socket);
    const client = new NgClient({ host: '127.0.0.1', port: fake.port });
    await client.offer({ callId: 'c', fromTag: 'f', sdp: 'v=0 offer', profile: 'plain' });
    await client.answer({ callId: 'c', fromTag: 'f', toTag: 't', sdp: 'v=0 answer', profile: 'webrtc' });
    expect(fake.seen[0]).toEqual({ command: 'offer', 'call-id': 'c', 'from-tag': 'f', sdp: 'v=0 offer', ...mediaFlags('plain', 'offer') });
    expect(fake.seen[1]).toMatchObject({ command: 'answer', 'to-tag': 't', ICE: 'force', 'transport-protocol': 'UDP/TLS/RTP/SAVPF', 'rtcp-mux': ['require'] });
  });
});

describe('NgClient media subscriptions', () => {
  it('asks for a copy of several parties with from-tags, transcoding for a plain subscriber, and returns the offer and tags', async () => {
    const fake = await fakeRtpengine(() => ({ result: 'ok', sdp: 'v=0 sub', 'from-tags': ['cust', 'agt'], 'to-tag': 'rec-1' }));
    sockets.push(fake.socket);
    const client = new NgClient({ host: '127.0.0.1', port: fake.port });
    await expect(client.subscribeRequest({ callId: 'c', sources: ['cust', 'agt'], subscriberTag: 'rec-1', profile: 'plain', transcodeTo: ['PCMU'] })).resolves.toEqual({
      sdp: 'v=0 sub',
      sourceTags: ['cust', 'agt'],
      subscriberTag: 'rec-1',
    });
    expect(fake.seen[0]).toEqual({ ...mediaFlags('plain', 'offer'), codec: { transcode: ['PCMU'] }, command: 'subscribe request', 'call-id': 'c', 'from-tags': ['cust', 'agt'], 'to-tag': 'rec-1' });
  });

  it('names a single source with from-tag, and refuses no source before sending anything', async () => {
    const fake = await fakeRtpengine(() => ({ result: 'ok', sdp: 'v=0', 'from-tag': 'mix', 'to-tag': 'agt' }));
    sockets.push(fake.socket);
    const client = new NgClient({ host: '127.0.0.1', port: fake.port });
    await expect(client.subscribeRequest({ callId: 'c', sources: ['mix'], subscriberTag: 'agt', profile: 'webrtc' })).resolves.toMatchObject({ sourceTags: ['mix'] });
    expect(fake.seen[0]).toMatchObject({ command: 'subscribe request', 'from-tag': 'mix', 'to-tag': 'agt', ICE: 'force', 'rtcp-mux': ['offer'] });
    expect(fake.seen[0]).not.toHaveProperty('from-tags');
    await expect(client.subscribeRequest({ callId: 'c', sources: [], subscriberTag: 'agt', profile: 'plain' })).rejects.toBeInstanceOf(RangeError);
    expect(fake.seen).toHaveLength(1);
  });

  it('answers a subscription (allowing transcoding when asked), unsubscribes, publishes, and starts and stops pcap recording', async () => {
    const fake = await fakeRtpengine((command): BencodeValue => {
      const isPublish = typeof command === 'object' && !Array.isArray(command) && (command as { readonly command?: BencodeValue }).command === 'publish';
      return isPublish ? { result: 'ok', sdp: 'v=0 recvonly' } : { result: 'ok' };
    });
    sockets.push(fake.socket);
    const client = new NgClient({ host: '127.0.0.1', port: fake.port });
    await client.subscribeAnswer({ callId: 'c', subscriberTag: 'rec-1', sdp: 'v=0 answer', allowTranscoding: true });
    await client.subscribeAnswer({ callId: 'c', subscriberTag: 'sv', sdp: 'v=0 answer' });
    await client.unsubscribe({ callId: 'c', subscriberTag: 'agt' });
    await expect(client.publish({ callId: 'c', publisherTag: 'mix-agt', sdp: 'v=0 sendonly', profile: 'plain' })).resolves.toEqual({ sdp: 'v=0 recvonly', warning: undefined });
    await client.startRecording({ callId: 'c', metadata: 'queue:2001' });
    await client.stopRecording({ callId: 'c' });
    expect(fake.seen).toEqual([
      { command: 'subscribe answer', 'call-id': 'c', 'to-tag': 'rec-1', sdp: 'v=0 answer', flags: ['allow transcoding'] },
      { command: 'subscribe answer', 'call-id': 'c', 'to-tag': 'sv', sdp: 'v=0 answer' },
      { command: 'unsubscribe', 'call-id': 'c', 'to-tag': 'agt' },
      { ...mediaFlags('plain', 'answer'), command: 'publish', 'call-id': 'c', 'from-tag': 'mix-agt', sdp: 'v=0 sendonly' },
      { command: 'start recording', 'call-id': 'c', metadata: 'queue:2001' },
      { command: 'stop recording', 'call-id': 'c' },
    ]);
  });

  it("reports a subscription reply without SDP as malformed, and rtpengine's refusal with its reason", async () => {
    const noSdp = await fakeRtpengine(() => ({ result: 'ok' }));
    const refusing = await fakeRtpengine(() => ({ result: 'error', 'error-reason': 'Unknown call-ID' }));
    sockets.push(noSdp.socket, refusing.socket);
    await expect(new NgClient({ host: '127.0.0.1', port: noSdp.port }).subscribeRequest({ callId: 'c', sources: ['a'], subscriberTag: 'b', profile: 'plain' })).rejects.toMatchObject({
      kind: 'malformed',
      command: 'subscribe request',
    });
    await expect(new NgClient({ host: '127.0.0.1', port: refusing.port }).unsubscribe({ callId: 'c', subscriberTag: 'b' })).rejects.toMatchObject({ kind: 'refused', reason: 'Unknown call-ID' });
  });
});

describe('mediaFlags', () => {
  it("matches kamailio.cfg's flags: plain RTP/AVP without ICE, browsers ICE and DTLS with rtcp-mux offered or required", () => {
    expect(mediaFlags('plain', 'answer')).toEqual({ replace: ['origin', 'session-connection'], ICE: 'remove', 'transport-protocol': 'RTP/AVP', 'rtcp-mux': ['demux'] });
    expect(mediaFlags('webrtc', 'offer')).toMatchObject({ ICE: 'force', 'rtcp-mux': ['offer'], SDES: ['off'], flags: ['generate-mid'] });
  });
});

describe('parseNgSocket', () => {
  it("reads Kamailio's udp:address:port and refuses anything else", () => {
    expect(parseNgSocket('udp:127.0.0.1:2223')).toEqual({ host: '127.0.0.1', port: 2223 });
    expect(parseNgSocket('127.0.0.1:2223')).toBeUndefined();
    expect(parseNgSocket('udp:127.0.0.1:70000')).toBeUndefined();
    expect(parseNgSocket('tcp:127.0.0.1:2223')).toBeUndefined();
  });
});
