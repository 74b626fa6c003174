import { describe, expect, it } from 'vitest';
import type { RecordingDetail, RecordingListItem } from '../contract/recordings';
import { demoAccount, demoGroupIds } from '../testing/msw/demo-directory';
import { installMockService } from '../testing/msw/install-mock-service';
import { mockRecordings } from '../testing/msw/recording-handlers';
import { signedInClient } from '../testing/msw/signed-in-client';
import { mockQueues } from '../testing/msw/queue-mock';
import { createRecordingsStore, isPendingDeletion, recordingAudioUrl } from './recordings-store';

installMockService();

function recording(index: number, groupId: string = demoGroupIds.tokyo): RecordingListItem & Pick<RecordingDetail, 'peaks'> {
  const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  const startedAt = new Date(Date.UTC(2026, 10, 1, 0, index)).toISOString();
  return {
    id,
    sipCallId: `call-${index}@pbx`,
    groupId,
    agentId: demoAccount('1001').id,
    queueId: null,
    direction: 'inbound',
    customerNumber: '0312345678',
    status: 'complete',
    pauseAllowed: true,
    startedAt,
    endedAt: startedAt,
    durationMs: 1000,
    pauses: [],
    sha256: null,
    retainUntil: '2027-05-01T00:00:00.000Z',
    retentionExtendedDays: 0,
    retentionEndedAt: null,
    agentName: '1001',
    agentExtension: '1001',
    queueNumber: null,
    categoryId: null,
    callRecordId: null,
    peaks: { customer: [0.1], agent: [0.2] },
  };
}

describe('the recordings store', () => {
  it('searches page by page (newest first), only the supervisor’s groups', async () => {
    for (let index = 1; index <= 55; index++) mockRecordings.add(recording(index));
    mockRecordings.add(recording(99, demoGroupIds.osaka));
    const { client } = await signedInClient('sv1');
    const store = createRecordingsStore({ client });
    await store.getState().find({});
    expect(store.getState()).toMatchObject({ status: 'ready', error: undefined });
    expect(store.getState().items).toHaveLength(50);
    expect(store.getState().items[0]?.sipCallId).toBe('call-55@pbx');
    expect(store.getState().next).not.toBeNull();
    await store.getState().more();
    expect(store.getState().items.map((item) => item.sipCallId).slice(-5)).toEqual(['call-5@pbx', 'call-4@pbx', 'call-3@pbx', 'call-2@pbx', 'call-1@pbx']);
    expect(store.getState().next).toBeNull();
  });

  it('opens one with its peaks and extends it by 180 days, in the list too', async () => {
    mockRecordings.add(recording(1));
    const { client } = await signedInClient('sv1');
    const store = createRecordingsStore({ client });
    await store.getState().find({});
    const id = store.getState().items[0]?.id ?? '';
    await store.getState().open(id);
    expect(store.getState().selected?.peaks).toEqual({ customer: [0.1], agent: [0.2] });
    await store.getState().extend();
    expect(store.getState().selected).toMatchObject({ retainUntil: '2027-10-28T00:00:00.000Z', retentionExtendedDays: 180 });
    expect(store.getState().items[0]?.retainUntil).toBe('2027-10-28T00:00:00.000Z');
    expect(recordingAudioUrl(id)).toBe(`/api/recordings/${id}/audio`);
    store.getState().close();
    expect(store.getState().selected).toBeUndefined();
  });

  it('reports an agent’s search as refused', async () => {
    const { client } = await signedInClient('1001');
    const store = createRecordingsStore({ client });
    await store.getState().find({});
    expect(store.getState()).toMatchObject({ status: 'failed', error: 'refused', items: [] });
  });

  it('an administrator ends the opened recording’s retention: pending deletion in the player and the list; a second end is a conflict', async () => {
    mockRecordings.add(recording(1));
    const { client } = await signedInClient('admin');
    const store = createRecordingsStore({ client });
    await store.getState().find({});
    await store.getState().open(store.getState().items[0]?.id ?? '');
    expect(isPendingDeletion(store.getState().selected ?? recording(1), Date.parse('2026-12-01T00:00:00Z'))).toBe(false);
    expect(await store.getState().endRetention('契約終了')).toBe(true);
    expect(store.getState().selected?.retentionEndedAt).not.toBeNull();
    expect(isPendingDeletion(store.getState().selected ?? recording(1))).toBe(true);
    expect(isPendingDeletion(store.getState().items[0] ?? recording(1))).toBe(true);
    expect(await store.getState().endRetention('契約終了')).toBe(false);
    expect(store.getState().error).toBe('conflict');
    // Once the job ran, the search no longer lists it.
    mockRecordings.deleteExpired();
    await store.getState().find({});
    expect(store.getState().items).toEqual([]);
  });

  it('a supervisor’s end of a retention is refused', async () => {
    mockRecordings.add(recording(1));
    const { client } = await signedInClient('sv1');
    const store = createRecordingsStore({ client });
    await store.getState().find({});
    await store.getState().open(store.getState().items[0]?.id ?? '');
    expect(await store.getState().endRetention('契約終了')).toBe(false);
    expect(store.getState()).toMatchObject({ error: 'refused', endingRetention: false });
  });

  it('extends a queue’s recordings, says how many, and shows the new dates', async () => {
    const tokyo = mockQueues.list(demoAccount('sv1')).find((queue) => queue.number === '2001');
    if (tokyo === undefined) throw new Error('no queue 2001');
    mockRecordings.add({ ...recording(1), queueId: tokyo.id });
    mockRecordings.add({ ...recording(2), queueId: tokyo.id });
    mockRecordings.add(recording(3));
    const { client } = await signedInClient('sv1');
    const store = createRecordingsStore({ client });
    await store.getState().find({ queueId: tokyo.id });
    expect(store.getState().items).toHaveLength(2);
    await store.getState().open(store.getState().items[0]?.id ?? '');
    await store.getState().extendQueue(tokyo.id);
    expect(store.getState()).toMatchObject({ extendingQueue: false, queueExtended: { queueId: tokyo.id, count: 2 }, error: undefined });
    expect(store.getState().items.map((item) => item.retainUntil)).toEqual(['2027-10-28T00:00:00.000Z', '2027-10-28T00:00:00.000Z']);
    expect(store.getState().selected?.retainUntil).toBe('2027-10-28T00:00:00.000Z');
    await store.getState().find({});
    expect(store.getState().queueExtended, 'another search forgets it').toBeUndefined();
  });
});
