import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DbRecordingRepository } from '../src/db/recording-repository';
import { rows } from '../src/db/rows';
import { RecordingService } from '../src/domain/recordings/recording-service';
import { parseWavHeader } from '../src/media/wav';
import { queuesSeed } from '../src/seed/queues-seed';
import { LocalRecordingMedia } from './local-recording-media';
import { createTestApp, type TestApp } from './test-app';

const pbxToken = 'pbx-token-for-recording-tests-0123456789abcdef';
/** Header bytes of the recorder's WAV (RIFF, fmt of 18, fact, data). */
const HEADER_BYTES = 58;

let testApp: TestApp | undefined;
let media: LocalRecordingMedia;
let now = new Date('2026-11-24T10:00:00+09:00');

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

async function start(): Promise<TestApp> {
  now = new Date('2026-11-24T10:00:00+09:00');
  media = new LocalRecordingMedia();
  testApp = await createTestApp({ env: { TSUNAGU_PBX_TOKEN: pbxToken }, clock: () => now, moduleSeeds: [queuesSeed()], recordingMedia: media });
  return testApp;
}

function advanceDays(days: number): void {
  now = new Date(now.getTime() + days * 24 * 3600 * 1000);
}

interface Decision {
  recording: boolean;
  recordingId?: string;
  reason?: string;
}

/** Kamailio's trigger on the 2xx of an initial INVITE (a form body, as http_client posts it). */
async function answered(app: TestApp, query: Record<string, string>, token: string | null = pbxToken): Promise<{ status: number; decision: Decision }> {
  const response = await app.app.inject({
    method: 'POST',
    url: `/api/pbx/recordings/start?${new URLSearchParams(query).toString()}`,
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'start',
  });
  return { status: response.statusCode, decision: response.json<Decision>() };
}

async function hungUp(app: TestApp, callId: string): Promise<boolean> {
  const response = await app.app.inject({ method: 'POST', url: `/api/pbx/recordings/stop?call=${encodeURIComponent(callId)}`, headers: { authorization: `Bearer ${pbxToken}` } });
  expect(response.statusCode).toBe(200);
  return response.json<{ stopped: boolean }>().stopped;
}

interface RecordingRow {
  status: string;
  agent_id: string | null;
  direction: string;
  customer_number: string | null;
  customer_tag: string;
  agent_tag: string;
  file_path: string;
  duration_ms: number | null;
  pauses: { startMs: number; endMs: number | null; by: string }[];
  retain_until: Date | string;
  failure: string | null;
  group_id: string;
}

async function recordingRow(app: TestApp, callId: string): Promise<RecordingRow> {
  const [row] = await rows<RecordingRow>(app.database.db, sql`select * from recordings where sip_call_id = ${callId}`);
  if (!row) throw new Error(`no recording of ${callId}`);
  return row;
}

/** The left (customer) and right (agent) channels of a WAV as the recorder writes it. */
function channels(wav: Buffer): { left: Buffer; right: Buffer } {
  const data = wav.subarray(HEADER_BYTES);
  const left = Buffer.alloc(data.length / 2);
  const right = Buffer.alloc(data.length / 2);
  for (let index = 0; index < left.length; index += 1) {
    left[index] = data[index * 2] ?? 0;
    right[index] = data[index * 2 + 1] ?? 0;
  }
  return { left, right };
}

async function auditOf(app: TestApp, resourceId: string): Promise<{ action: string; actor_name: string | null; detail: Record<string, unknown> }[]> {
  return rows(app.database.db, sql`select action, actor_name, detail from audit_log where resource_type = 'recording' and resource_id = ${resourceId} order by id`);
}

describe('recording calls on the PBX’s word', () => {
  it('records an answered call to an extension: the customer on the left, the agent on the right, as long as the call', async () => {
    const app = await start();
    const { status, decision } = await answered(app, { call: 'call-1@gw', from: 'cust-tag', to: 'agent-tag', caller: '0312345678', callee: '1001' });
    expect(status).toBe(200);
    expect(decision.recording).toBe(true);
    expect(media.started.get('call-1@gw')).toMatchObject({ customerTag: 'cust-tag', agentTag: 'agent-tag', subscriberTag: `rec-${decision.recordingId ?? ''}` });
    await media.talk('call-1@gw', 600);
    expect(await hungUp(app, 'call-1@gw')).toBe(true);
    expect(await hungUp(app, 'call-1@gw')).toBe(false);

    const row = await recordingRow(app, 'call-1@gw');
    expect(row).toMatchObject({ status: 'complete', agent_id: app.seed.userIds['1001'], direction: 'inbound', customer_number: '0312345678', group_id: app.seed.groupIds.a });
    const file = path.join(app.config.recordings.dir, row.file_path);
    expect(row.file_path).toMatch(new RegExp(`^${app.seed.tenantId}/2026/11/2[34]/[0-9a-f-]{36}\\.wav$`));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const wav = await readFile(file);
    const info = parseWavHeader(wav);
    expect(info).toMatchObject({ format: 7, channels: 2, sampleRate: 8000 });
    expect(Math.abs(info.durationMs - (row.duration_ms ?? 0))).toBeLessThanOrEqual(1);
    expect(row.duration_ms).toBeGreaterThanOrEqual(550);
    const { left, right } = channels(wav);
    expect(left.includes(0x11)).toBe(true);
    expect(left.includes(0x22)).toBe(false);
    expect(right.includes(0x22)).toBe(true);
    // Kept 180 days after the call.
    expect(Math.round((new Date(row.retain_until).getTime() - now.getTime()) / 86_400_000)).toBe(180);
  });

  it('takes only the PBX’s token: a browser cannot start or stop a recording', async () => {
    const app = await start();
    expect((await answered(app, { call: 'x', from: 'a', to: 'b', callee: '1001' }, null)).status).toBe(401);
    expect((await answered(app, { call: 'x', from: 'a', to: 'b', callee: '1001' }, 'wrong-token-0123456789abcdef0123456789')).status).toBe(401);
    const agent = await app.login('1001');
    expect((await agent.post('/api/pbx/recordings/start?call=x&from=a&to=b&callee=1001')).statusCode).toBe(401);
  });

  it('follows the direction: on an agent’s outbound call the agent is the From side, the customer the dialled number', async () => {
    const app = await start();
    const { decision } = await answered(app, { call: 'out-1', from: 'agent-from', to: 'gw-to', caller: '1004', callee: '0612345678' });
    expect(decision.recording).toBe(true);
    const row = await recordingRow(app, 'out-1');
    expect(row).toMatchObject({ direction: 'outbound', agent_id: app.seed.userIds['1004'], customer_number: '0612345678', customer_tag: 'gw-to', agent_tag: 'agent-from', group_id: app.seed.groupIds.b });
    await hungUp(app, 'out-1');
  });

  it('respects the queue’s policy: a queue that does not record calls is not recorded; a queue call is filed in the queue’s group', async () => {
    const app = await start();
    await app.database.db.execute(sql`update queues set record_calls = false where number = '2002'`);
    expect((await answered(app, { call: 'q-2002', from: 'c', to: 'a', caller: '0312345678', callee: '2002', queue: '2002', agent: '1002' })).decision).toEqual({ recording: false, reason: 'policy' });
    expect(media.started.has('q-2002')).toBe(false);
    const { decision } = await answered(app, { call: 'q-2001', from: 'c', to: 'a', caller: '0312345678', callee: '2001', queue: '2001', agent: '1002' });
    expect(decision.recording).toBe(true);
    expect(await recordingRow(app, 'q-2001')).toMatchObject({ agent_id: app.seed.userIds['1002'], group_id: app.seed.groupIds.a });
    // A retransmitted 200 OK does not start a second recording.
    expect((await answered(app, { call: 'q-2001', from: 'c', to: 'a', caller: '0312345678', callee: '2001', queue: '2001', agent: '1002' })).decision).toEqual({ recording: false, reason: 'already' });
    await hungUp(app, 'q-2001');
  });

  it('a call with no agent of ours is not recorded; a refusal by rtpengine marks the recording failed and never fails the PBX’s request', async () => {
    const app = await start();
    expect((await answered(app, { call: 'strangers', from: 'c', to: 'a', caller: '0312345678', callee: '0698765432' })).decision).toEqual({ recording: false, reason: 'no-agent' });
    const { status, decision } = await answered(app, { call: 'refused-1', from: 'c', to: 'a', caller: '0312345678', callee: '1001' });
    expect(status).toBe(200);
    expect(decision).toEqual({ recording: false, reason: 'failed' });
    expect(await recordingRow(app, 'refused-1')).toMatchObject({ status: 'failed', failure: expect.stringMatching(/refused/) as unknown });
  });

  it('finishes a recording whose call rtpengine no longer relays (a BYE the service missed)', async () => {
    const app = await start();
    await answered(app, { call: 'lost-bye', from: 'c', to: 'a', caller: '0312345678', callee: '1001' });
    await app.services.recordings.sweep();
    expect((await recordingRow(app, 'lost-bye')).status).toBe('recording');
    media.hangUp('lost-bye');
    await app.services.recordings.sweep();
    expect((await recordingRow(app, 'lost-bye')).status).toBe('complete');
  });
});

describe('pausing a recording (a card number being read)', () => {
  it('the agent of the call pauses and resumes; the paused stretch is silence, kept in the row and audited', async () => {
    const app = await start();
    await answered(app, { call: 'card-1', from: 'c', to: 'a', caller: '0312345678', callee: '2001', queue: '2001', agent: '1001' });
    const agent = await app.login('1001');
    expect((await agent.get('/api/call-records/by-call-id/card-1/recording')).json()).toMatchObject({ status: 'recording', pauseAllowed: true });
    await media.talk('card-1', 400);
    const paused = await agent.post('/api/call-records/by-call-id/card-1/recording/pause');
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ status: 'paused', pauses: [{ endMs: null, by: app.seed.userIds['1001'] }] });
    expect((await agent.post('/api/call-records/by-call-id/card-1/recording/pause')).statusCode).toBe(409);
    await media.talk('card-1', 600, { customerVoice: 0x33, agentVoice: 0x44 });
    const resumed = await agent.post('/api/call-records/by-call-id/card-1/recording/resume');
    expect(resumed.json()).toMatchObject({ status: 'recording' });
    await media.talk('card-1', 400);
    await hungUp(app, 'card-1');

    const row = await recordingRow(app, 'card-1');
    expect(row.pauses).toHaveLength(1);
    const [pause] = row.pauses;
    expect(pause?.endMs ?? 0).toBeGreaterThan(pause?.startMs ?? 0);
    const wav = await readFile(path.join(app.config.recordings.dir, row.file_path));
    const { left, right } = channels(wav);
    // Nothing said while paused reached the file.
    expect(left.includes(0x33)).toBe(false);
    expect(right.includes(0x44)).toBe(false);
    const pausedFrom = Math.ceil((pause?.startMs ?? 0) * 8);
    const pausedTo = Math.floor((pause?.endMs ?? 0) * 8);
    expect([...new Set(left.subarray(pausedFrom, pausedTo))]).toEqual([0xff]);
    expect([...new Set(right.subarray(pausedFrom, pausedTo))]).toEqual([0xff]);
    expect(left.includes(0x11)).toBe(true);
    const audit = await auditOf(app, (await rows<{ id: string }>(app.database.db, sql`select id from recordings where sip_call_id = 'card-1'`))[0]?.id ?? '');
    expect(audit.map((entry) => entry.detail.change)).toEqual(['paused', 'resumed']);
  });

  it('the recording flag goes live to the agent of the call and the group’s supervisors, no one else', async () => {
    const app = await start();
    const heard = new Map<string, string[]>();
    const listen = (username: string, role: 'agent' | 'supervisor', group: 'a' | 'b'): void => {
      const statuses: string[] = [];
      heard.set(username, statuses);
      app.services.liveEvents.subscribe(
        { userId: app.seed.userIds[username] ?? '', tenantId: app.seed.tenantId, username, displayName: username, role, groupIds: [app.seed.groupIds[group]], sipUser: null },
        (event) => {
          if (event.type === 'recording' && event.sipCallId === 'flag-1') statuses.push(event.status);
        },
      );
    };
    listen('1001', 'agent', 'a');
    listen('1002', 'agent', 'a');
    listen('sv1', 'supervisor', 'a');
    listen('sv2', 'supervisor', 'b');
    await answered(app, { call: 'flag-1', from: 'c', to: 'a', caller: '0312345678', callee: '1001' });
    const agent = await app.login('1001');
    await agent.post('/api/call-records/by-call-id/flag-1/recording/pause');
    await agent.post('/api/call-records/by-call-id/flag-1/recording/resume');
    await hungUp(app, 'flag-1');
    expect(heard.get('1001')).toEqual(['recording', 'paused', 'recording', 'ended']);
    expect(heard.get('sv1')).toEqual(['recording', 'paused', 'recording', 'ended']);
    expect(heard.get('1002')).toEqual([]);
    expect(heard.get('sv2')).toEqual([]);
  });

  it('only the agent of the call, and only where the queue allows it', async () => {
    const app = await start();
    await app.database.db.execute(sql`update queues set recording_pause_allowed = false where number = '2002'`);
    await answered(app, { call: 'no-pause', from: 'c', to: 'a', caller: '0312345678', callee: '2002', queue: '2002', agent: '1001' });
    await answered(app, { call: 'mine', from: 'c', to: 'a', caller: '0312345678', callee: '1001' });
    const agent = await app.login('1001');
    const colleague = await app.login('1002');
    const supervisor = await app.login('sv1');
    const refused = await agent.post('/api/call-records/by-call-id/no-pause/recording/pause');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/may not be paused/);
    expect((await colleague.post('/api/call-records/by-call-id/mine/recording/pause')).statusCode).toBe(403);
    expect((await supervisor.post('/api/call-records/by-call-id/mine/recording/pause')).statusCode).toBe(403);
    expect((await agent.post('/api/call-records/by-call-id/mine/recording/resume')).statusCode).toBe(409);
    expect((await agent.post('/api/call-records/by-call-id/unknown-call/recording/pause')).statusCode).toBe(404);
    await hungUp(app, 'mine');
    expect((await agent.post('/api/call-records/by-call-id/mine/recording/pause')).statusCode).toBe(409);
    await hungUp(app, 'no-pause');
  });
});

describe('finding, playing and keeping recordings', () => {
  async function recorded(app: TestApp, call: string, caller: string, callee: string): Promise<string> {
    const { decision } = await answered(app, { call, from: 'c', to: 'a', caller, callee });
    await media.talk(call, 200);
    await hungUp(app, call);
    if (decision.recordingId === undefined) throw new Error(`${call} was not recorded`);
    return decision.recordingId;
  }

  it('supervisors search their groups’ recordings by date, agent, number and category; administrators all; agents none', async () => {
    const app = await start();
    const tokyo = await recorded(app, 'search-1', '0312345678', '1001');
    const osaka = await recorded(app, 'search-2', '0698765432', '1004');
    const sv1 = await app.login('sv1');
    const admin = await app.login('admin');
    const ids = async (client: typeof sv1, query = ''): Promise<string[]> => {
      const response = await client.get(`/api/recordings${query}`);
      expect(response.statusCode).toBe(200);
      return response.json<{ items: { id: string }[] }>().items.map((item) => item.id);
    };
    expect(await ids(sv1)).toEqual([tokyo]);
    expect((await ids(admin)).sort()).toEqual([tokyo, osaka].sort());
    expect(await ids(admin, '?number=9876')).toEqual([osaka]);
    expect(await ids(admin, `?agentId=${app.seed.userIds['1001'] ?? ''}`)).toEqual([tokyo]);
    expect(await ids(admin, `?from=${encodeURIComponent(new Date(now.getTime() + 60_000).toISOString())}`)).toEqual([]);
    // By the category (分類) the agent filed on the call record of the call.
    const [category] = await rows<{ id: string }>(
      app.database.db,
      sql`insert into inquiry_categories (tenant_id, name_ja, name_en) values (${app.seed.tenantId}, '料金', 'Billing') returning id`,
    );
    await app.database.db.execute(sql`insert into call_records (tenant_id, group_id, agent_id, sip_call_id, direction, remote_number, phase, started_at, category_id)
                                      values (${app.seed.tenantId}, ${app.seed.groupIds.a}, ${app.seed.userIds['1001']}, 'search-1', 'inbound', '0312345678', 'ended', ${now}, ${category?.id})`);
    expect(await ids(admin, `?categoryId=${category?.id ?? ''}`)).toEqual([tokyo]);
    expect((await sv1.get('/api/recordings')).json<{ items: { categoryId: string | null; callRecordId: string | null }[] }>().items[0]).toMatchObject({ categoryId: category?.id, callRecordId: expect.any(String) as unknown });
    const item = (await sv1.get('/api/recordings')).json<{ items: Record<string, unknown>[] }>().items[0];
    expect(item).toMatchObject({ agentExtension: '1001', customerNumber: '0312345678', status: 'complete' });
    expect(item).not.toHaveProperty('filePath');
    expect((await (await app.login('1001')).get('/api/recordings')).statusCode).toBe(403);
    const detail = await sv1.get(`/api/recordings/${tokyo}`);
    expect(detail.json<{ peaks: { customer: number[] } }>().peaks.customer.some((peak) => peak > 0)).toBe(true);
    expect((await sv1.get(`/api/recordings/${osaka}`)).statusCode).toBe(403);
  });

  it('streams the WAV with Range for seeking; a playback and a download are each audited once', async () => {
    const app = await start();
    const id = await recorded(app, 'play-1', '0312345678', '1001');
    const sv1 = await app.login('sv1');
    const whole = await sv1.get(`/api/recordings/${id}/audio`);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/wav');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(parseWavHeader(whole.rawPayload).channels).toBe(2);
    const size = whole.rawPayload.length;
    const part = await sv1.request({ method: 'GET', url: `/api/recordings/${id}/audio`, headers: { range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(part.rawPayload).toEqual(whole.rawPayload.subarray(100, 200));
    const beyond = await sv1.request({ method: 'GET', url: `/api/recordings/${id}/audio`, headers: { range: `bytes=${size}-` } });
    expect(beyond.statusCode).toBe(416);
    const download = await sv1.get(`/api/recordings/${id}/audio?download=1`);
    expect(download.headers['content-disposition']).toMatch(/attachment; filename="recording-/);
    const audit = await auditOf(app, id);
    expect(audit.filter((entry) => entry.action === 'play')).toHaveLength(1);
    expect(audit.filter((entry) => entry.action === 'download')).toHaveLength(1);
    expect((await (await app.login('sv2')).get(`/api/recordings/${id}/audio`)).statusCode).toBe(403);
  });

  it('keeps a recording 180 days, 180 more when extended (audited); the retention job deletes what expired and audits each deletion', async () => {
    const app = await start();
    const kept = await recorded(app, 'keep-1', '0312345678', '1001');
    const expiring = await recorded(app, 'expire-1', '0312345679', '1001');
    const sv1 = await app.login('sv1');
    const extended = await sv1.post(`/api/recordings/${kept}/extend`);
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toMatchObject({ retentionExtendedDays: 180 });
    const [extension] = (await auditOf(app, kept)).filter((entry) => entry.detail.change === 'retention-extended');
    expect(extension?.detail).toMatchObject({ days: 180, previousRetainUntil: expect.any(String) as unknown, retainUntil: extended.json<{ retainUntil: string }>().retainUntil });
    const expiringFile = path.join(app.config.recordings.dir, (await recordingRow(app, 'expire-1')).file_path);

    advanceDays(179);
    expect(await app.services.recordings.deleteExpired()).toBe(0);
    advanceDays(2);
    expect(await app.services.recordings.deleteExpired()).toBe(1);
    await expect(stat(expiringFile)).rejects.toThrow(/ENOENT/);
    expect((await recordingRow(app, 'expire-1')).status).toBe('deleted');
    expect((await recordingRow(app, 'keep-1')).status).toBe('complete');
    const [deletion] = (await auditOf(app, expiring)).filter((entry) => entry.action === 'delete');
    expect(deletion).toMatchObject({ actor_name: 'retention job', detail: { reason: 'retention-expired', sipCallId: 'expire-1', file: 'removed' } });
    // (Half a year later: signed in again.)
    expect((await (await app.login('sv1')).get(`/api/recordings/${expiring}/audio`)).statusCode).toBe(409);

    advanceDays(180);
    expect(await app.services.recordings.deleteExpired()).toBe(1);
    expect((await recordingRow(app, 'keep-1')).status).toBe('deleted');
  });

  it('a recording cut short by a restart is marked failed, and its partial file is deleted with it when its retention ends', async () => {
    const app = await start();
    await answered(app, { call: 'crash-1', from: 'c', to: 'a', caller: '0312345678', callee: '1001' });
    await media.talk('crash-1', 200);
    // Another instance of the service (after a restart) finds the row still recording.
    const restarted = new LocalRecordingMedia();
    const afterRestart = new RecordingService(
      new DbRecordingRepository(app.database.db),
      restarted,
      app.services.audit,
      app.services.liveEvents,
      () => now,
      { dir: app.config.recordings.dir },
    );
    await afterRestart.sweep();
    const row = await recordingRow(app, 'crash-1');
    expect(row).toMatchObject({ status: 'failed', failure: 'the service restarted during the call' });
    const partial = `${path.join(app.config.recordings.dir, row.file_path)}.partial`;
    expect((await stat(partial)).size).toBeGreaterThan(HEADER_BYTES);
    advanceDays(181);
    expect(await afterRestart.deleteExpired()).toBe(1);
    await expect(stat(partial)).rejects.toThrow(/ENOENT/);
    expect((await auditOf(app, (await rows<{ id: string }>(app.database.db, sql`select id from recordings where sip_call_id = 'crash-1'`))[0]?.id ?? '')).at(-1)?.detail).toMatchObject({ file: 'removed' });
    // The old instance's late stop leaves the deleted recording deleted.
    await hungUp(app, 'crash-1');
    expect((await recordingRow(app, 'crash-1')).status).toBe('deleted');
  });
});
