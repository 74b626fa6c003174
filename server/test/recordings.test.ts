import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DbRecordingRepository } from '../src/db/recording-repository';
import { rows } from '../src/db/rows';
import { RecordingService, removeRecordingFile } from '../src/domain/recordings/recording-service';
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
    expect((await (await app.login('sv1')).get(`/api/recordings/${expiring}/audio`)).statusCode).toBe(404);

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

describe('retention: ended early, per queue, and the job', () => {
  const DAY = 86_400_000;

  async function recordedThrough(app: TestApp, call: string, queue: string | null, agent = '1001'): Promise<string> {
    const { decision } = await answered(app, { call, from: 'c', to: 'a', caller: '0312345678', callee: queue ?? agent, ...(queue === null ? {} : { queue, agent }) });
    await media.talk(call, 200);
    await hungUp(app, call);
    if (decision.recordingId === undefined) throw new Error(`${call} was not recorded`);
    return decision.recordingId;
  }

  async function queueId(app: TestApp, number: string): Promise<string> {
    const admin = await app.login('admin');
    const queue = (await admin.get('/api/queues')).json<{ items: { id: string; number: string }[] }>().items.find((candidate) => candidate.number === number);
    if (!queue) throw new Error(`no queue ${number}`);
    return queue.id;
  }

  async function retainUntil(app: TestApp, id: string): Promise<number> {
    const [row] = await rows<{ retain_until: Date | string }>(app.database.db, sql`select retain_until from recordings where id = ${id}`);
    return new Date(row?.retain_until ?? 0).getTime();
  }

  function fieldMessages(response: { json: () => unknown }): string[] {
    const body = response.json() as { error: { fields?: { path: string; message: string }[] } };
    return (body.error.fields ?? []).map((field) => `${field.path}: ${field.message}`);
  }

  it('an administrator ends a recording’s retention with a reason; the next run of the job deletes it and names the reason after the administrator’s entry', async () => {
    const app = await start();
    const erased = await recordedThrough(app, 'erase-1', null);
    const kept = await recordedThrough(app, 'keep-2', null);
    const live = (await answered(app, { call: 'still-talking', from: 'c', to: 'a', caller: '0312345678', callee: '1002' })).decision.recordingId;
    const admin = await app.login('admin');
    const sv1 = await app.login('sv1');
    const agent = await app.login('1001');
    const url = `/api/recordings/${erased}/end-retention`;
    const reason = { reason: '  お客様からの消去請求 (個人情報保護法)  ' };

    expect((await sv1.post(url, reason)).statusCode, 'supervisors may not').toBe(403);
    expect((await agent.post(url, reason)).statusCode).toBe(403);
    const missing = await admin.post(url, {});
    expect(missing.statusCode).toBe(400);
    expect(fieldMessages(missing)).toEqual(['body.reason: reason is required: why the retention ends (1–500 characters)']);
    expect(fieldMessages(await admin.post(url, { reason: '   ' }))).toEqual(['body.reason: reason must not be empty: say why the retention ends']);
    expect(fieldMessages(await admin.post(url, { reason: 'x'.repeat(501) }))).toEqual(['body.reason: reason must be at most 500 characters']);
    expect((await admin.post(url, { reason: 'x'.repeat(500) })).statusCode, '500 characters are enough').toBe(200);
    await app.database.db.execute(sql`update recordings set retention_ended_at = null, retention_end_reason = null, retention_ended_by = null, retain_until = ${new Date(now.getTime() + 180 * DAY)} where id = ${erased}`);
    expect((await admin.post('/api/recordings/00000000-0000-4000-8000-000000000000/end-retention', reason)).statusCode).toBe(404);
    const recording = await admin.post(`/api/recordings/${live ?? ''}/end-retention`, reason);
    expect(recording.statusCode).toBe(409);
    expect(recording.json<{ error: { message: string } }>().error.message).toMatch(/still being recorded/);

    const ended = await admin.post(url, reason);
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ id: erased, status: 'complete', retainUntil: now.toISOString(), retentionEndedAt: now.toISOString() });
    const again = await admin.post(url, reason);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { message: string } }>().error.message).toMatch(/already ended/);
    const extend = await sv1.post(`/api/recordings/${erased}/extend`);
    expect(extend.statusCode, 'an erased customer’s recording is not kept longer').toBe(409);
    expect(extend.json<{ error: { message: string } }>().error.message).toMatch(/ended this recording’s retention/);
    const endEntry = (await auditOf(app, erased)).filter((entry) => entry.detail.change === 'retention-ended').at(-1);
    expect(endEntry).toMatchObject({ action: 'update', actor_name: 'admin', detail: { reason: 'お客様からの消去請求 (個人情報保護法)', retainUntil: now.toISOString() } });
    expect(new Date(String(endEntry?.detail.previousRetainUntil)).getTime()).toBe(now.getTime() + 180 * DAY);

    const file = path.join(app.config.recordings.dir, (await recordingRow(app, 'erase-1')).file_path);
    expect((await stat(file)).size).toBeGreaterThan(HEADER_BYTES);
    // The job's next run, a moment later.
    now = new Date(now.getTime() + 2000);
    expect(await app.services.recordings.deleteExpired()).toBe(1);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    expect((await recordingRow(app, 'erase-1')).status).toBe('deleted');
    expect((await recordingRow(app, 'keep-2')).status).toBe('complete');
    const entries = await rows<{ id: number; action: string; actor_name: string | null; detail: Record<string, unknown> }>(
      app.database.db,
      sql`select id, action, actor_name, detail from audit_log where resource_type = 'recording' and resource_id = ${erased} order by id`,
    );
    const endIndex = entries.map((entry) => entry.detail.change).lastIndexOf('retention-ended');
    const deletionIndex = entries.findIndex((entry) => entry.action === 'delete');
    expect(deletionIndex, 'the deletion is audited after the administrator’s entry').toBeGreaterThan(endIndex);
    expect(entries[deletionIndex]).toMatchObject({
      actor_name: 'retention job',
      detail: { reason: 'retention-ended', retentionEndReason: 'お客様からの消去請求 (個人情報保護法)', retentionEndedBy: app.seed.userIds.admin, sipCallId: 'erase-1', file: 'removed' },
    });

    // Deleted: the search leaves it out, the detail says so, the audio is gone (404), nothing more to end.
    expect((await admin.get('/api/recordings')).json<{ items: { id: string }[] }>().items.map((item) => item.id)).not.toContain(erased);
    expect((await admin.get(`/api/recordings/${erased}`)).json()).toMatchObject({ status: 'deleted', peaks: null });
    const audio = await admin.get(`/api/recordings/${erased}/audio`);
    expect(audio.statusCode).toBe(404);
    expect(audio.json<{ error: { message: string } }>().error.message).toMatch(/deleted .* when its retention ended/);
    expect((await admin.post(url, reason)).statusCode).toBe(404);
    expect(kept).not.toBe(erased);
    await hungUp(app, 'still-talking');
  });

  it('administrators set a queue’s recording policy (1–1825 days), audited before and after; calls answered afterwards follow it', async () => {
    const app = await start();
    const tokyo = await queueId(app, '2001');
    const admin = await app.login('admin');
    const sv1 = await app.login('sv1');
    const listed = (await admin.get('/api/queues')).json<{ items: { id: string; recordCalls: boolean; pauseAllowed: boolean; retentionDays: number }[] }>().items.find((queue) => queue.id === tokyo);
    expect(listed).toMatchObject({ recordCalls: true, pauseAllowed: true, retentionDays: 180 });
    const url = `/api/queues/${tokyo}/recording-policy`;
    const policy = { recordCalls: true, pauseAllowed: false, retentionDays: 365 };

    expect((await sv1.put(url, policy)).statusCode, 'the group’s supervisor may not').toBe(403);
    expect((await (await app.login('1001')).put(url, policy)).statusCode).toBe(403);
    expect(fieldMessages(await admin.put(url, { ...policy, retentionDays: 0 }))).toEqual(['body.retentionDays: retentionDays must be at least 1 day']);
    expect(fieldMessages(await admin.put(url, { ...policy, retentionDays: 1826 }))).toEqual(['body.retentionDays: retentionDays must be at most 1825 days (five years)']);
    expect(fieldMessages(await admin.put(url, { ...policy, retentionDays: 30.5 }))).toEqual(['body.retentionDays: retentionDays must be a whole number of days']);
    expect(fieldMessages(await admin.put(url, { recordCalls: true, retentionDays: 30 }))).toEqual(['body.pauseAllowed: pauseAllowed must be true or false']);
    expect((await admin.put('/api/queues/00000000-0000-4000-8000-000000000000/recording-policy', policy)).statusCode).toBe(404);

    const saved = await admin.put(url, policy);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ id: tokyo, number: '2001', ...policy });
    const [entry] = await rows<{ action: string; detail: Record<string, unknown> }>(app.database.db, sql`select action, detail from audit_log where resource_type = 'queue' and resource_id = ${tokyo} order by id`);
    expect(entry).toMatchObject({ action: 'update', detail: { change: 'recording-policy', queueNumber: '2001', before: { recordCalls: true, pauseAllowed: true, retentionDays: 180 }, after: policy } });

    await answered(app, { call: 'after-policy', from: 'c', to: 'a', caller: '0312345678', callee: '2001', queue: '2001', agent: '1001' });
    expect((await (await app.login('1001')).post('/api/call-records/by-call-id/after-policy/recording/pause')).statusCode, 'no pause on this queue now').toBe(403);
    await media.talk('after-policy', 200);
    await hungUp(app, 'after-policy');
    const row = await recordingRow(app, 'after-policy');
    expect(Math.round((new Date(row.retain_until).getTime() - now.getTime()) / DAY)).toBe(365);

    expect((await admin.put(url, { recordCalls: false, pauseAllowed: true, retentionDays: 1 })).statusCode).toBe(200);
    expect((await answered(app, { call: 'not-recorded', from: 'c', to: 'a', caller: '0312345678', callee: '2001', queue: '2001', agent: '1001' })).decision).toEqual({ recording: false, reason: 'policy' });
  });

  it('a supervisor of the queue’s group keeps all its retained recordings 180 days longer at once; other queues and erased recordings stay as they were', async () => {
    const app = await start();
    const tokyo = await queueId(app, '2001');
    const first = await recordedThrough(app, 'q1-a', '2001');
    const second = await recordedThrough(app, 'q1-b', '2001', '1002');
    const erased = await recordedThrough(app, 'q1-erased', '2001');
    const billing = await recordedThrough(app, 'q2-a', '2002', '1002');
    const direct = await recordedThrough(app, 'direct-a', null);
    const admin = await app.login('admin');
    const sv1 = await app.login('sv1');
    expect((await admin.post(`/api/recordings/${erased}/end-retention`, { reason: '契約終了' })).statusCode).toBe(200);
    const before = new Map(await Promise.all([first, second, erased, billing, direct].map(async (id) => [id, await retainUntil(app, id)] as const)));
    const url = `/api/queues/${tokyo}/recordings/extend`;

    expect((await (await app.login('sv2')).post(url)).statusCode, 'another group’s supervisor may not').toBe(403);
    expect((await (await app.login('1001')).post(url)).statusCode).toBe(403);
    expect((await sv1.post('/api/queues/00000000-0000-4000-8000-000000000000/recordings/extend')).statusCode).toBe(404);

    const extended = await sv1.post(url);
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toEqual({ extended: 2 });
    for (const id of [first, second]) expect(await retainUntil(app, id)).toBe((before.get(id) ?? 0) + 180 * DAY);
    for (const id of [erased, billing, direct]) expect(await retainUntil(app, id), 'untouched').toBe(before.get(id));
    expect((await sv1.get(`/api/recordings/${first}`)).json()).toMatchObject({ retentionExtendedDays: 180 });
    const entries = await rows<{ action: string; actor_name: string; detail: Record<string, unknown> }>(
      app.database.db,
      sql`select action, actor_name, detail from audit_log where resource_type = 'queue' and resource_id = ${tokyo} order by id`,
    );
    expect(entries).toEqual([{ action: 'update', actor_name: 'sv1', detail: { change: 'recordings-retention-extended', queueNumber: '2001', days: 180, extended: 2 } }]);
    expect((await admin.post(url)).json(), 'administrators too').toEqual({ extended: 2 });

    // The search by queue lists the queue's recordings only (the erased one until the job deletes it).
    const found = (await sv1.get(`/api/recordings?queueId=${tokyo}`)).json<{ items: { id: string }[] }>().items.map((item) => item.id);
    expect(found.sort()).toEqual([first, second, erased].sort());
  });

  it('an extension during the call counts once: the date is the end of the call plus the queue’s days plus 180', async () => {
    const app = await start();
    const { decision } = await answered(app, { call: 'long-call', from: 'c', to: 'a', caller: '0312345678', callee: '1001' });
    const sv1 = await app.login('sv1');
    expect((await sv1.post(`/api/recordings/${decision.recordingId ?? ''}/extend`)).statusCode).toBe(200);
    now = new Date(now.getTime() + 60_000);
    await media.talk('long-call', 200);
    await hungUp(app, 'long-call');
    expect(Math.round((new Date((await recordingRow(app, 'long-call')).retain_until).getTime() - now.getTime()) / DAY)).toBe(360);
  });

  it('two instances running the job at once delete and audit each recording once; a file that cannot be deleted waits for the next run', async () => {
    const app = await start();
    const ids = [await recordedThrough(app, 'twin-1', null), await recordedThrough(app, 'twin-2', null), await recordedThrough(app, 'twin-3', null)];
    advanceDays(181);
    const other = new RecordingService(new DbRecordingRepository(app.database.db), new LocalRecordingMedia(), app.services.audit, app.services.liveEvents, () => now, { dir: app.config.recordings.dir });
    const counts = await Promise.all([app.services.recordings.deleteExpired(), other.deleteExpired(), app.services.recordings.deleteExpired()]);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(3);
    for (const id of ids) expect((await auditOf(app, id)).filter((entry) => entry.action === 'delete'), `one deletion entry for ${id}`).toHaveLength(1);

    const stuck = await recordedThrough(app, 'stuck-1', null);
    const fine = await recordedThrough(app, 'fine-1', null);
    advanceDays(181);
    const refusing = (file: string): Promise<'removed' | 'missing'> => (file.includes(stuck) ? Promise.reject(new Error('EACCES: permission denied')) : removeRecordingFile(file));
    await expect(app.services.recordings.deleteExpired(refusing)).rejects.toThrow(new RegExp(`could not delete the files of 1 expired recording.*${stuck} \\(EACCES`));
    expect((await recordingRow(app, 'fine-1')).status).toBe('deleted');
    expect((await recordingRow(app, 'stuck-1')).status, 'kept for the next run').toBe('complete');
    expect((await auditOf(app, stuck)).filter((entry) => entry.action === 'delete')).toHaveLength(0);
    expect(await app.services.recordings.deleteExpired()).toBe(1);
    expect((await recordingRow(app, 'stuck-1')).status).toBe('deleted');
    expect(fine).not.toBe(stuck);
  });
});
