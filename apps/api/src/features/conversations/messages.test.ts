import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { BusEvent } from '@flc/core';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  type Visitor,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { followInbox } from '../../testing/inbox.ts';

for (const target of databaseTargets()) {
  describe(`inbox messages on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    async function conversation(): Promise<{ tenant: ChatTenant; v: Visitor; id: string }> {
      const tenant = await chatTenant(api.rest);
      const v = await bootVisitor(api.rest, tenant, { profile: { name: 'Ada' } });
      return { tenant, v, id: (await openConversation(api.rest, v)).id };
    }
    const send = (
      who: { token?: string; headers?: Record<string, string> },
      id: string,
      body: unknown,
    ) => api.call('POST', `/v1/conversations/${id}/messages`, { ...who, body });

    test('visitor, agent and bot write into one seq; each is named as its sender', async () => {
      const { tenant, v, id } = await conversation();
      await visitorSays(api.rest, v, id, 'Hi, my order is late');
      const agent = await send({ token: tenant.owner.accessToken }, id, { body: 'Looking' });
      const bot = await send({ headers: tenant.keyHeaders }, id, { body: 'Order #42 shipped' });
      expect(agent.status).toBe(201);
      expect(agent.body).toMatchObject({
        conversationId: id,
        seq: 2,
        body: 'Looking',
        sender: {
          type: 'agent',
          id: tenant.owner.agent.id,
          name: expect.stringMatching(/^Owner \d+$/),
        },
      });
      expect(bot.body).toMatchObject({
        seq: 3,
        sender: { type: 'bot', id: tenant.key.id, name: 'CRM' },
      });
      expect(bot.body.createdAt).toBeString();
      expect(bot.body).not.toHaveProperty('organizationId');

      // Written through to the store, with the bus numbering in step.
      const stored = await api.deps.messageStore.range(tenant.owner.organization.id, id, {
        limit: 10,
      });
      expect(stored.map((m) => [m.seq, m.sender.type])).toEqual([
        [1, 'visitor'],
        [2, 'agent'],
        [3, 'bot'],
      ]);
      expect(await api.deps.bus.headSeq(id)).toBe(3);
      const conv = await api.call('GET', `/v1/conversations/${id}`, { headers: tenant.keyHeaders });
      // The team's own messages count as read by the team.
      expect(conv.body).toMatchObject({
        lastSeq: 3,
        unread: 0,
        lastMessage: { seq: 3, body: 'Order #42 shipped', sender: { type: 'bot' } },
      });
    });

    test('history by seq: afterSeq, beforeSeq, limit, ascending, with hasMore', async () => {
      const { tenant, v, id } = await conversation();
      for (let i = 1; i <= 7; i++) await visitorSays(api.rest, v, id, `m${i}`);
      const read = async (query: string) => {
        const res = await api.call('GET', `/v1/conversations/${id}/messages${query}`, {
          token: tenant.owner.accessToken,
        });
        expect(res.status).toBe(200);
        return [res.body.items.map((m: { seq: number }) => m.seq), res.body.hasMore];
      };
      expect(await read('')).toEqual([[1, 2, 3, 4, 5, 6, 7], false]);
      expect(await read('?limit=3')).toEqual([[1, 2, 3], true]);
      expect(await read('?afterSeq=3&limit=3')).toEqual([[4, 5, 6], true]);
      expect(await read('?afterSeq=4')).toEqual([[5, 6, 7], false]);
      expect(await read('?beforeSeq=8&limit=2')).toEqual([[6, 7], true]);
      expect(await read('?beforeSeq=3&limit=2')).toEqual([[1, 2], false]);
      expect(await read('?afterSeq=2&beforeSeq=6')).toEqual([[3, 4, 5], false]);
      expect(await read('?afterSeq=7')).toEqual([[], false]);
    });

    test('a repeated cid returns the first message and stores nothing new', async () => {
      const { tenant, id } = await conversation();
      const token = tenant.owner.accessToken;
      const events = await followInbox(api, tenant.owner.organization.id);
      const first = await send({ token }, id, { body: 'Once', cid: 'client-1' });
      const again = await send({ token }, id, { body: 'Once, retried', cid: 'client-1' });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      const racing = await Promise.all(
        Array.from({ length: 5 }, () => send({ token }, id, { body: 'Race', cid: 'client-2' })),
      );
      expect(new Set(racing.map((r) => r.body.id)).size).toBe(1);
      expect(racing.every((r) => r.status === 201 && r.body.seq === 2)).toBe(true);
      // A cid is per conversation: the same one elsewhere is a new message.
      const elsewhere = await conversation();
      const other = await send({ headers: elsewhere.tenant.keyHeaders }, elsewhere.id, {
        body: 'Once',
        cid: 'client-1',
      });
      expect(other.body.seq).toBe(1);
      expect(other.body.id).not.toBe(first.body.id);

      const [row] = await api.deps.db.sql`
        select count(*)::int as n from messages where conversation_id = ${id}`;
      expect(row?.n).toBe(2);
      const history = await api.call('GET', `/v1/conversations/${id}/messages`, { token });
      expect(history.body.items.map((m: { body: string }) => m.body)).toEqual(['Once', 'Race']);
      // One inbox event per message, none for the retries.
      const frames = await events.until(2);
      expect(frames.map((f) => f.event)).toEqual(['message', 'message']);
      await send({ token }, id, { body: 'Third' });
      await events.until(3);
      expect(events.frames).toHaveLength(3);
      events.stop();
    });

    test('a message reaches the conversation topic as its wire frame', async () => {
      const { tenant, id } = await conversation();
      const events: BusEvent[] = [];
      let delivered = () => {};
      const stop = await api.deps.bus.subscribe(
        { kind: 'conversation', organizationId: tenant.owner.organization.id, conversationId: id },
        (event) => {
          events.push(event);
          delivered();
        },
      );
      const arrived = new Promise<void>((resolve) => (delivered = resolve));
      const sent = await send({ token: tenant.owner.accessToken }, id, { body: 'Live', cid: 'c' });
      await arrived;
      stop();
      const [event] = events;
      expect(event?.type).toBe('message');
      expect(JSON.parse(event?.type === 'message' ? event.frame : '')).toEqual({
        t: 'message',
        ...sent.body,
      });
    });

    test('bodies of 1 to 4,000 characters; anything else is 422 with details', async () => {
      const { tenant, id } = await conversation();
      const token = tenant.owner.accessToken;
      const cases: [unknown, string][] = [
        // Empty text goes only with files: refused by the append path, which knows of them.
        [{ body: '' }, 'body'],
        [{ body: 'x'.repeat(4001) }, 'body.body'],
        [{}, 'body.body'],
        [{ body: 42 }, 'body.body'],
        [{ body: 'ok', cid: 'c'.repeat(65) }, 'body.cid'],
      ];
      for (const [body, path] of cases) {
        const res = await send({ token }, id, body);
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 422,
          code: 'validation',
        });
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
      const bad = await send({ token }, 'not-a-uuid', { body: 'x' });
      expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('params.id');
      const longest = await send({ token }, id, { body: 'é'.repeat(4000) });
      expect(longest.status).toBe(201);
      expect(longest.body.seq).toBe(1);
    });
  });
}
