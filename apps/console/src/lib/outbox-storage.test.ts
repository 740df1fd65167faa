import { describe, expect, test } from 'bun:test';
import { createClient, type PendingMessage } from '@flc/sdk';
import { FakeClock, FakeOnline, fakeWebSocket } from '@flc/sdk/testing';
import { type KeyValueStorage, outboxKey, outboxStorage, tokenSubject } from './outbox-storage.ts';

/** A tab's session storage, surviving its "reloads" (new clients). */
function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One page load: an agent's SDK client on a fake server, its outbox in `storage`. */
function page(storage: KeyValueStorage, agentId: string) {
  const server = fakeWebSocket();
  const client = createClient({
    url: 'https://chat.test',
    token: 'token',
    WebSocket: server.WebSocket,
    timers: new FakeClock(),
    online: new FakeOnline(),
    outboxStorage: outboxStorage(storage, agentId),
  });
  return {
    client,
    open() {
      client.connect();
      const socket = server.last();
      socket.accept();
      return socket;
    },
  };
}

const jwt = (payload: unknown) =>
  `h.${btoa(JSON.stringify(payload)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.s`;

describe('the outbox across reloads', () => {
  test('a message without its ack is sent again after a reload, once, with its cid', async () => {
    const tab = memoryStorage();
    const first = page(tab, 'agent-1');
    const socket1 = first.open();
    const { pending } = first.client.send('c1', 'Be right with you');
    expect(socket1.frames('send')).toHaveLength(1);
    expect(JSON.parse(tab.map.get(outboxKey('agent-1')) ?? '[]')).toMatchObject([
      { cid: pending.cid, body: 'Be right with you' },
    ]);
    first.client.close(); // the reload, before any ack

    const second = page(tab, 'agent-1');
    await settle(); // the outbox restores from storage
    const socket2 = second.open();
    expect(socket2.frames('send')).toEqual([
      { t: 'send', cid: pending.cid, conversationId: 'c1', body: 'Be right with you' },
    ]);
    socket2.receive({
      t: 'ack',
      cid: pending.cid,
      id: 'm-1',
      conversationId: 'c1',
      seq: 1,
      createdAt: new Date().toISOString(),
    });
    expect(second.client.pending()).toEqual([]);
    expect(tab.map.has(outboxKey('agent-1'))).toBe(false);
    second.client.close();

    const third = page(tab, 'agent-1');
    await settle();
    expect(third.open().frames('send')).toEqual([]);
  });

  test("another agent signing in on the tab never sends the first one's messages", async () => {
    const tab = memoryStorage();
    const first = page(tab, 'agent-1');
    first.client.send('c1', 'Mine');
    first.client.close();
    const other = page(tab, 'agent-2');
    await settle();
    expect(other.open().frames('send')).toEqual([]);
    expect(JSON.parse(tab.map.get(outboxKey('agent-1')) ?? '[]')).toHaveLength(1);
  });

  test('unreadable or failing storage loses nothing but the reload', () => {
    const tab = memoryStorage();
    tab.setItem(outboxKey('a'), '{not json');
    expect(outboxStorage(tab, 'a').load()).toEqual([]);
    tab.setItem(outboxKey('a'), '{"cid":"x"}');
    expect(outboxStorage(tab, 'a').load()).toEqual([]);
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    const entry: PendingMessage = {
      cid: 'x',
      conversationId: 'c',
      body: 'b',
      createdAt: 1,
      status: 'queued',
    };
    expect(() => outboxStorage(full, 'a').save([entry])).not.toThrow();
  });

  test("the agent id is the access token's subject", () => {
    expect(tokenSubject(jwt({ sub: 'agent-7', typ: 'agent' }))).toBe('agent-7');
    expect(tokenSubject(jwt({ typ: 'agent' }))).toBeNull();
    expect(tokenSubject('not-a-jwt')).toBeNull();
    expect(tokenSubject('a.%%%.c')).toBeNull();
  });
});
