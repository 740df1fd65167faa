import { type ClientOptions, createClient } from '../client.ts';
import type { Ack, ClientError, Message, StateChange } from '../types.ts';
import { FakeClock } from './fake-clock.ts';
import { FakeOnline } from './fake-online.ts';
import { fakeWebSocket } from './fake-socket.ts';

/** A client on a fake socket, clock and network, recording what it emits. */
export function harness(options: Partial<ClientOptions> = {}) {
  const clock = new FakeClock();
  const online = new FakeOnline();
  const server = fakeWebSocket();
  const client = createClient({
    url: 'https://chat.test',
    token: 'token-1',
    WebSocket: server.WebSocket,
    timers: clock,
    online,
    random: () => 0.5,
    backoff: { baseMs: 1000, capMs: 8000, resetAfterMs: 5000 },
    ...options,
  });
  const states: StateChange[] = [];
  const messages: Message[] = [];
  const acks: Ack[] = [];
  const errors: ClientError[] = [];
  client.on('state', (s) => states.push(s));
  client.on('message', (m) => messages.push(m));
  client.on('ack', (a) => acks.push(a));
  client.on('error', (e) => errors.push(e));
  return {
    client,
    clock,
    online,
    server,
    states,
    messages,
    acks,
    errors,
    /** The last state change. */
    get state(): StateChange | undefined {
      return states.at(-1);
    },
    /** Connects and lets the server accept; returns the socket. */
    open() {
      client.connect();
      const socket = server.last();
      socket.accept();
      return socket;
    },
  };
}

/** Lets pending promise callbacks and close events run. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const message = (conversationId: string, seq: number, extra: Partial<Message> = {}) => ({
  t: 'message' as const,
  id: `m-${conversationId}-${seq}`,
  conversationId,
  seq,
  sender: { type: 'agent' as const, id: 'agent-1' },
  body: `message ${seq}`,
  createdAt: new Date(seq * 1000).toISOString(),
  ...extra,
});
