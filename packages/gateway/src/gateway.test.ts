import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { announceRevoked } from '@flc/core';
import { CloseCode, type ServerFrameOf } from '@flc/protocol';
import { createMemoryPresence } from '@flc/storage/presence';
import { TestClient, upgradeHeaders } from '@flc/testkit';
import {
  clients,
  connectTo,
  conv,
  type Harness,
  orgA,
  principals,
  startGateway,
  stopClients,
} from './testing/gateway.ts';
import type { GatewayDeps } from './types.ts';

// The gateway's own logic on the Bun transport and the memory bus. The platform behind it
// (tokens, tenancy, the store) is a small in-test table here; the protocol suite runs the real
// composition.
let h: Harness;
const connect = (who: string) => connectTo(h, who);

describe('gateway on Bun', () => {
  beforeEach(async () => {
    h = await startGateway();
  });
  afterEach(() => stopClients(h));

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
