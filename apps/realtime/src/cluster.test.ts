import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bearer,
  bootVisitor,
  chatTenant,
  openConversation,
  restClient,
  TestClient,
  upgradeHeaders,
} from '@flc/testkit';
import { type Cluster, clusterServices, redisKinds, startCluster } from './testing/cluster.ts';

// The scaled profile on loopback: an API process (Bun) and two realtime nodes (Node +
// uWebSockets.js) sharing one PostgreSQL and one Redis (a server, then a cluster). A visitor on
// node A and an agent on node B talk both ways.
const services = clusterServices();

const SENDS_PER_SECOND = 40;

/** A counter of a node's `/metrics`. */
async function metric(node: string, name: string): Promise<number> {
  const base = node.replace('ws://', 'http://').replace('/v1/ws', '');
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no ${name} in ${base}/metrics`);
  return Number(line.slice(name.length + 1));
}

for (const redis of services ? redisKinds(services) : [])
  describe(`two realtime nodes and an API on ${redis.name}`, () => {
    let cluster: Cluster;
    let api = '';
    let nodeA = '';
    let nodeB = '';

    beforeAll(async () => {
      if (!services) throw new Error('unreachable');
      // A small send budget, so that one organization can spend it from both nodes at once.
      cluster = await startCluster(services, 2, {
        redis: redis.env,
        env: { FLC_ORG_SENDS_PER_SECOND: String(SENDS_PER_SECOND) },
      });
      api = cluster.api;
      [nodeA = '', nodeB = ''] = cluster.nodes;
    }, 120_000);

    afterAll(() => cluster.stop(), 30_000);

    const call = restClient(() => api);

    test('visitor on node A and agent on node B: messages, typing, read and the inbox cross nodes', async () => {
      const tenant = await chatTenant(call, { name: 'Cluster Co' });
      const guest = await bootVisitor(call, tenant);

      const agent = await TestClient.connect(`${nodeB}?token=${tenant.owner.accessToken}`);
      await agent.next('ready');
      const { id: conversationId } = await openConversation(call, guest);
      await agent.next(
        'conversation',
        (c) => c.event === 'created' && c.conversation.id === conversationId,
      );

      const visitor = await TestClient.connect(`${nodeA}?token=${guest.sessionToken}`);
      expect((await visitor.next('ready')).principal.type).toBe('visitor');
      visitor.send({ t: 'subscribe', conversationId, afterSeq: 0 });
      agent.send({ t: 'subscribe', conversationId });
      await Promise.all([visitor.next('subscribed'), agent.next('subscribed')]);

      visitor.send({ t: 'send', cid: 'v-1', conversationId, body: 'Hello from node A' });
      expect((await visitor.next('ack')).seq).toBe(1);
      expect((await agent.next('message', (m) => m.seq === 1)).body).toBe('Hello from node A');
      await agent.next('conversation', (c) => c.event === 'message');

      agent.send({ t: 'send', cid: 'a-1', conversationId, body: 'Hello from node B' });
      expect((await visitor.next('message', (m) => m.seq === 2)).sender.type).toBe('agent');

      visitor.send({ t: 'typing', conversationId, on: true });
      expect((await agent.next('typing')).on).toBe(true);
      agent.send({ t: 'read', conversationId, seq: 1 });
      expect((await visitor.next('read')).seq).toBe(1);

      const history = await call(
        'GET',
        `/v1/conversations/${conversationId}/messages`,
        undefined,
        tenant.ownerAuth,
      );
      expect(history.body.items.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
      visitor.close();
      agent.close();
    }, 30_000);

    test('a label put on through the API reaches the inbox of agents on every node', async () => {
      const tenant = await chatTenant(call, { name: 'Label Cluster Co' });
      const onA = await TestClient.connect(`${nodeA}?token=${tenant.owner.accessToken}`);
      const onB = await TestClient.connect(`${nodeB}?token=${tenant.owner.accessToken}`);
      await Promise.all([onA.next('ready'), onB.next('ready')]);
      const { id: conversationId } = await openConversation(call, await bootVisitor(call, tenant));
      const label = await call(
        'POST',
        '/v1/labels',
        { name: 'Urgent', color: '#dc2626' },
        tenant.ownerAuth,
      );
      const path = `/v1/conversations/${conversationId}/labels/${label.body.id}`;
      expect((await call('PUT', path, undefined, tenant.keyHeaders)).status).toBe(200);
      for (const socket of [onA, onB]) {
        const event = await socket.next(
          'conversation',
          (c) => c.event === 'updated' && c.conversation.id === conversationId,
        );
        expect(event.conversation.labelIds).toEqual([label.body.id]);
      }
      onA.close();
      onB.close();
    }, 30_000);

    test('a node receives no traffic of a conversation none of its sockets follows', async () => {
      const guest = await bootVisitor(call, await chatTenant(call, { name: 'Interest Co' }));
      const { id: busy } = await openConversation(call, guest);
      const { id: quiet } = await openConversation(call, guest);
      // On node A the busy conversation is followed; on node B only the quiet one.
      const onA = await TestClient.connect(`${nodeA}?token=${guest.sessionToken}`);
      const onB = await TestClient.connect(`${nodeB}?token=${guest.sessionToken}`);
      await Promise.all([onA.next('ready'), onB.next('ready')]);
      onA.send({ t: 'subscribe', conversationId: busy });
      onB.send({ t: 'subscribe', conversationId: quiet });
      await Promise.all([onA.next('subscribed'), onB.next('subscribed')]);

      const before = await metric(nodeB, 'flc_bus_received_total');
      const sendsIn = 'flc_frames_in_total{type="send"}';
      const sendsBefore = await metric(nodeA, sendsIn).catch(() => 0);
      const acksBefore = await metric(nodeA, 'flc_send_ack_seconds_count').catch(() => 0);
      const sendsOnB = () => metric(nodeB, sendsIn).catch(() => 0);
      const sendsBeforeB = await sendsOnB();
      for (let i = 1; i <= 30; i++) {
        onA.send({ t: 'send', cid: `busy-${i}`, conversationId: busy, body: `#${i}` });
        await onA.next('ack', (a) => a.cid === `busy-${i}`);
      }
      onA.send({ t: 'typing', conversationId: busy, on: true });
      // Node A got all of it; node B, following something else, got none.
      await onA.next('message', (m) => m.seq === 30);
      expect(await metric(nodeA, 'flc_bus_received_total')).toBeGreaterThanOrEqual(30);
      // Its frames and the append latency its clients saw are counted where they happened.
      expect((await metric(nodeA, sendsIn)) - sendsBefore).toBe(30);
      expect((await metric(nodeA, 'flc_send_ack_seconds_count')) - acksBefore).toBe(30);
      expect((await sendsOnB()) - sendsBeforeB).toBe(0);
      // Something B follows does reach it, through the same Redis, after the busy traffic.
      onA.send({ t: 'send', cid: 'quiet-1', conversationId: quiet, body: 'hi' });
      expect((await onB.next('message')).body).toBe('hi');
      expect((await metric(nodeB, 'flc_bus_received_total')) - before).toBe(1);
      onA.close();
      onB.close();
    }, 30_000);

    test('presence crosses nodes: a teammate on both nodes is offline only once it left both', async () => {
      const { owner, ownerAuth } = await chatTenant(call, { name: 'Presence Co' });
      const invited = await call(
        'POST',
        '/v1/agents',
        { email: `mate-${crypto.randomUUID()}@example.com`, name: 'Mate', role: 'agent' },
        ownerAuth,
      );
      const joined = await call('POST', '/v1/auth/accept-invite', {
        token: invited.body.inviteToken,
        password: 'a long enough password',
        name: 'Mate',
      });
      expect(joined.status).toBe(200);
      const mateId: string = invited.body.agent.id;
      const mateToken: string = joined.body.accessToken;
      const presenceOf = async () => {
        const team = await call('GET', '/v1/agents', undefined, ownerAuth);
        return team.body.items.find((a: { id: string }) => a.id === mateId)?.presence;
      };

      const observer = await TestClient.connect(`${nodeA}?token=${owner.accessToken}`);
      await observer.next('ready');
      expect(await presenceOf()).toBe('offline');
      const onA = await TestClient.connect(`${nodeA}?token=${mateToken}`);
      await onA.next('ready');
      await observer.next('presence', (p) => p.agentId === mateId && p.status === 'online');
      const onB = await TestClient.connect(`${nodeB}?token=${mateToken}`);
      await onB.next('ready');
      expect(await presenceOf()).toBe('online');

      // Away, as chosen through the API, reaches teammates on every node.
      const away = await call('PUT', '/v1/me/presence', { status: 'away' }, bearer(mateToken));
      expect(away.body).toEqual({ status: 'away' });
      await observer.next('presence', (p) => p.agentId === mateId && p.status === 'away');

      onA.close();
      await onA.waitClose();
      // The mate is still connected on node B: not offline.
      observer.send({ t: 'ping', ts: 7 });
      await observer.next('pong', (p) => p.ts === 7);
      expect(await presenceOf()).toBe('away');
      const beforeLeavingB = observer.frames.length;
      onB.close();
      await observer.next('presence', (p) => p.agentId === mateId && p.status === 'offline');
      const firstOffline = observer.frames.findIndex(
        (f) => f.t === 'presence' && f.agentId === mateId && f.status === 'offline',
      );
      expect(firstOffline).toBeGreaterThanOrEqual(beforeLeavingB);
      expect(await presenceOf()).toBe('offline');
      const offline = observer.frames.filter(
        (f) => f.t === 'presence' && f.agentId === mateId && f.status === 'offline',
      );
      expect(offline).toHaveLength(1);
      observer.close();
    }, 30_000);

    test('a visitor on node A hears of the agent coming and going on node B', async () => {
      const tenant = await chatTenant(call, { name: 'Availability Co' });
      const guest = await bootVisitor(call, tenant);
      const visitor = await TestClient.connect(`${nodeA}?token=${guest.sessionToken}`);
      await visitor.next('ready');
      /** The first `availability` frame saying `state` after the socket's first `seen` frames. */
      const next = async (state: string, seen: number) =>
        (
          await visitor.next(
            'availability',
            (f) => visitor.frames.indexOf(f) >= seen && f.availability.state === state,
          )
        ).availability;
      expect(await next('away', 0)).toEqual({ state: 'away' });
      const agent = await TestClient.connect(`${nodeB}?token=${tenant.owner.accessToken}`);
      await agent.next('ready');
      expect(await next('online', 0)).toEqual({ state: 'online' });
      const seen = visitor.frames.length;
      agent.close();
      expect(await next('away', seen)).toEqual({ state: 'away' });
      visitor.close();
    }, 30_000);

    test("an organization's send budget holds across the nodes, not per node", async () => {
      const tenant = await chatTenant(call, { name: 'Budget Co' });
      const guest = await bootVisitor(call, tenant);
      const { id: conversationId } = await openConversation(call, guest);
      const visitor = await TestClient.connect(`${nodeA}?token=${guest.sessionToken}`);
      const agent = await TestClient.connect(`${nodeB}?token=${tenant.owner.accessToken}`);
      await Promise.all([visitor.next('ready'), agent.next('ready')]);
      // Each sends the whole budget at once, from its own node.
      const cids = Array.from({ length: SENDS_PER_SECOND }, (_, i) => i);
      for (const i of cids) {
        visitor.send({ t: 'send', cid: `v-${i}`, conversationId, body: `v ${i}` });
        agent.send({ t: 'send', cid: `a-${i}`, conversationId, body: `a ${i}` });
      }
      const answered = (client: TestClient, cid: string) =>
        Promise.race([
          client.next('ack', (a) => a.cid === cid, 10_000),
          client.next('error', (e) => e.ref === cid, 10_000),
        ]);
      await Promise.all(
        cids.flatMap((i) => [answered(visitor, `v-${i}`), answered(agent, `a-${i}`)]),
      );
      const frames = [...visitor.frames, ...agent.frames];
      const acked = frames.filter((f) => f.t === 'ack').length;
      const refused = frames.filter((f) => f.t === 'error' && f.code === 'rate_limited').length;
      expect(acked + refused).toBe(2 * SENDS_PER_SECOND);
      // The budget, and at most what refilled meanwhile and one lease (a twentieth) per node;
      // two budgets of their own would have taken all forty.
      expect(acked).toBeGreaterThanOrEqual(SENDS_PER_SECOND);
      expect(acked).toBeLessThan(2 * SENDS_PER_SECOND - 5);
      visitor.close();
      agent.close();
    });

    test('a forged token is refused with 401 before the upgrade on a node', async () => {
      const res = await fetch(`${nodeA.replace('ws://', 'http://')}?token=forged`, {
        headers: upgradeHeaders,
      });
      expect(res.status).toBe(401);
    });
  });
