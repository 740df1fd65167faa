import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { announceRevoked, type Bus, type Message } from '@flc/core';
import { CloseCode, type ServerFrameOf } from '@flc/protocol';
import { createMemoryBus } from '@flc/storage/bus';
import { createMemoryPresence } from '@flc/storage/presence';
import { TestClient, upgradeHeaders } from '@flc/testkit';
import { Gateway } from './gateway.ts';
import { bunTransport } from './transports/bun.ts';
import type { GatewayDeps, GatewayLimits, Principal } from './types.ts';

// The gateway's own logic on the Bun transport and the memory bus. The platform behind it
// (tokens, tenancy, the store) is a small in-test table here; the protocol suite runs the real
// composition.
const orgA = '0190f000-0000-7000-8000-00000000000a';
const orgB = '0190f000-0000-7000-8000-00000000000b';
const principals: Record<string, Principal> = {
  agent: {
    type: 'agent',
    id: '0190f000-0000-7000-8000-0000000000a1',
    organizationId: orgA,
    name: 'Ann',
  },
  agent2: { type: 'agent', id: '0190f000-0000-7000-8000-0000000000a2', organizationId: orgA },
  visitor: { type: 'visitor', id: '0190f000-0000-7000-8000-0000000000c1', organizationId: orgA },
  otherVisitor: {
    type: 'visitor',
    id: '0190f000-0000-7000-8000-0000000000c2',
    organizationId: orgA,
  },
  foreignAgent: { type: 'agent', id: '0190f000-0000-7000-8000-0000000000b1', organizationId: orgB },
};
const conv = '0190f000-0000-7000-8000-0000000000f1';
const conversations: Record<string, { organizationId: string; contactId: string }> = {
  [conv]: { organizationId: orgA, contactId: principals.visitor?.id ?? '' },
};

interface Harness {
  url: string;
  gateway: Gateway;
  bus: Bus;
  stored: Message[];
  reads: { principal: string; seq: number }[];
  stop(): Promise<void>;
}

/** A gateway node; nodes given the same `bus` and `presence` play one deployment. */
async function startGateway(
  limits: Partial<GatewayLimits> = {},
  shared: Pick<Partial<GatewayDeps>, 'bus' | 'presence' | 'takeOpen'> = {},
): Promise<Harness> {
  const bus = shared.bus ?? createMemoryBus();
  const stored: Message[] = [];
  const reads: Harness['reads'] = [];
  const deps: GatewayDeps = {
    bus,
    // A test token is a key of `principals`; `revoked` verifies but its subject is gone.
    verify: (token) => {
      const p = token === 'revoked' ? principals.agent : principals[token];
      if (!p) return null;
      const claims = { name: token };
      return p.type === 'agent'
        ? { type: 'agent', id: p.id, claims }
        : { type: 'visitor', id: p.id, environmentId: p.environmentId ?? '', claims };
    },
    resolve: async (subject) => principals[String(subject.claims.name)] ?? null,
    stillValid: async () => true,
    access: async (p, id) => {
      const c = conversations[id];
      if (!c || c.organizationId !== p.organizationId) return null;
      if (p.type === 'visitor' && c.contactId !== p.id) return null;
      return { organizationId: c.organizationId };
    },
    append: async (p, input) => {
      const { message, duplicate } = await bus.append({
        organizationId: p.organizationId,
        conversationId: input.conversationId,
        cid: input.cid,
        sender: { type: p.type, id: p.id },
        body: input.body,
      });
      if (!duplicate) stored.push(message);
      return message;
    },
    history: async (_p, id, afterSeq, limit) =>
      stored.filter((m) => m.conversationId === id && m.seq > afterSeq).slice(0, limit),
    markRead: async (p, _id, seq) => {
      reads.push({ principal: p.id, seq });
    },
    ...(shared.presence && { presence: shared.presence }),
    ...(shared.takeOpen && { takeOpen: shared.takeOpen }),
  };
  const gateway = new Gateway(deps, limits);
  const transport = bunTransport(gateway);
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: (req, srv) => transport.upgrade(req, srv) ?? new Response('not found', { status: 404 }),
    websocket: transport.websocket,
  });
  return {
    url: `ws://127.0.0.1:${server.port}/v1/ws`,
    gateway,
    bus,
    stored,
    reads,
    async stop() {
      gateway.shutdown();
      await server.stop(true);
      if (!shared.bus) await bus.close();
    },
  };
}

let h: Harness;
const clients: TestClient[] = [];
const connect = async (who: string) => {
  const c = await TestClient.connect(`${h.url}?token=${who}`);
  clients.push(c);
  await c.next('ready');
  return c;
};

describe('gateway on Bun', () => {
  beforeEach(async () => {
    h = await startGateway();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await h.stop();
  });

  test('a missing or unknown token is 401 before the upgrade', async () => {
    const base = h.url.replace('ws://', 'http://');
    expect((await fetch(base, { headers: upgradeHeaders })).status).toBe(401);
    expect((await fetch(`${base}?token=forged`, { headers: upgradeHeaders })).status).toBe(401);
  });

  test('ready names the principal', async () => {
    const visitor = await connect('visitor');
    const ready = await visitor.next('ready');
    expect(ready.principal).toEqual({
      type: 'visitor',
      id: principals.visitor?.id ?? '',
      organizationId: orgA,
    });
    expect(ready.heartbeatMs).toBeGreaterThan(0);
  });

  test('send is acked and delivered to subscribers; a repeated cid creates nothing', async () => {
    const visitor = await connect('visitor');
    const agent = await connect('agent');
    agent.send({ t: 'subscribe', conversationId: conv });
    await agent.next('subscribed');
    visitor.send({ t: 'send', cid: 'c-1', conversationId: conv, body: 'hello' });
    const ack = await visitor.next('ack', (a) => a.cid === 'c-1');
    expect(ack.seq).toBe(1);
    const delivered = await agent.next('message', (m) => m.seq === 1);
    expect(delivered).toMatchObject({
      body: 'hello',
      sender: { type: 'visitor' },
      cid: 'c-1',
      id: ack.id,
    });

    visitor.send({ t: 'send', cid: 'c-1', conversationId: conv, body: 'hello' });
    visitor.send({ t: 'send', cid: 'c-2', conversationId: conv, body: 'second' });
    await visitor.next('ack', (a) => a.cid === 'c-2');
    await agent.next('message', (m) => m.seq === 2);
    const acks = visitor.frames.filter((f): f is ServerFrameOf<'ack'> => f.t === 'ack');
    expect(acks.filter((a) => a.cid === 'c-1').map((a) => a.id)).toEqual([ack.id, ack.id]);
    expect(agent.frames.filter((f) => f.t === 'message').length).toBe(2);
    expect(h.stored.length).toBe(2);
  });

  test("one socket's sends are appended in the order it sent them", async () => {
    const visitor = await connect('visitor');
    for (let i = 1; i <= 20; i++)
      visitor.send({ t: 'send', cid: `o-${i}`, conversationId: conv, body: `${i}` });
    await visitor.next('ack', (a) => a.cid === 'o-20');
    const acks = visitor.frames.filter((f): f is ServerFrameOf<'ack'> => f.t === 'ack');
    expect(acks.map((a) => a.cid)).toEqual(Array.from({ length: 20 }, (_, i) => `o-${i + 1}`));
    expect(acks.map((a) => a.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  test('subscribe with afterSeq backfills every later message once, in order, then goes live', async () => {
    const visitor = await connect('visitor');
    for (let i = 1; i <= 5; i++) {
      visitor.send({ t: 'send', cid: `b-${i}`, conversationId: conv, body: `m${i}` });
      await visitor.next('ack', (a) => a.cid === `b-${i}`);
    }
    const agent = await connect('agent');
    agent.send({ t: 'subscribe', conversationId: conv, afterSeq: 2 });
    // Sent while the backfill may be running: delivered exactly once either way.
    visitor.send({ t: 'send', cid: 'b-6', conversationId: conv, body: 'm6' });
    await agent.next('message', (m) => m.seq === 6);
    visitor.send({ t: 'send', cid: 'b-7', conversationId: conv, body: 'm7' });
    await agent.next('message', (m) => m.seq === 7);
    const seqs = agent.frames
      .filter((f) => f.t === 'message')
      .map((f) => (f as ServerFrameOf<'message'>).seq);
    expect(seqs).toEqual([3, 4, 5, 6, 7]);
  });

  test('bad frames get an error and the socket keeps serving', async () => {
    const visitor = await connect('visitor');
    visitor.send('not json');
    expect((await visitor.next('error')).code).toBe('bad_frame');
    visitor.send({ t: 'launch' });
    expect(await visitor.next('error', (e) => e.ref === 'launch')).toMatchObject({
      code: 'bad_frame',
    });
    visitor.send({ t: 'send', cid: 'x-1', conversationId: conv });
    expect(await visitor.next('error', (e) => e.ref === 'x-1')).toMatchObject({
      code: 'bad_frame',
    });
    visitor.send({ t: 'ping', ts: 42 });
    expect((await visitor.next('pong')).ts).toBe(42);
    expect(visitor.closed).toBeNull();
  });

  test('a frame over 16 KiB closes the socket with 1009; others are unaffected', async () => {
    const visitor = await connect('visitor');
    const agent = await connect('agent');
    visitor.send({ t: 'ping', pad: 'x'.repeat(20 * 1024) });
    expect((await visitor.waitClose()).code).toBe(CloseCode.tooLarge);
    agent.send({ t: 'ping', ts: 1 });
    expect((await agent.next('pong')).ts).toBe(1);
  });

  test("other people's conversations are not_found, for visitors and foreign agents", async () => {
    for (const who of ['otherVisitor', 'foreignAgent']) {
      const c = await connect(who);
      c.send({ t: 'subscribe', conversationId: conv });
      expect(await c.next('error')).toMatchObject({ code: 'not_found', ref: 'subscribe' });
      c.send({ t: 'send', cid: 'steal', conversationId: conv, body: 'hi' });
      expect(await c.next('error', (e) => e.ref === 'steal')).toMatchObject({ code: 'not_found' });
    }
    expect(h.stored.length).toBe(0);
  });

  test('typing and read are relayed; read is stored', async () => {
    const visitor = await connect('visitor');
    const agent = await connect('agent');
    agent.send({ t: 'subscribe', conversationId: conv });
    await agent.next('subscribed');
    visitor.send({ t: 'typing', conversationId: conv, on: true });
    expect(await agent.next('typing')).toMatchObject({ on: true, sender: { type: 'visitor' } });
    visitor.send({ t: 'read', conversationId: conv, seq: 0 });
    expect(await agent.next('read')).toMatchObject({ seq: 0, reader: { type: 'visitor' } });
    expect(h.reads).toEqual([{ principal: principals.visitor?.id ?? '', seq: 0 }]);
  });

  test('agents see teammates come online and go offline', async () => {
    const agent = await connect('agent');
    const mate = await connect('agent2');
    expect(await agent.next('presence', (p) => p.agentId === principals.agent2?.id)).toMatchObject({
      status: 'online',
    });
    mate.close();
    expect(await agent.next('presence', (p) => p.status === 'offline')).toMatchObject({
      agentId: principals.agent2?.id ?? '',
    });
  });

  test('with a registry, offline waits for the last node and away is announced as such', async () => {
    const registry = createMemoryPresence();
    const away = new Set<string>();
    const disconnects: boolean[] = [];
    let disconnected = () => {};
    const deps: GatewayDeps['presence'] = {
      registry: {
        ...registry,
        async disconnect(organizationId, agentId) {
          const offline = await registry.disconnect(organizationId, agentId);
          disconnects.push(offline);
          disconnected();
          return offline;
        },
      },
      status: async (id) => (away.has(id) ? 'away' : 'online'),
    };
    const a = await startGateway({}, { presence: deps });
    const b = await startGateway({}, { bus: a.bus, presence: deps });
    try {
      const open = async (node: Harness, who: string) => {
        const c = await TestClient.connect(`${node.url}?token=${who}`);
        clients.push(c);
        await c.next('ready');
        return c;
      };
      const mateId = principals.agent2?.id ?? '';
      away.add(mateId);
      const agent = await open(a, 'agent');
      const mateOnA = await open(a, 'agent2');
      expect(await agent.next('presence', (p) => p.agentId === mateId)).toMatchObject({
        status: 'away',
      });
      const mateOnB = await open(b, 'agent2');
      const leftA = new Promise<void>((resolve) => {
        disconnected = resolve;
      });
      mateOnA.close();
      await leftA;
      expect(disconnects).toEqual([false]);
      // A frame sent after the leave: an offline announced by it would have come first.
      agent.send({ t: 'ping', ts: 1 });
      await agent.next('pong', (p) => p.ts === 1);
      const offline = () =>
        agent.frames.filter((f) => f.t === 'presence' && f.status === 'offline');
      expect(offline()).toHaveLength(0);
      expect(await registry.online(orgA)).toContain(mateId);
      mateOnB.close();
      expect(await agent.next('presence', (p) => p.status === 'offline')).toMatchObject({
        agentId: mateId,
      });
      expect(disconnects).toEqual([false, true]);
      expect(await registry.online(orgA)).not.toContain(mateId);
    } finally {
      await b.stop();
      await a.stop();
    }
  });

  test("an agent socket narrows its inbox with `inbox`; a visitor's is refused, a bad filter too", async () => {
    const narrowed = await connect('agent');
    const everything = await connect('agent2');
    const summary = (id: string, assigneeId: string | null) => ({
      id,
      environmentId: 'env-1',
      teamId: null,
      assigneeId,
    });
    const event = (id: string, assigneeId: string | null) =>
      JSON.stringify({
        t: 'conversation',
        event: 'updated',
        conversation: summary(id, assigneeId),
      });
    narrowed.send({ t: 'inbox', filter: { assignee: 'me' } });
    expect((await narrowed.next('inbox')).filter).toEqual({ assignee: 'me' });
    const topic = { kind: 'organization', organizationId: orgA } as const;
    await h.bus.signal(topic, event('c-other', principals.agent2?.id ?? ''));
    await h.bus.signal(topic, event('c-mine', principals.agent?.id ?? ''));
    await everything.next('conversation', (c) => c.conversation.id === 'c-mine');
    await narrowed.next('conversation', (c) => c.conversation.id === 'c-mine');
    const seen = narrowed.frames.flatMap((f) =>
      f.t === 'conversation' ? [f.conversation.id] : [],
    );
    expect(seen).toEqual(['c-mine']);

    narrowed.send({ t: 'inbox', filter: { assignee: 'someone' } });
    expect((await narrowed.next('error')).code).toBe('bad_frame');
    const visitor = await connect('visitor');
    visitor.send({ t: 'inbox', filter: null });
    expect(await visitor.next('error')).toMatchObject({ code: 'forbidden', ref: 'inbox' });
  });

  test("an organization revoked closes its agents' and visitors' sockets with 4003, no others", async () => {
    const agent = await connect('agent');
    const visitor = await connect('visitor');
    const foreign = await connect('foreignAgent');
    expect(h.gateway.visitorsByOrganization()).toEqual({ [orgA]: 1 });
    await announceRevoked(h.bus, { organizationId: orgA });
    for (const socket of [agent, visitor]) {
      expect(await socket.waitClose()).toEqual({
        code: CloseCode.forbidden,
        reason: 'organization suspended',
      });
    }
    expect(h.gateway.visitorsByOrganization()).toEqual({});
    foreign.send({ t: 'ping', ts: 7 });
    expect((await foreign.next('pong')).ts).toBe(7);
  });

  test('shutdown tells every client to reconnect elsewhere (1012)', async () => {
    const visitor = await connect('visitor');
    h.gateway.shutdown();
    expect((await visitor.waitClose()).code).toBe(CloseCode.restarting);
  });
});

describe('gateway limits', () => {
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await h.stop();
  });

  test('a flood is answered rate_limited, and persistent abuse closes with 4008', async () => {
    h = await startGateway({ framesPerSecond: 1, frameBurst: 5, abuseThreshold: 10 });
    const visitor = await connect('visitor');
    for (let i = 0; i < 30; i++) visitor.send({ t: 'ping', ts: i });
    expect((await visitor.next('error')).code).toBe('rate_limited');
    expect((await visitor.waitClose()).code).toBe(CloseCode.policy);
  });

  test("an organization's sends share one budget on the node; 0 turns it off", async () => {
    h = await startGateway({ organizationSendsPerSecond: 2 });
    const visitor = await connect('visitor');
    const agent = await connect('agent');
    visitor.send({ t: 'send', cid: 'v-1', conversationId: conv, body: 'one' });
    agent.send({ t: 'send', cid: 'a-1', conversationId: conv, body: 'two' });
    agent.send({ t: 'send', cid: 'a-2', conversationId: conv, body: 'three' });
    const refused = await Promise.race([
      visitor.next('error', (e) => e.code === 'rate_limited'),
      agent.next('error', (e) => e.code === 'rate_limited'),
    ]);
    expect(['v-1', 'a-1', 'a-2']).toContain(refused.ref ?? '');
    await h.stop();

    h = await startGateway({ organizationSendsPerSecond: 0 });
    const sender = await connect('visitor');
    for (let i = 1; i <= 30; i++)
      sender.send({ t: 'send', cid: `u-${i}`, conversationId: conv, body: `${i}` });
    await sender.next('ack', (a) => a.cid === 'u-30');
    expect(sender.frames.filter((f) => f.t === 'error')).toEqual([]);
  });

  test('sockets per principal on a node: past the cap the upgrade is 429; a closed one frees a place', async () => {
    h = await startGateway({ maxSocketsPerPrincipal: 2 });
    const base = h.url.replace('ws://', 'http://');
    const first = await connect('visitor');
    await connect('visitor');
    const refused = await fetch(`${base}?token=visitor`, { headers: upgradeHeaders });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('rate_limited');
    await connect('otherVisitor'); // every principal has its own
    first.close();
    await first.waitClose();
    await connect('visitor');
  });

  test('upgrades admitted together cannot overshoot the cap: the extra sockets are closed with 4008', async () => {
    h = await startGateway({ maxSocketsPerPrincipal: 2 });
    const sockets = await Promise.all(
      Array.from({ length: 6 }, () => TestClient.connect(`${h.url}?token=agent`).catch(() => null)),
    );
    const opened = sockets.filter((c): c is TestClient => c !== null);
    clients.push(...opened);
    const closed = await Promise.all(
      opened.map((c) => Promise.race([c.waitClose(), c.next('ready').then(() => null)])),
    );
    expect(closed.filter((c) => c === null)).toHaveLength(2);
    for (const c of closed) if (c) expect(c.code).toBe(CloseCode.policy);
  });

  test('socket opens per principal: past the budget the socket is closed with 4008 before ready', async () => {
    const takes: string[] = [];
    h = await startGateway(
      {},
      {
        takeOpen: async (p) => {
          takes.push(p.id);
          return takes.length > 2 ? 42.5 : 0;
        },
      },
    );
    (await connect('visitor')).close();
    (await connect('visitor')).close();
    const refused = await TestClient.connect(`${h.url}?token=visitor`);
    const close = await refused.waitClose();
    expect(close).toMatchObject({
      code: CloseCode.policy,
      reason: 'too many opens; retry after 43 s',
    });
    expect(refused.frames).toEqual([]);
    // A refused token costs nothing of anyone's budget.
    const base = h.url.replace('ws://', 'http://');
    expect((await fetch(`${base}?token=forged`, { headers: upgradeHeaders })).status).toBe(401);
    expect(takes).toHaveLength(3);
  });

  test('a token whose subject is gone is upgraded, then closed with 4001 before any frame', async () => {
    h = await startGateway();
    const refused = await TestClient.connect(`${h.url}?token=revoked`);
    expect(await refused.waitClose()).toMatchObject({ code: CloseCode.unauthorized });
    expect(refused.frames).toEqual([]);
  });

  test('frames sent before ready are answered after it; a refused socket has none handled', async () => {
    h = await startGateway();
    const early = await TestClient.connect(`${h.url}?token=revoked`);
    early.send({ t: 'send', cid: 'early-1', conversationId: conv, body: 'hi' });
    await early.waitClose();
    expect(h.stored).toEqual([]);
    const visitor = await TestClient.connect(`${h.url}?token=visitor`);
    clients.push(visitor);
    visitor.send({ t: 'send', cid: 'early-2', conversationId: conv, body: 'hi' });
    const ack = await visitor.next('ack');
    expect(visitor.frames[0]?.t).toBe('ready');
    expect(ack.cid).toBe('early-2');
  });
});
