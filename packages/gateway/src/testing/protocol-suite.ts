import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { CloseCode, limits, type ServerFrameOf, SUBPROTOCOL } from '@flc/protocol';
import {
  bearer,
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  pixelPng,
  restClient,
  TestClient,
  upgradeHeaders,
  uploadFile,
  type Visitor,
} from '@flc/testkit';
import { availabilityProtocolTests } from './availability-suite.ts';
import { notesProtocolTests } from './notes-suite.ts';
import { signToken, tokenClaims } from './tokens.ts';

/** A running platform whose realtime transport the protocol suite drives from outside. */
export interface ProtocolTarget {
  /** The REST API's base URL (tenants, tokens and conversations are made through it). */
  api: string;
  /** The WebSocket endpoint under test, `ws://host:port/v1/ws`. */
  ws: string;
  /** The secret tokens are signed with, to make expired and soon-expiring ones. */
  jwtSecret: string;
  /** Stops the realtime transport as an operator would (SIGTERM or stop()). */
  stopRealtime(): Promise<void>;
  /** Stops whatever is left. */
  stop(): Promise<void>;
}

/**
 * The realtime protocol (docs/PROTOCOL.md) checked black-box, against the real
 * composition: tokens from the API, tenancy from the database, the product's bus. Every
 * transport (uWebSockets.js nodes, Bun.serve in the standalone profile) runs it unchanged.
 */
export function describeProtocol(name: string, start: () => Promise<ProtocolTarget>) {
  describe(`realtime protocol: ${name}`, () => {
    let target: ProtocolTarget;
    let tenant: ChatTenant;
    /** The tenant's visitor the tests connect as. */
    let guest: Visitor;
    const clients: TestClient[] = [];
    const call = restClient(() => target.api);

    beforeAll(async () => {
      target = await start();
      tenant = await chatTenant(call, { name: 'Protocol Co' });
      guest = await bootVisitor(call, tenant);
    }, 120_000);
    afterAll(async () => {
      for (const c of clients) c.close();
      await target.stop();
    }, 30_000);

    const connect = async (token: string, options?: Parameters<typeof TestClient.connect>[1]) => {
      const client = await TestClient.connect(`${target.ws}?token=${token}`, options);
      clients.push(client);
      await client.next('ready');
      return client;
    };
    const newConversation = async (visitor = guest): Promise<string> =>
      (await openConversation(call, visitor)).id;
    /** A visitor and an agent, both following a fresh conversation. */
    const pair = async () => {
      const conversationId = await newConversation();
      const visitor = await connect(guest.sessionToken);
      const agent = await connect(tenant.owner.accessToken);
      visitor.send({ t: 'subscribe', conversationId });
      agent.send({ t: 'subscribe', conversationId });
      await Promise.all([
        visitor.next('subscribed', (f) => f.conversationId === conversationId),
        agent.next('subscribed', (f) => f.conversationId === conversationId),
      ]);
      return { conversationId, visitor, agent };
    };
    notesProtocolTests(() => ({ call, tenant, connect }));
    availabilityProtocolTests(() => ({ call, connect }));

    const upgrade = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${target.ws.replace('ws://', 'http://')}${query}`, {
        headers: { ...upgradeHeaders, ...headers },
      });

    test('ready names the principal, the session and the heartbeat; flc.v1 is agreed', async () => {
      const client = await TestClient.connect(`${target.ws}?token=${tenant.owner.accessToken}`, {
        protocols: [SUBPROTOCOL],
      });
      clients.push(client);
      const ready = await client.next('ready');
      expect(ready.principal.type).toBe('agent');
      expect(ready.sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(ready.heartbeatMs).toBe(limits.heartbeatMs);
      expect(client.ws.protocol).toBe(SUBPROTOCOL);
    });

    test('a missing, forged or expired token is refused with 401 before the upgrade', async () => {
      const expired = await signToken(target.jwtSecret, {
        ...tokenClaims(guest.sessionToken),
        exp: Math.floor(Date.now() / 1000) - 10,
      });
      for (const query of ['', '?token=forged', `?token=${expired}`]) {
        const res = await upgrade(query);
        expect(res.status).toBe(401);
        expect((await res.json()).error.code).toBe('unauthorized');
      }
    });

    test("a visitor's page Origin must be one the environment allows", async () => {
      const origins = ['https://shop.example'];
      const env = await call(
        'PATCH',
        `/v1/environments/${tenant.env.id}`,
        { allowedOrigins: origins },
        tenant.ownerAuth,
      );
      expect(env.status).toBe(200);
      try {
        const refused = await TestClient.connect(`${target.ws}?token=${guest.sessionToken}`, {
          headers: { origin: 'https://evil.example' },
        });
        expect(await refused.waitClose()).toEqual({
          code: CloseCode.forbidden,
          reason: 'origin not allowed',
        });
        expect(refused.frames).toEqual([]);
        const ok = await connect(guest.sessionToken, {
          headers: { origin: 'https://shop.example' },
        });
        expect((await ok.next('ready')).principal.type).toBe('visitor');
        // Agents use the console, wherever it is served from.
        await connect(tenant.owner.accessToken, { headers: { origin: 'https://evil.example' } });
      } finally {
        await call(
          'PATCH',
          `/v1/environments/${tenant.env.id}`,
          { allowedOrigins: [] },
          tenant.ownerAuth,
        );
      }
    });

    test('send is acked with the next seq and delivered once; a repeated cid creates nothing', async () => {
      const { conversationId, visitor, agent } = await pair();
      visitor.send({ t: 'send', cid: 'c-1', conversationId, body: 'Hello' });
      const ack = await visitor.next('ack', (a) => a.cid === 'c-1');
      expect(ack).toMatchObject({ conversationId, seq: 1 });
      const message = await agent.next('message', (m) => m.conversationId === conversationId);
      expect(message).toMatchObject({
        id: ack.id,
        seq: 1,
        body: 'Hello',
        cid: 'c-1',
        sender: { type: 'visitor' },
        createdAt: ack.createdAt,
      });

      visitor.send({ t: 'send', cid: 'c-1', conversationId, body: 'Hello again?' });
      visitor.send({ t: 'send', cid: 'c-2', conversationId, body: 'Second' });
      await visitor.next('ack', (a) => a.cid === 'c-2');
      const acks = visitor.frames.filter((f) => f.t === 'ack' && f.cid === 'c-1');
      expect(acks).toHaveLength(2);
      expect(acks[1]).toEqual(acks[0] as (typeof acks)[number]);
      await agent.next('message', (m) => m.conversationId === conversationId && m.seq === 2);
      const seen = agent.frames.filter(
        (f) => f.t === 'message' && f.conversationId === conversationId,
      );
      expect(seen.map((m) => (m.t === 'message' ? [m.seq, m.body] : []))).toEqual([
        [1, 'Hello'],
        [2, 'Second'],
      ]);
    });

    test('a send of files alone has an empty body: acked, delivered, and resumed', async () => {
      // A tenant of its own: the shared visitor's open conversations and the owner's socket
      // opens per minute are budgets the other tests spend.
      const own = await chatTenant(call, { name: 'Files Co' });
      const visitorOf = await bootVisitor(call, own);
      const conversationId = await newConversation(visitorOf);
      const uploaded = await uploadFile(
        call,
        `/v1/widget/conversations/${conversationId}/attachments`,
        bearer(visitorOf.sessionToken),
        pixelPng,
        'screen.png',
      );
      expect(uploaded.status).toBe(201);
      const { id } = uploaded.body as { id: string };
      const visitor = await connect(visitorOf.sessionToken);
      const agent = await connect(own.owner.accessToken);
      agent.send({ t: 'subscribe', conversationId });
      await agent.next('subscribed', (f) => f.conversationId === conversationId);
      visitor.send({ t: 'send', cid: 'files', conversationId, body: '', attachments: [id] });
      expect(await visitor.next('ack', (a) => a.cid === 'files')).toMatchObject({ seq: 1 });
      const live = await agent.next('message', (m) => m.conversationId === conversationId);
      expect(live).toMatchObject({
        seq: 1,
        body: '',
        attachments: [{ id, fileName: 'screen.png' }],
      });
      const again = await connect(own.owner.accessToken);
      again.send({ t: 'subscribe', conversationId, afterSeq: 0 });
      const resumed = await again.next('message', (m) => m.conversationId === conversationId);
      expect(resumed).toMatchObject({ seq: 1, body: '', attachments: [{ id }] });
    });

    test("one socket's sends keep their order", async () => {
      const { conversationId, visitor, agent } = await pair();
      for (let i = 1; i <= 30; i++) {
        visitor.send({ t: 'send', cid: `o-${i}`, conversationId, body: `#${i}` });
      }
      await agent.next('message', (m) => m.conversationId === conversationId && m.seq === 30);
      const bodies = agent.frames.flatMap((f) =>
        f.t === 'message' && f.conversationId === conversationId ? [f.body] : [],
      );
      expect(bodies).toEqual(Array.from({ length: 30 }, (_, i) => `#${i + 1}`));
    });

    test('subscribe with afterSeq backfills every later message once, in order, then goes live', async () => {
      const { conversationId, visitor } = await pair();
      for (let i = 1; i <= 5; i++) {
        visitor.send({ t: 'send', cid: `b-${i}`, conversationId, body: `m${i}` });
      }
      await visitor.next('ack', (a) => a.cid === 'b-5');
      const late = await connect(tenant.owner.accessToken);
      late.send({ t: 'subscribe', conversationId, afterSeq: 2 });
      const subscribed = await late.next('subscribed', (f) => f.conversationId === conversationId);
      expect(subscribed.headSeq).toBe(5);
      visitor.send({ t: 'send', cid: 'b-6', conversationId, body: 'm6' });
      await late.next('message', (m) => m.conversationId === conversationId && m.seq === 6);
      const seqs = late.frames.flatMap((f) =>
        f.t === 'message' && f.conversationId === conversationId ? [f.seq] : [],
      );
      expect(seqs).toEqual([3, 4, 5, 6]);
    });

    test('unsubscribe stops delivery of that conversation', async () => {
      const { conversationId, visitor, agent } = await pair();
      agent.send({ t: 'unsubscribe', conversationId });
      agent.send({ t: 'ping', ts: 1 });
      await agent.next('pong', (p) => p.ts === 1);
      visitor.send({ t: 'send', cid: 'u-1', conversationId, body: 'anyone?' });
      await visitor.next('ack', (a) => a.cid === 'u-1');
      // The inbox event for the message comes after the message itself on every node.
      await agent.next(
        'conversation',
        (c) => c.event === 'message' && c.conversation.id === conversationId,
      );
      expect(
        agent.frames.some((f) => f.t === 'message' && f.conversationId === conversationId),
      ).toBe(false);
    });

    test('typing goes to the others only; read is relayed and stored', async () => {
      const { conversationId, visitor, agent } = await pair();
      visitor.send({ t: 'typing', conversationId, on: true });
      const typing = await agent.next('typing', (f) => f.conversationId === conversationId);
      expect(typing).toMatchObject({ on: true, sender: { type: 'visitor' } });
      visitor.send({ t: 'ping', ts: 2 });
      await visitor.next('pong', (p) => p.ts === 2);
      expect(visitor.frames.some((f) => f.t === 'typing')).toBe(false);

      visitor.send({ t: 'send', cid: 'r-1', conversationId, body: 'read me' });
      await agent.next('message', (m) => m.conversationId === conversationId);
      agent.send({ t: 'read', conversationId, seq: 1 });
      const read = await visitor.next('read', (f) => f.conversationId === conversationId);
      expect(read).toMatchObject({ seq: 1, reader: { type: 'agent' } });
      // The team's unread count moved: every agent's inbox hears it (as `updated`, or in the
      // newer `message` event the window of coalesced events ends with).
      await agent.next(
        'conversation',
        (c) => c.conversation.id === conversationId && c.conversation.unread === 0,
      );
      // The visitor's read is what the console shows as "Seen".
      visitor.send({ t: 'read', conversationId, seq: 1 });
      await agent.next(
        'read',
        (f) => f.conversationId === conversationId && f.reader.type === 'visitor',
      );
      const seen = await call(
        'GET',
        `/v1/conversations/${conversationId}`,
        undefined,
        tenant.ownerAuth,
      );
      expect(seen.body.visitorReadSeq).toBe(1);
      const stored = await call(
        'GET',
        `/v1/conversations/${conversationId}`,
        undefined,
        tenant.ownerAuth,
      );
      expect(stored.body.unread).toBe(0);
    });

    test('agents get inbox events: created, message, updated', async () => {
      const agent = await connect(tenant.owner.accessToken);
      const conversationId = await newConversation();
      await agent.next(
        'conversation',
        (c) => c.event === 'created' && c.conversation.id === conversationId,
      );
      const visitor = await connect(guest.sessionToken);
      visitor.send({ t: 'send', cid: 'i-1', conversationId, body: 'news' });
      const event = await agent.next(
        'conversation',
        (c) => c.event === 'message' && c.conversation.id === conversationId,
      );
      expect(event.conversation).toMatchObject({
        unread: 1,
        lastSeq: 1,
        lastMessage: { body: 'news' },
        environmentId: expect.any(String),
      });
      expect(Date.parse(event.conversation.lastActivityAt)).toBeGreaterThan(0);
      await call(
        'PATCH',
        `/v1/conversations/${conversationId}`,
        { status: 'closed' },
        tenant.ownerAuth,
      );
      const updated = await agent.next(
        'conversation',
        (c) => c.event === 'updated' && c.conversation.id === conversationId,
      );
      expect(updated.conversation.status).toBe('closed');
      // Visitors never get the inbox.
      expect(visitor.frames.some((f) => f.t === 'conversation')).toBe(false);
    });

    test('an agent socket narrowed to its own conversations gets those, and the event that takes one away', async () => {
      const everything = await connect(tenant.owner.accessToken);
      const mine = await connect(tenant.owner.accessToken);
      mine.send({ t: 'inbox', filter: { assignee: 'me' } });
      expect((await mine.next('inbox')).filter).toEqual({ assignee: 'me' });
      type Event = ServerFrameOf<'conversation'>;
      /** What `mine` got of `id` once `everything` got the event `where` picks: one publish. */
      const seenBy = async (id: string, where: (f: Event) => boolean) => {
        await everything.next('conversation', (f) => f.conversation.id === id && where(f));
        const ts = Math.random();
        mine.send({ t: 'ping', ts });
        await mine.next('pong', (p) => p.ts === ts);
        return mine.frames.flatMap((f) =>
          f.t === 'conversation' && f.conversation.id === id ? [f.conversation.assigneeId] : [],
        );
      };
      const assign = (id: string, assigneeId: string | null) =>
        call('PATCH', `/v1/conversations/${id}`, { assigneeId }, tenant.ownerAuth);
      const me = tenant.owner.agent.id;

      const visitor = await bootVisitor(call, tenant); // its conversations stay open
      const other = await newConversation(visitor);
      expect(await seenBy(other, () => true)).toEqual([]);
      const ours = await newConversation(visitor);
      await assign(ours, me);
      expect(await seenBy(ours, (f) => f.conversation.assigneeId === me)).toEqual([me]);
      // Unassigned: the event that takes it out of the view still comes, then nothing more.
      await assign(ours, null);
      const unassigned = (f: Event) => f.event === 'updated' && f.conversation.assigneeId === null;
      expect(await seenBy(ours, unassigned)).toEqual([me, null]);
      await call('PATCH', `/v1/conversations/${ours}`, { status: 'closed' }, tenant.ownerAuth);
      expect(await seenBy(ours, (f) => f.conversation.status === 'closed')).toEqual([me, null]);

      // Widened again, it gets every conversation's events.
      mine.send({ t: 'inbox', filter: null });
      expect((await mine.next('inbox', (f) => f.filter === null)).filter).toBeNull();
      const later = await newConversation(visitor);
      expect(await seenBy(later, () => true)).toEqual([null]);
    });

    test('ping is answered by pong with the same ts', async () => {
      const client = await connect(guest.sessionToken);
      client.send({ t: 'ping', ts: 12345 });
      expect((await client.next('pong')).ts).toBe(12345);
      client.send({ t: 'ping' });
      await client.next('pong', (p) => p.ts === undefined);
    });

    test('bad frames get bad_frame and the socket keeps serving', async () => {
      const client = await connect(guest.sessionToken);
      const conversationId = await newConversation();
      const cases: [unknown, string | undefined][] = [
        ['not json', undefined],
        ['[1,2]', undefined],
        [{ t: 'launch' }, 'launch'],
        [{ t: 'send', conversationId, body: 'no cid' }, 'send'],
        [{ t: 'send', cid: 'x', conversationId, body: 'y'.repeat(limits.maxBodyChars + 1) }, 'x'],
        [{ t: 'subscribe', conversationId, afterSeq: -1 }, 'subscribe'],
        [{ t: 'typing', conversationId }, 'typing'],
        // Text that cannot be stored is refused before it is numbered: no seq is taken.
        [{ t: 'send', cid: 'nul', conversationId, body: 'a\u0000b' }, 'nul'],
        [{ t: 'send', cid: 'half', conversationId, body: 'x\ud800' }, 'half'],
        // Neither text nor files is no message (an empty body goes only with attachments).
        [{ t: 'send', cid: 'empty', conversationId, body: '' }, 'empty'],
        [{ t: 'subscribe', conversationId, afterSeq: 2 ** 31 }, 'subscribe'],
        [{ t: 'read', conversationId, seq: 1e20 }, 'read'],
      ];
      for (const [frame, ref] of cases) {
        const before = client.frames.length;
        client.send(frame);
        const error = await client.next('error', (e) => client.frames.indexOf(e) >= before);
        expect(error.code).toBe('bad_frame');
        if (ref !== undefined) expect(error.ref).toBe(ref);
      }
      // A conversation id that is not an id at all names no conversation.
      client.send({ t: 'send', cid: 'no-id', conversationId: 'not-a-uuid', body: 'x' });
      expect((await client.next('error', (e) => e.ref === 'no-id')).code).toBe('not_found');
      client.send({ t: 'send', cid: 'still-here', conversationId, body: 'fine' });
      expect((await client.next('ack', (a) => a.cid === 'still-here')).seq).toBe(1);
      expect(client.closed).toBeNull();
    });

    test('a frame over 16 KiB closes that socket with 1009; everyone else is served', async () => {
      const { conversationId, visitor, agent } = await pair();
      const big = await connect(guest.sessionToken);
      big.send({ t: 'ping', pad: 'x'.repeat(20 * 1024) });
      expect((await big.waitClose()).code).toBe(CloseCode.tooLarge);
      visitor.send({ t: 'send', cid: 'after-big', conversationId, body: 'still up' });
      expect((await agent.next('message', (m) => m.conversationId === conversationId)).body).toBe(
        'still up',
      );
    });

    test("another tenant's or another visitor's conversation is not_found", async () => {
      const other = await chatTenant(call, { name: 'Other Co' });
      const foreign = await newConversation(await bootVisitor(call, other));
      const neighbour = await newConversation(await bootVisitor(call, tenant));
      const visitor = await connect(guest.sessionToken);
      const agent = await connect(tenant.owner.accessToken);
      for (const [client, conversationId] of [
        [agent, foreign],
        [visitor, foreign],
        [visitor, neighbour],
      ] as const) {
        client.send({ t: 'send', cid: `f-${conversationId}`, conversationId, body: 'hi' });
        client.send({ t: 'subscribe', conversationId });
        client.send({ t: 'typing', conversationId, on: true });
        for (const ref of [`f-${conversationId}`, 'subscribe', 'typing']) {
          const error = await client.next('error', (e) => e.ref === ref && e.code === 'not_found');
          client.frames.splice(client.frames.indexOf(error), 1);
        }
      }
      // Nothing was written to the other conversations.
      const history = await call(
        'GET',
        `/v1/conversations/${foreign}/messages`,
        undefined,
        other.ownerAuth,
      );
      expect(history.body.items).toEqual([]);
    });

    test('a flood is answered rate_limited, then closed with 4008; others are served', async () => {
      const { conversationId, visitor, agent } = await pair();
      const flooder = await connect(guest.sessionToken);
      for (let i = 0; i < 400; i++) flooder.send({ t: 'ping', ts: i });
      const limited = await flooder.next('error', (e) => e.code === 'rate_limited');
      expect(limited.ref).toBeUndefined();
      expect((await flooder.waitClose()).code).toBe(CloseCode.policy);
      visitor.send({ t: 'send', cid: 'after-flood', conversationId, body: 'calm' });
      expect((await agent.next('message', (m) => m.conversationId === conversationId)).body).toBe(
        'calm',
      );
    });

    test('a socket whose token expires is closed with 4001', async () => {
      const soon = await signToken(target.jwtSecret, {
        ...tokenClaims(guest.sessionToken),
        exp: Math.floor(Date.now() / 1000) + 2,
      });
      const client = await connect(soon);
      expect((await client.waitClose(6000)).code).toBe(CloseCode.unauthorized);
    });

    test('a disabled or removed agent loses its open sockets at once (4001)', async () => {
      for (const how of ['disable', 'remove'] as const) {
        const invited = await call(
          'POST',
          '/v1/agents',
          { email: `bo-${crypto.randomUUID()}@example.com`, name: 'Bo', role: 'agent' },
          tenant.ownerAuth,
        );
        expect(invited.status).toBe(201);
        const joined = await call('POST', '/v1/auth/accept-invite', {
          token: invited.body.inviteToken,
          password: 'a long enough password',
          name: 'Bo',
        });
        expect(joined.status).toBe(200);
        const bo = await connect(joined.body.accessToken);
        const conversationId = await newConversation();
        bo.send({ t: 'subscribe', conversationId });
        await bo.next('subscribed');
        const id = joined.body.agent.id;
        const revoked =
          how === 'disable'
            ? await call('PATCH', `/v1/agents/${id}`, { status: 'disabled' }, tenant.ownerAuth)
            : await call('DELETE', `/v1/agents/${id}`, undefined, tenant.ownerAuth);
        expect(revoked.status).toBeLessThan(300);
        const closed = await bo.waitClose(2_000);
        expect(closed).toEqual({ code: CloseCode.unauthorized, reason: 'access revoked' });
        // The token still verifies (signature, expiry), so the upgrade happens; the socket is
        // closed before `ready`, with no frame at all.
        const again = await TestClient.connect(`${target.ws}?token=${joined.body.accessToken}`);
        expect(await again.waitClose()).toEqual({
          code: CloseCode.unauthorized,
          reason: 'access revoked',
        });
        expect(again.frames).toEqual([]);
      }
    });

    test("deleting an environment closes its visitors' sockets (4001)", async () => {
      const env = await call('POST', '/v1/environments', { name: 'Doomed' }, tenant.ownerAuth);
      const boot = await call(
        'POST',
        '/v1/widget/boot',
        {},
        { 'x-plugin-key': env.body.pluginKey },
      );
      const visitor = await connect(boot.body.sessionToken);
      // Another environment's visitor stays.
      const other = await connect(guest.sessionToken);
      const removed = await call(
        'DELETE',
        `/v1/environments/${env.body.id}`,
        undefined,
        tenant.ownerAuth,
      );
      expect(removed.status).toBeLessThan(300);
      expect(await visitor.waitClose(2_000)).toEqual({
        code: CloseCode.unauthorized,
        reason: 'access revoked',
      });
      other.send({ t: 'ping', ts: 1 });
      expect((await other.next('pong')).ts).toBe(1);
    });

    test('stopping the transport tells every client to reconnect elsewhere (1012)', async () => {
      const visitor = await connect(guest.sessionToken);
      const agent = await connect(tenant.owner.accessToken);
      await target.stopRealtime();
      expect((await visitor.waitClose()).code).toBe(CloseCode.restarting);
      expect((await agent.waitClose()).code).toBe(CloseCode.restarting);
    });
  });
}
