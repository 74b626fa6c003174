import { ws } from 'msw';
import { FakeSipNetwork, FakeTransport } from '../sip/fake-sip-network';

/** The SIP server of the demo; `.invalid` never resolves, so nothing leaves the page. */
export const demoSipServer = 'wss://sip.demo.invalid';
/** The SIP domain of the demo's addresses of record. */
export const demoSipDomain = 'demo.invalid';

/** Carries SIP messages between one intercepted WebSocket and the in-memory SIP network. */
class SocketBridge extends FakeTransport {
  constructor(
    network: FakeSipNetwork,
    private readonly forward: (message: string) => void,
  ) {
    super(undefined, { network });
  }

  override receive(message: string): void {
    if (this.isConnected()) this.forward(message);
  }
}

/**
 * A registrar for the demo (`npm run dev:demo`): REGISTER succeeds, so the softphone shows
 * "ready" without Kamailio; a call to anyone not registered in this page ends with 404.
 * @remarks The same in-memory network the telephony tests use, behind MSW's WebSocket interception.
 */
export function createDemoSipHandlers(network = new FakeSipNetwork()) {
  const link = ws.link(/^wss:\/\/sip\.demo\.invalid\/?$/);
  return [
    link.addEventListener('connection', ({ client }) => {
      const bridge = new SocketBridge(network, (message) => client.send(message));
      void bridge.connect();
      client.addEventListener('message', (event) => {
        if (typeof event.data === 'string') network.deliver(bridge, event.data);
      });
      client.addEventListener('close', () => void bridge.disconnect());
    }),
  ];
}
