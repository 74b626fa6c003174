import { describe, expect, it } from 'vitest';
import { installMockService } from '../testing/msw/install-mock-service';
import { demoAccount } from '../testing/msw/demo-directory';
import { mockMonitoring } from '../testing/msw/monitoring-handlers';
import { signedInClient } from '../testing/msw/signed-in-client';
import { createMonitoringFlagStore } from './monitoring-flag-store';

installMockService();

const callId = 'f1a9c0de@pbx.tsunagu.test';

async function agentStore() {
  const { client } = await signedInClient('1001');
  const agentId = demoAccount('1001').id;
  return { store: createMonitoringFlagStore({ client, intervalMs: 20 }), agentId };
}

describe('the monitoring-flag store', () => {
  it('follows a supervisor through listen, whisper and the end while the call is watched, where the policy tells agents', async () => {
    mockMonitoring.visibleToAgents = true;
    const { store, agentId } = await agentStore();
    const sessionId = mockMonitoring.start(agentId, callId, 'listen');
    const stop = store.getState().watch(callId);
    await expect.poll(() => store.getState().modes[callId]).toBe('listen');

    mockMonitoring.stop(sessionId);
    const whisper = mockMonitoring.start(agentId, callId, 'whisper');
    mockMonitoring.start(agentId, callId, 'listen');
    await expect.poll(() => store.getState().modes[callId]).toBe('whisper');

    mockMonitoring.stop(whisper);
    await expect.poll(() => store.getState().modes[callId]).toBe('listen');
    stop();
    expect(store.getState().modes).toEqual({});
  });

  it('shows nothing where the policy does not tell agents (the default)', async () => {
    const { store, agentId } = await agentStore();
    mockMonitoring.start(agentId, callId, 'barge');
    await store.getState().refresh(callId);
    expect(store.getState().modes).toEqual({});
  });
});
