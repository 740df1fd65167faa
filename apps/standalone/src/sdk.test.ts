import { afterAll, beforeAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { type Client, type ClientEvents, createClient, type Message, restHistory } from '@flc/sdk';
import { bearer, bootVisitor, chatTenant, restClient } from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// The SDK against the real embedded platform. The visitor reaches it through a TCP proxy the
// test can cut (network loss: both ends see the connection die, no close frame), refuse new
// connections through, or mute in the server → client direction (acks lost on the way).
const dataDir = join(tmpdir(), `flc-sdk-${crypto.randomUUID()}`);
let platform: Standalone;
let proxy: Awaited<ReturnType<typeof tcpProxy>>;
beforeAll(async () => {
  platform = await startStandalone(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', FLC_DATA_DIR: dataDir }),
  );
  proxy = await tcpProxy(platform.port);
}, 60_000);
afterAll(async () => {
  proxy?.close();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = restClient(() => platform.url);

async function tcpProxy(targetPort: number) {
  const pairs = new Set<[Socket, Socket]>();
  let refusing = false;
  let muted = false;
  const server = createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.on('data', (chunk) => {
      if (!muted) client.write(chunk);
    });
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const s of pair) {
      s.on('close', end);
      s.on('error', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    /** Kills every connection through the proxy. */
    cut() {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
    },
    refuse(on: boolean) {
      refusing = on;
    },
    /** Drops whatever the server sends from now on. */
    mute(on: boolean) {
      muted = on;
    },
    close() {
      this.cut();
      server.close();
    },
  };
}

/** The first `event` matching `match`, or `done()` already true; fails after `ms`. */
function until<K extends keyof ClientEvents>(
  client: Client,
  event: K,
  match: (payload: ClientEvents[K]) => boolean,
  ms = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching ${String(event)} within ${ms} ms`));
    }, ms);
    const off = client.on(event, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** Resolves once `check()` holds, re-checking on every message the client delivers. */
function messagesUntil(client: Client, check: () => boolean): Promise<void> {
  return check() ? Promise.resolve() : until(client, 'message', () => check());
}

const seqs = (ms: Message[]) => ms.map((m) => m.seq);

test('a visitor and an agent talk through the SDK; network loss, resume and the outbox lose and double nothing', async () => {
  const tenant = await chatTenant(call, { name: 'SDK Co' });
  const guest = await bootVisitor(call, tenant);
  const opened = await call('POST', '/v1/widget/conversations', {}, bearer(guest.sessionToken));
  expect(opened.status).toBe(201);
  const conversationId: string = opened.body.id;
  const fast = { baseMs: 50, capMs: 200, resetAfterMs: 1000 };

  const agent = createClient({ url: platform.url, token: tenant.owner.accessToken, backoff: fast });
  const visitor = createClient({
    url: proxy.url,
    token: guest.sessionToken,
    backoff: fast,
    fetchHistory: restHistory({
      url: platform.url,
      as: 'visitor',
      getToken: () => guest.sessionToken,
    }),
  });
  const seen = { agent: [] as Message[], visitor: [] as Message[] };
  agent.on('message', (m) => seen.agent.push(m));
  visitor.on('message', (m) => seen.visitor.push(m));
  const visitorStates: string[] = [];
  visitor.on('state', (s) => visitorStates.push(`${s.state}:${s.reason}`));
  const errors: unknown[] = [];
  visitor.on('error', (e) => errors.push(e));
  agent.on('error', (e) => errors.push(e));

  try {
    const subscribed = Promise.all([
      until(agent, 'subscribed', (s) => s.conversationId === conversationId),
      until(visitor, 'subscribed', (s) => s.conversationId === conversationId),
    ]);
    agent.subscribe(conversationId, 0);
    visitor.subscribe(conversationId, 0);
    agent.connect();
    visitor.connect();
    await subscribed;
    expect(visitor.principal?.type).toBe('visitor');
    expect(agent.principal?.type).toBe('agent');

    // Both ways, live; typing reaches the other side.
    const typing = until(agent, 'typing', (t) => t.on && t.sender.type === 'visitor');
    visitor.typing(conversationId);
    await typing;
    expect((await visitor.send(conversationId, 'Hi, my order is late').ack).seq).toBe(1);
    expect((await agent.send(conversationId, 'On it!').ack).seq).toBe(2);
    await messagesUntil(visitor, () => seen.visitor.length === 2);
    await messagesUntil(agent, () => seen.agent.length === 2);

    // Network loss: the visitor's connection dies and new ones are refused for a while.
    const lost = until(visitor, 'state', (s) => s.state === 'reconnecting');
    proxy.refuse(true);
    proxy.cut();
    await lost;
    await until(visitor, 'state', (s) => s.reason === 'connect_failed'); // a refused attempt
    expect((await agent.send(conversationId, 'Are you there?').ack).seq).toBe(3);
    expect((await agent.send(conversationId, 'Your parcel left today').ack).seq).toBe(4);
    const offline1 = visitor.send(conversationId, 'typed while offline 1');
    const offline2 = visitor.send(conversationId, 'typed while offline 2');
    expect(visitor.pending().map((p) => [p.body, p.status])).toEqual([
      ['typed while offline 1', 'queued'],
      ['typed while offline 2', 'queued'],
    ]);

    // The network is back: resume from seq 2, then the outbox goes out.
    proxy.refuse(false);
    expect([(await offline1.ack).seq, (await offline2.ack).seq]).toEqual([5, 6]);
    await messagesUntil(visitor, () => seen.visitor.length >= 6);
    await messagesUntil(agent, () => seen.agent.length >= 6);
    expect(visitor.pending()).toEqual([]);

    // An ack lost on the way: the server stores the message, the visitor never hears back,
    // then the connection dies. The resend after resume carries the same cid.
    proxy.mute(true);
    const reachedAgent = until(agent, 'message', (m) => m.body === 'ack lost');
    const unacked = visitor.send(conversationId, 'ack lost');
    await reachedAgent;
    expect(visitor.pending().map((p) => p.status)).toEqual(['sent']);
    proxy.cut();
    proxy.mute(false);
    const ack = await unacked.ack;
    expect(ack).toMatchObject({ cid: unacked.pending.cid, seq: 7 });
    await messagesUntil(visitor, () => seen.visitor.length >= 7);

    // Every message exactly once, in order, on both sides and in the store.
    const bodies = [
      'Hi, my order is late',
      'On it!',
      'Are you there?',
      'Your parcel left today',
      'typed while offline 1',
      'typed while offline 2',
      'ack lost',
    ];
    for (const side of [seen.visitor, seen.agent]) {
      expect(seqs(side)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(side.map((m) => m.body)).toEqual(bodies);
    }
    expect(seen.visitor.at(-1)?.cid).toBe(unacked.pending.cid);
    const history = await call(
      'GET',
      `/v1/conversations/${conversationId}/messages?limit=100`,
      undefined,
      tenant.ownerAuth,
    );
    expect(history.body.items.map((m: Message) => m.body)).toEqual(bodies);
    expect(visitorStates).toContain('reconnecting:disconnected');
    expect(visitorStates.filter((s) => s === 'open:ready').length).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);

    // The REST history helper pages through both audiences' routes.
    const asVisitor = restHistory({
      url: platform.url,
      as: 'visitor',
      getToken: () => guest.sessionToken,
      pageSize: 2,
    });
    const asAgent = restHistory({
      url: platform.url,
      as: 'agent',
      getToken: () => tenant.owner.accessToken,
      pageSize: 3,
    });
    expect(seqs([...(await asVisitor(conversationId, 2))])).toEqual([3, 4, 5, 6, 7]);
    expect(seqs([...(await asAgent(conversationId, 0))])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await expect(asVisitor(crypto.randomUUID(), 0)).rejects.toThrow(/404/);
  } finally {
    visitor.close();
    agent.close();
  }
});

test('a visitor resumes across private notes through the SDK: no note, no gap, nothing fetched', async () => {
  const tenant = await chatTenant(call, { name: 'Notes Co' });
  const guest = await bootVisitor(call, tenant);
  const opened = await call('POST', '/v1/widget/conversations', {}, bearer(guest.sessionToken));
  const conversationId: string = opened.body.id;
  const fast = { baseMs: 50, capMs: 200, resetAfterMs: 1000 };
  const history = restHistory({
    url: platform.url,
    as: 'visitor',
    getToken: () => guest.sessionToken,
  });
  const fills: number[] = [];
  const agent = createClient({ url: platform.url, token: tenant.owner.accessToken, backoff: fast });
  const visitor = createClient({
    url: proxy.url,
    token: guest.sessionToken,
    backoff: fast,
    gapRetryMs: 20,
    fetchHistory: (id, afterSeq) => {
      fills.push(afterSeq);
      return history(id, afterSeq);
    },
  });
  const seen = { agent: [] as Message[], visitor: [] as Message[] };
  agent.on('message', (m) => seen.agent.push(m));
  visitor.on('message', (m) => seen.visitor.push(m));
  const errors: unknown[] = [];
  visitor.on('error', (e) => errors.push(e));
  agent.on('error', (e) => errors.push(e));
  const note = (body: string) => agent.send(conversationId, body, { kind: 'note' }).ack;

  try {
    const subscribed = Promise.all(
      [agent, visitor].map((c) =>
        until(c, 'subscribed', (s) => s.conversationId === conversationId),
      ),
    );
    agent.subscribe(conversationId, 0);
    visitor.subscribe(conversationId, 0);
    agent.connect();
    visitor.connect();
    await subscribed;

    await visitor.send(conversationId, 'Where is my refund?').ack;
    expect((await note('secret: refund approved')).seq).toBe(2);
    await agent.send(conversationId, 'It is on its way').ack;
    await messagesUntil(visitor, () => seen.visitor.length === 2);

    // The visitor's connection dies; meanwhile two notes, a reply, and a note again.
    const lost = until(visitor, 'state', (s) => s.state === 'reconnecting');
    proxy.refuse(true);
    proxy.cut();
    await lost;
    await note('secret: call them back');
    await note('secret: VIP');
    await agent.send(conversationId, 'Refund sent: 3 to 5 days').ack;
    await note('secret: done');
    const resumed = until(visitor, 'subscribed', (s) => s.conversationId === conversationId);
    proxy.refuse(false);
    await resumed;
    await messagesUntil(visitor, () => seen.visitor.length === 3);
    // The visitor writes on: its message follows the reply, over the last note. (The inbox
    // event comes once the server is done with it, after the echo that settles the send.)
    const recorded = until(agent, 'conversation', (c) => c.conversation.lastSeq === 8);
    expect((await visitor.send(conversationId, 'Thanks!').ack).seq).toBe(8);
    await recorded;
    await messagesUntil(visitor, () => seen.visitor.length === 4);
    await messagesUntil(agent, () => seen.agent.length === 8);

    expect(seen.visitor.map((m) => [m.seq, m.prevSeq])).toEqual([
      [1, undefined],
      [3, 1],
      [6, 3],
      [8, 6],
    ]);
    expect(JSON.stringify(seen.visitor)).not.toContain('secret');
    expect(seen.agent.map((m) => m.kind ?? 'message')).toEqual([
      'message',
      'note',
      'message',
      'note',
      'note',
      'message',
      'note',
      'message',
    ]);
    expect(fills).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    visitor.close();
    agent.close();
  }
});
