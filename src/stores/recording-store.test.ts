import { describe, expect, it, vi } from 'vitest';
import { installMockService } from '../testing/msw/install-mock-service';
import { mockRecordings } from '../testing/msw/recording-handlers';
import { signedInClient } from '../testing/msw/signed-in-client';
import { createRecordingStore } from './recording-store';

installMockService();

const callId = 'a84b4c76e66710@pbx.tsunagu.test';

describe('the recording store', () => {
  it('shows a recorded call as 録音中 and pauses and resumes it where the policy allows', async () => {
    const { client } = await signedInClient('1001');
    const store = createRecordingStore({ client });
    await store.getState().load(callId);
    expect(store.getState().flags[callId]).toMatchObject({ status: 'recording', pauseAllowed: true, pending: false });

    const pausing = store.getState().setPaused(callId, true);
    expect(store.getState().flags[callId]?.pending).toBe(true);
    await pausing;
    expect(store.getState().flags[callId]).toMatchObject({ status: 'paused', pending: false, error: undefined });
    expect(mockRecordings.of(callId)?.pauses).toEqual([expect.objectContaining({ endMs: null })]);

    await store.getState().setPaused(callId, false);
    expect(store.getState().flags[callId]?.status).toBe('recording');
    expect(mockRecordings.of(callId)?.pauses[0]?.endMs).toEqual(expect.any(Number));
  });

  it('shows an unrecorded call as 録音なし and never asks to pause it', async () => {
    mockRecordings.setPolicy(callId, 'none');
    const { client } = await signedInClient('1001');
    const store = createRecordingStore({ client });
    await store.getState().load(callId);
    expect(store.getState().flags[callId]).toMatchObject({ status: 'none', pauseAllowed: false });
    await store.getState().setPaused(callId, true);
    expect(store.getState().flags[callId]?.pending).toBe(false);
  });

  it('does not pause where the queue forbids it, and keeps the service’s refusal as an error', async () => {
    mockRecordings.setPolicy(callId, 'no-pause');
    const { client } = await signedInClient('1001');
    const store = createRecordingStore({ client });
    await store.getState().load(callId);
    expect(store.getState().flags[callId]).toMatchObject({ status: 'recording', pauseAllowed: false });
    await store.getState().setPaused(callId, true);
    expect(mockRecordings.of(callId)?.pauses).toEqual([]);
  });

  it('reports a 409 as a conflict and keeps the last known state', async () => {
    const { client } = await signedInClient('1001');
    const store = createRecordingStore({ client });
    await store.getState().load(callId);
    // Someone (another tab) paused it meanwhile.
    mockRecordings.of(callId)?.pauses.push({ startMs: 0, endMs: null, by: 'other-tab' });
    await store.getState().setPaused(callId, true);
    expect(store.getState().flags[callId]).toMatchObject({ status: 'recording', pending: false, error: 'conflict' });
  });

  it('takes the live events: paused, resumed, ended', async () => {
    const { client } = await signedInClient('1001');
    const store = createRecordingStore({ client });
    await store.getState().load(callId);
    store.getState().received(callId, 'paused');
    expect(store.getState().flags[callId]?.status).toBe('paused');
    store.getState().received(callId, 'recording');
    expect(store.getState().flags[callId]?.status).toBe('recording');
    store.getState().received(callId, 'ended');
    expect(store.getState().flags[callId]).toMatchObject({ status: 'none', pauseAllowed: false });
    store.getState().forget(callId);
    expect(store.getState().flags[callId]).toBeUndefined();
  });
});

describe('a recording that starts just after the call is answered', () => {
  it('is asked for again after a 404, and the retries stop once the call is forgotten', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      mockRecordings.setPolicy(callId, 'none');
      const { client } = await signedInClient('1001');
      const store = createRecordingStore({ client, retryDelaysMs: [1000, 3000] });
      await store.getState().load(callId);
      expect(store.getState().flags[callId]?.status).toBe('none');
      mockRecordings.setPolicy(callId, 'pause');
      await vi.advanceTimersByTimeAsync(1000);
      await vi.waitFor(() => expect(store.getState().flags[callId]?.status).toBe('recording'));

      const other = 'other-call@pbx.tsunagu.test';
      mockRecordings.setPolicy(other, 'none');
      await store.getState().load(other);
      store.getState().forget(other);
      mockRecordings.setPolicy(other, 'pause');
      await vi.advanceTimersByTimeAsync(5000);
      expect(store.getState().flags[other]).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
