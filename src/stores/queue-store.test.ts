import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { installMockService } from '../testing/msw/install-mock-service';
import { server } from '../testing/msw/server';
import { signedInClient } from '../testing/msw/signed-in-client';
import { createQueueStore, queueSelectors } from './queue-store';

installMockService();

/** Counts the requests for the queue list (MSW passes them on to the mock service). */
function countListRequests(): () => number {
  let count = 0;
  server.use(
    http.get('/api/queues', () => {
      count += 1;
      return undefined;
    }),
  );
  return () => count;
}

describe('the queue store', () => {
  it('loads the agent’s queues when a call names one, and names them by number', async () => {
    const { client } = await signedInClient('1002');
    const store = createQueueStore({ client });
    expect(store.getState().status).toBe('idle');
    store.getState().require('2002');
    await expect.poll(() => store.getState().status).toBe('loaded');
    expect(store.getState().queues.map((queue) => queue.number)).toEqual(['2001', '2002', '2009']);
    expect(queueSelectors.byNumber('2002')(store.getState())).toEqual({ number: '2002', nameJa: '料金窓口', nameEn: 'Billing desk' });
    expect(queueSelectors.byNumber('2003')(store.getState())).toBeUndefined();
    expect(queueSelectors.byNumber(undefined)(store.getState())).toBeUndefined();
  });

  it('asks again for a queue it does not know only once the refresh interval has passed', async () => {
    const { client } = await signedInClient('1001');
    const requests = countListRequests();
    let now = 1_000_000;
    const store = createQueueStore({ client, now: () => now, refreshAfterMs: 60_000 });
    store.getState().require('2003');
    store.getState().require('2003');
    await expect.poll(() => store.getState().status).toBe('loaded');
    store.getState().require('2003');
    store.getState().require('2001');
    expect(requests()).toBe(1);
    now += 60_000;
    store.getState().require('2003');
    await expect.poll(() => requests()).toBe(2);
  });

  it('names nothing without a CTI session, and asks nothing', () => {
    const requests = countListRequests();
    const store = createQueueStore({ client: undefined });
    store.getState().require('2001');
    expect(store.getState()).toMatchObject({ status: 'idle', queues: [] });
    expect(requests()).toBe(0);
  });
});
