import { EmitterImpl, TransportState, type Emitter, type Transport } from 'sip.js';

/**
 * An in-memory stand-in for Kamailio in unit tests: a registrar plus request routing between
 * {@link FakeTransport}s, so two real SIP.js user agents can call each other without a socket.
 *
 * @remarks
 * Test-only. It knows just enough SIP to route: REGISTER is answered here, requests go to the
 * transport registered for the Request-URI's user (or to the contact learnt at REGISTER),
 * responses go back to the transport that sent the request with that Via branch. Every message
 * is recorded so tests can assert what went over the wire.
 */
export class FakeSipNetwork {
  /** Every message that crossed the network, in order. */
  readonly log: { from: FakeTransport; message: string }[] = [];
  /** When set, REGISTER is answered with this status instead of 200. */
  registerStatus = 200;
  /** When false, `connect()` fails as if the server were down. */
  reachable = true;
  private readonly byUser = new Map<string, FakeTransport>();
  private readonly byContact = new Map<string, FakeTransport>();
  private readonly byBranch = new Map<string, FakeTransport>();
  private readonly connected = new Set<FakeTransport>();

  /** Called by a transport that opens. */
  attach(transport: FakeTransport): boolean {
    if (!this.reachable) return false;
    this.connected.add(transport);
    return true;
  }

  /** Called by a transport that closes. */
  detach(transport: FakeTransport): void {
    this.connected.delete(transport);
    for (const map of [this.byUser, this.byContact, this.byBranch]) {
      for (const [key, value] of map) if (value === transport) map.delete(key);
    }
  }

  /** Simulates a server restart: every connection drops and registrations are forgotten. */
  restart(): void {
    for (const transport of [...this.connected]) transport.drop();
  }

  /** Methods of the requests seen so far, in order (e.g. `['REGISTER', 'INVITE', ...]`). */
  requestsSeen(): string[] {
    return this.log.map((entry) => firstLine(entry.message)).filter((line) => !line.startsWith('SIP/2.0')).map((line) => line.split(' ')[0] ?? '');
  }

  /** Routes one message; called by {@link FakeTransport.send}. */
  deliver(from: FakeTransport, message: string): void {
    this.log.push({ from, message });
    const start = firstLine(message);
    const headers = parseHeaders(message);
    if (start.startsWith('SIP/2.0')) {
      const target = this.byBranch.get(branchOf(headers.get('via') ?? ''));
      if (target) queueMicrotask(() => target.receive(message));
      return;
    }
    const [method, requestUri = ''] = start.split(' ');
    this.byBranch.set(branchOf(headers.get('via') ?? ''), from);
    if (method === 'REGISTER') {
      this.register(from, headers, message);
      return;
    }
    const user = /sips?:([^@;>]+)@/.exec(requestUri)?.[1] ?? '';
    const target = this.byUser.get(user) ?? this.byContact.get(user);
    if (!target) {
      if (method !== 'ACK') this.respond(from, message, 404, 'Not Found');
      return;
    }
    queueMicrotask(() => target.receive(message));
  }

  private register(from: FakeTransport, headers: Map<string, string>, message: string): void {
    if (this.registerStatus !== 200) {
      this.respond(from, message, this.registerStatus, 'Refused');
      return;
    }
    const aorUser = /sips?:([^@;>]+)@/.exec(headers.get('to') ?? '')?.[1] ?? '';
    const contact = headers.get('contact') ?? '';
    const contactUser = /sips?:([^@;>]+)@/.exec(contact)?.[1] ?? '';
    const expires = /expires=(\d+)/.exec(contact)?.[1] ?? headers.get('expires') ?? '600';
    if (expires === '0') {
      this.byUser.delete(aorUser);
    } else {
      this.byUser.set(aorUser, from);
      this.byContact.set(contactUser, from);
    }
    this.respond(from, message, 200, 'OK', [`Contact: ${contact.replace(/;expires=\d+/, '')};expires=${expires}`]);
  }

  private respond(to: FakeTransport, request: string, status: number, reason: string, extra: string[] = []): void {
    const lines = request.split('\r\n');
    const copy = (name: string): string[] => lines.filter((line) => line.toLowerCase().startsWith(`${name}:`));
    const toHeader = copy('to').map((line) => (/;tag=/.test(line) ? line : `${line};tag=fake${status}`));
    const response = [
      `SIP/2.0 ${status} ${reason}`,
      ...copy('via'),
      ...copy('from'),
      ...toHeader,
      ...copy('call-id'),
      ...copy('cseq'),
      ...extra,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    this.log.push({ from: to, message: response });
    queueMicrotask(() => to.receive(response));
  }
}

/**
 * A SIP.js {@link Transport} connected to a {@link FakeSipNetwork}.
 *
 * @remarks Pass as `transportConstructor` with `transportOptions: { network }`; `drop()` simulates
 * a lost WebSocket.
 */
export class FakeTransport implements Transport {
  readonly protocol = 'WS';
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private stateValue = TransportState.Disconnected;
  private readonly stateEmitter = new EmitterImpl<TransportState>();
  private readonly network: FakeSipNetwork;

  constructor(_logger: unknown, options: { network: FakeSipNetwork }) {
    this.network = options.network;
  }

  get state(): TransportState {
    return this.stateValue;
  }

  get stateChange(): Emitter<TransportState> {
    return this.stateEmitter;
  }

  connect(): Promise<void> {
    if (this.stateValue === TransportState.Connected) return Promise.resolve();
    if (!this.network.attach(this)) return Promise.reject(new Error('WebSocket connection refused'));
    this.setState(TransportState.Connected);
    this.onConnect?.();
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    if (this.stateValue !== TransportState.Connected) return Promise.resolve();
    this.network.detach(this);
    this.setState(TransportState.Disconnected);
    this.onDisconnect?.();
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  isConnected(): boolean {
    return this.stateValue === TransportState.Connected;
  }

  send(message: string): Promise<void> {
    if (!this.isConnected()) return Promise.reject(new Error('not connected'));
    this.network.deliver(this, message);
    return Promise.resolve();
  }

  /** Delivers a message from the network to SIP.js. */
  receive(message: string): void {
    if (this.isConnected()) this.onMessage?.(message);
  }

  /** The connection breaks under SIP.js (network loss, server restart). */
  drop(): void {
    if (!this.isConnected()) return;
    this.network.detach(this);
    this.setState(TransportState.Disconnected);
    this.onDisconnect?.(new Error('connection lost'));
  }

  private setState(state: TransportState): void {
    this.stateValue = state;
    this.stateEmitter.emit(state);
  }
}

function firstLine(message: string): string {
  return message.slice(0, message.indexOf('\r\n'));
}

function parseHeaders(message: string): Map<string, string> {
  const headers = new Map<string, string>();
  const head = message.split('\r\n\r\n')[0] ?? '';
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

function branchOf(via: string): string {
  return /branch=([^;,\s]+)/.exec(via)?.[1] ?? '';
}
