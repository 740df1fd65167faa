import { FakeClock, FakeOnline, fakeWebSocket } from '@flc/sdk/testing';
import type { BootResponse, WidgetConversation } from '../api.ts';
import { Session, type SessionOptions } from '../session.ts';
import { memoryStorage, storageKeys } from '../storage.ts';

// The session on the SDK's fakes: a fake server socket, clock and network, and a fake REST API.
export const keys = storageKeys('pk_test');

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Route = (call: Call) => { status?: number; body: unknown } | undefined;

/** A fetch answering from `route`, recording every call. */
export function fakeApi(route: Route) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = (async (
    input: string | URL | Request,
    init: RequestInit = {},
  ) => {
    const url = new URL(String(input));
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname + url.search,
      headers: Object.fromEntries(
        new Headers(init.headers) as unknown as Iterable<[string, string]>,
      ),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const answer = route(call);
    if (!answer)
      return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 });
    return Response.json(answer.body, { status: answer.status ?? 200 });
  }) as typeof fetch;
  return { fetch, calls };
}

export const conversation = (id: string, lastSeq: number, unread = 0): WidgetConversation => ({
  id,
  status: 'open',
  lastSeq,
  lastMessage: null,
  unread,
  lastActivityAt: new Date().toISOString(),
  createdAt: new Date().toISOString(),
});

export const booted = (n: number, conversations: WidgetConversation[] = []): BootResponse => ({
  sessionToken: `session-${n}`,
  sessionExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  visitorToken: 'vt-1',
  contact: { id: 'v1', name: null, email: null },
  settings: { color: '#112233', position: 'left', greeting: 'Hi!', launcherText: null },
  widgetLanguage: 'auto',
  preChatForm: null,
  csatEnabled: false,
  emailContinuity: true,
  editWindowSeconds: 900,
  availability: { state: 'online' },
  conversations,
});

export const agentMessage = (conversationId: string, seq: number) => ({
  id: `m-${seq}`,
  conversationId,
  seq,
  sender: { type: 'agent' as const, id: 'a1', name: 'Ann' },
  body: `agent says ${seq}`,
  createdAt: new Date(seq * 1000).toISOString(),
});

/** Lets promise callbacks (fetches, the SDK's outbox restore) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

let sessions: Session[] = [];
/** Stops every session `setup` made; each suite runs it after each test. */
export function stopSessions(): void {
  for (const s of sessions) s.stop(false);
  sessions = [];
}

export function setup(route: Route, options: Partial<SessionOptions> = {}) {
  const api = fakeApi(route);
  const clock = new FakeClock();
  const server = fakeWebSocket();
  const storage = options.storage ?? memoryStorage();
  const tabStorage = options.tabStorage ?? memoryStorage();
  const session = new Session({
    boot: { pluginKey: 'pk_test' },
    apiBase: 'https://chat.test',
    storage,
    tabStorage,
    fetch: api.fetch,
    timers: clock,
    client: {
      WebSocket: server.WebSocket,
      timers: clock,
      online: new FakeOnline(),
      random: () => 0.5,
    },
    ...options,
  });
  sessions.push(session);
  return { session, api, clock, server, storage, tabStorage };
}
