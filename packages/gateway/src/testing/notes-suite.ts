import { expect, test } from 'bun:test';
import {
  bootVisitor,
  type ChatTenant,
  openConversation,
  type Rest,
  type TestClient,
  type Visitor,
} from '@flc/testkit';

/** What the protocol suite shares with these tests: its platform, tenant and sockets. */
export interface NotesContext {
  call: Rest;
  tenant: ChatTenant;
  connect(token: string): Promise<TestClient>;
}

/** A visitor of its own (visitors hold few open conversations) and an agent, both following. */
async function pair({ call, tenant, connect }: NotesContext) {
  const guest = await bootVisitor(call, tenant);
  const conversationId = (await openConversation(call, guest)).id;
  const visitor = await connect(guest.sessionToken);
  const agent = await connect(tenant.owner.accessToken);
  for (const client of [visitor, agent]) {
    client.send({ t: 'subscribe', conversationId });
    await client.next('subscribed', (f) => f.conversationId === conversationId);
  }
  return { guest, conversationId, visitor, agent };
}

const bodies = (client: TestClient, conversationId: string) =>
  client.frames.flatMap((f) =>
    f.t === 'message' && f.conversationId === conversationId ? [f.body] : [],
  );

/** Waits until every frame sent to `client` before now has arrived. */
async function settle(client: TestClient, ts: number): Promise<void> {
  client.send({ t: 'ping', ts });
  await client.next('pong', (p) => p.ts === ts);
}

/**
 * Private notes and mentions on the socket (docs/PROTOCOL.md, "Private notes and mentions"), on
 * the same running platform as the rest of the protocol suite: notes reach agents' sockets and
 * never a visitor's, live or in a backfill; a visitor's next message chains over them with
 * `prevSeq`; a mention reaches its agent's sockets only.
 */
export function notesProtocolTests(context: () => NotesContext) {
  test("a note reaches agents' sockets, never the visitor's; the next message chains over it", async () => {
    const { conversationId, visitor, agent } = await pair(context());
    visitor.send({ t: 'send', cid: 'nv-1', conversationId, body: 'Where is my parcel?' });
    await visitor.next('ack', (a) => a.cid === 'nv-1');
    agent.send({ t: 'send', cid: 'nn-2', conversationId, body: 'secret: lost', kind: 'note' });
    const ack = await agent.next('ack', (a) => a.cid === 'nn-2');
    expect(ack.seq).toBe(2);
    const note = await agent.next(
      'message',
      (m) => m.conversationId === conversationId && m.seq === 2,
    );
    expect(note).toMatchObject({ kind: 'note', body: 'secret: lost', sender: { type: 'agent' } });
    agent.send({ t: 'send', cid: 'nm-3', conversationId, body: 'We are sending a new one' });
    const reply = await visitor.next(
      'message',
      (m) => m.conversationId === conversationId && m.seq === 3,
    );
    expect(reply).toMatchObject({ prevSeq: 1, body: 'We are sending a new one' });
    expect(reply).not.toHaveProperty('kind');
    await settle(visitor, 31);
    expect(bodies(visitor, conversationId)).toEqual([
      'Where is my parcel?',
      'We are sending a new one',
    ]);
    expect(JSON.stringify(visitor.frames)).not.toContain('secret');
  });

  test("a visitor's note is refused with forbidden, and nothing is appended", async () => {
    const { conversationId, visitor, agent } = await pair(context());
    visitor.send({ t: 'send', cid: 'vn-1', conversationId, body: 'sneaky', kind: 'note' });
    const error = await visitor.next('error', (e) => e.ref === 'vn-1');
    expect(error.code).toBe('forbidden');
    visitor.send({ t: 'send', cid: 'vm-1', conversationId, body: 'plain' });
    const ack = await visitor.next('ack', (a) => a.cid === 'vm-1');
    expect(ack.seq).toBe(1);
    await agent.next('message', (m) => m.conversationId === conversationId && m.seq === 1);
    expect(bodies(agent, conversationId)).toEqual(['plain']);
  });

  test('a visitor resumes across notes: the backfill and the head skip them, agents get them all', async () => {
    const { connect, tenant } = context();
    const { guest, conversationId, visitor, agent } = await pair(context());
    const log: [string, boolean][] = [
      ['m1', false],
      ['secret n2', true],
      ['m3', false],
      ['secret n4', true],
    ];
    for (const [body, note] of log) {
      const sender = note ? agent : visitor;
      sender.send({
        t: 'send',
        cid: `r-${body}`,
        conversationId,
        body,
        ...(note && { kind: 'note' }),
      });
      await sender.next('ack', (a) => a.cid === `r-${body}`);
    }
    const again = await connect(guest.sessionToken);
    again.send({ t: 'subscribe', conversationId, afterSeq: 1 });
    const subscribed = await again.next('subscribed', (f) => f.conversationId === conversationId);
    // The visitor's head: its last message that is not a note. Nothing is missing after it.
    expect(subscribed.headSeq).toBe(3);
    const backfill = again.frames.flatMap((f) =>
      f.t === 'message' && f.conversationId === conversationId ? [[f.seq, f.prevSeq]] : [],
    );
    expect(backfill).toEqual([[3, 1]]);
    const teammate = await connect(tenant.owner.accessToken);
    teammate.send({ t: 'subscribe', conversationId, afterSeq: 0 });
    const head = await teammate.next('subscribed', (f) => f.conversationId === conversationId);
    expect(head.headSeq).toBe(4);
    expect(bodies(teammate, conversationId)).toEqual(log.map(([b]) => b));
    expect(JSON.stringify(again.frames)).not.toContain('secret');
  });

  test("a mention reaches the mentioned agent's sockets only, following or not", async () => {
    const { call, connect, tenant } = context();
    const guest: Visitor = await bootVisitor(call, tenant);
    const email = `mentioned-${crypto.randomUUID()}@example.com`;
    const invite = await call(
      'POST',
      '/v1/agents',
      { email, name: 'Mentioned Mel', role: 'agent' },
      tenant.ownerAuth,
    );
    const accepted = await call('POST', '/v1/auth/accept-invite', {
      token: invite.body.inviteToken,
      password: 'a long enough test password',
    });
    expect(accepted.status).toBe(200);
    const handle = invite.body.agent.handle as string;
    const mel = await connect(accepted.body.accessToken);
    const owner = await connect(tenant.owner.accessToken);
    const visitor = await connect(guest.sessionToken);
    const conversationId = (await openConversation(call, guest)).id;
    owner.send({
      t: 'send',
      cid: 'mn-1',
      conversationId,
      body: `@${handle} can you take this?`,
      kind: 'note',
    });
    const ack = await owner.next('ack', (a) => a.cid === 'mn-1');
    const frame = await mel.next('mention', (m) => m.mention.conversationId === conversationId);
    expect(frame).toMatchObject({
      agentId: invite.body.agent.id,
      mention: {
        messageId: ack.id,
        seq: ack.seq,
        author: { type: 'agent', id: tenant.owner.agent.id },
        body: `@${handle} can you take this?`,
        readAt: null,
      },
    });
    const listed = await call('GET', '/v1/me/mentions', undefined, {
      authorization: `Bearer ${accepted.body.accessToken}`,
    });
    expect(listed.body).toMatchObject({ unread: 1, items: [{ id: frame.mention.id }] });
    await settle(owner, 41);
    await settle(visitor, 42);
    expect(owner.frames.some((f) => f.t === 'mention')).toBe(false);
    expect(visitor.frames.some((f) => f.t === 'mention')).toBe(false);
  });
}
