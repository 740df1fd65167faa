import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  type Visitor,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

// Private notes over REST: the team writes them into the one log; the visitor's routes never
// show them, however the history is paged, and the visitor's counts skip them.
for (const target of databaseTargets()) {
  describe(`private notes over REST on ${target.name}`, () => {
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
    const agentSays = (tenant: ChatTenant, id: string, body: string, kind?: 'note') =>
      api.call('POST', `/v1/conversations/${id}/messages`, {
        token: tenant.owner.accessToken,
        body: kind ? { body, kind } : { body },
      });
    const widgetHistory = async (v: Visitor, id: string, query: string) => {
      const res = await api.call('GET', `/v1/widget/conversations/${id}/messages${query}`, {
        token: v.sessionToken,
      });
      expect(res.status).toBe(200);
      return res.body as {
        items: { seq: number; body: string; prevSeq?: number }[];
        hasMore: boolean;
      };
    };
    const widgetConversation = async (v: Visitor) => {
      const res = await api.call('GET', '/v1/widget/conversations', { token: v.sessionToken });
      return res.body.items[0];
    };

    test('agents and API keys write notes into the one seq; agents read them in place', async () => {
      const { tenant, v, id } = await conversation();
      await visitorSays(api.rest, v, id, 'Where is my refund?');
      const note = await agentSays(tenant, id, 'Checking with billing', 'note');
      const bot = await api.call('POST', `/v1/conversations/${id}/messages`, {
        headers: tenant.keyHeaders,
        body: { body: 'CRM: refund issued', kind: 'note' },
      });
      const reply = await agentSays(tenant, id, 'Your refund is on its way');
      expect(note.status).toBe(201);
      expect(note.body).toMatchObject({ seq: 2, kind: 'note', sender: { type: 'agent' } });
      expect(bot.body).toMatchObject({ seq: 3, kind: 'note', sender: { type: 'bot' } });
      // The reply names the visitor's message before it: the notes came between.
      expect(reply.body).toMatchObject({ seq: 4, prevSeq: 1 });
      expect(reply.body).not.toHaveProperty('kind');

      const agent = await api.call('GET', `/v1/conversations/${id}/messages`, {
        token: tenant.owner.accessToken,
      });
      expect(agent.body.items.map((m: { seq: number; kind?: string }) => [m.seq, m.kind])).toEqual([
        [1, undefined],
        [2, 'note'],
        [3, 'note'],
        [4, undefined],
      ]);
      const inbox = await api.call('GET', `/v1/conversations/${id}`, {
        token: tenant.owner.accessToken,
      });
      expect(inbox.body).toMatchObject({ lastSeq: 4, lastMessage: { seq: 4 }, unread: 0 });
    });

    test("the visitor's history never holds a note, and pages fill past them", async () => {
      const { tenant, v, id } = await conversation();
      // 1 m, 2 n, 3 n, 4 m, 5 n, 6 m, 7 m, 8 n
      await visitorSays(api.rest, v, id, 'm1');
      await agentSays(tenant, id, 'secret n2', 'note');
      await agentSays(tenant, id, 'secret n3', 'note');
      await agentSays(tenant, id, 'm4');
      await agentSays(tenant, id, 'secret n5', 'note');
      await visitorSays(api.rest, v, id, 'm6');
      await agentSays(tenant, id, 'm7');
      await agentSays(tenant, id, 'secret n8', 'note');

      const all = await widgetHistory(v, id, '?limit=100');
      expect(all.items.map((m) => m.seq)).toEqual([1, 4, 6, 7]);
      expect(JSON.stringify(all)).not.toContain('secret');
      expect(all.items.map((m) => m.prevSeq)).toEqual([undefined, 1, 4, undefined]);

      const first = await widgetHistory(v, id, '?limit=2');
      expect([first.items.map((m) => m.seq), first.hasMore]).toEqual([[1, 4], true]);
      const second = await widgetHistory(v, id, '?afterSeq=4&limit=2');
      expect([second.items.map((m) => m.seq), second.hasMore]).toEqual([[6, 7], false]);
      // Resuming after a note's seq works as well: the next message is the next one shown.
      const afterNote = await widgetHistory(v, id, '?afterSeq=2&limit=1');
      expect([afterNote.items.map((m) => m.seq), afterNote.hasMore]).toEqual([[4], true]);
      const newest = await widgetHistory(v, id, '?beforeSeq=9&limit=3');
      expect([newest.items.map((m) => m.seq), newest.hasMore]).toEqual([[4, 6, 7], true]);
      const older = await widgetHistory(v, id, '?beforeSeq=4&limit=3');
      expect([older.items.map((m) => m.seq), older.hasMore]).toEqual([[1], false]);
      const none = await widgetHistory(v, id, '?afterSeq=7');
      expect([none.items, none.hasMore]).toEqual([[], false]);
    });

    test("the visitor's conversation shows no note: last message, last seq, unread", async () => {
      const { tenant, v, id } = await conversation();
      await visitorSays(api.rest, v, id, 'Hello');
      await agentSays(tenant, id, 'Hi! How can I help?');
      await agentSays(tenant, id, 'secret: VIP customer', 'note');
      expect(await widgetConversation(v)).toMatchObject({
        lastSeq: 2,
        lastMessage: { seq: 2, body: 'Hi! How can I help?' },
        unread: 1,
      });
      // Read up to what the visitor sees; a note after it is nothing to read.
      const read = await api.call('POST', `/v1/widget/conversations/${id}/messages`, {
        token: v.sessionToken,
        body: { body: 'Thanks' },
      });
      expect(read.body.seq).toBe(4);
      await agentSays(tenant, id, 'secret: refund approved', 'note');
      await agentSays(tenant, id, 'secret: call them back', 'note');
      await agentSays(tenant, id, 'Refund approved!');
      const shown = await widgetConversation(v);
      expect(shown).toMatchObject({ lastSeq: 7, lastMessage: { seq: 7 }, unread: 1 });
      expect(JSON.stringify(shown)).not.toContain('secret');
    });

    test('a visitor can never write a note: 403, and nothing is appended', async () => {
      const { v, id } = await conversation();
      await visitorSays(api.rest, v, id, 'Hello');
      const res = await api.call('POST', `/v1/widget/conversations/${id}/messages`, {
        token: v.sessionToken,
        body: { body: 'let me in', kind: 'note' },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      expect(await api.deps.bus.headSeq(id)).toBe(1);
    });

    test('an unknown kind is refused with 422', async () => {
      const { tenant, id } = await conversation();
      const res = await api.call('POST', `/v1/conversations/${id}/messages`, {
        token: tenant.owner.accessToken,
        body: { body: 'hm', kind: 'whisper' },
      });
      expect(res.status).toBe(422);
      expect(await api.deps.bus.headSeq(id)).toBe(0);
    });
  });
}
