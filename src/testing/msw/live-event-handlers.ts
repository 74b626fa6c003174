import { ws } from 'msw';
import { liveEventSchema, type LiveEvent } from '../../contract/events';
import { mockDatabase } from './mock-database';

/** The live-events socket of any origin (`ws(s)://<host>/api/events`). */
export const liveEventsLink = ws.link(/\/api\/events$/);

/**
 * `/api/events`: `hello`, then the events the subscriber may see; 4401 without a session.
 * @remarks Every event is checked against the contract before it is sent.
 */
export const liveEventHandlers = [
  liveEventsLink.addEventListener('connection', ({ client }) => {
    const signedIn = mockDatabase.newestSession();
    if (!signedIn) {
      client.close(4401, 'sign in first');
      return;
    }
    const send = (event: LiveEvent) => client.send(JSON.stringify(liveEventSchema.parse(event)));
    send({ type: 'hello', at: new Date(mockDatabase.now()).toISOString(), subscriber: signedIn.account.id });
    const unsubscribe = mockDatabase.subscribe(signedIn.account, send);
    client.addEventListener('close', unsubscribe);
  }),
];
