import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { followInbox } from '../../testing/inbox.ts';

for (const target of databaseTargets()) {
  describe(`widget conversations on ${target.name}`, () => {
    let api: TestApi;
    let tenant: ChatTenant;
    beforeAll(async () => {
      api = await createTestApi(target);
      tenant = await chatTenant(api.rest);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    test('a visitor opens conversations, lists them and finds them at the next boot', async () => {
      const inbox = await followInbox(api, tenant.owner.organization.id);
      const v = await bootVisitor(api.rest, tenant, { profile: { name: 'Ada' } });
      const first = await openConversation(api.rest, v);
      expect(first).toMatchObject({ status: 'open', lastSeq: 0, lastMessage: null, unread: 0 });
      const second = await openConversation(api.rest, v);
      await visitorSays(api.rest, v, first.id, 'Hello?');

      const list = await api.call('GET', '/v1/widget/conversations', { token: v.sessionToken });
      expect(list.status).toBe(200);
      // Newest activity first: the message moved the first conversation ahead.
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([first.id, second.id]);
      expect(list.body.items[0]).toMatchObject({
        lastSeq: 1,
        lastMessage: { seq: 1, body: 'Hello?', sender: { type: 'visitor', id: v.contact.id } },
        unread: 0,
      });
      expect(list.body.items[0]).not.toHaveProperty('assigneeId');

      const page1 = await api.call('GET', '/v1/widget/conversations?limit=1', {
        token: v.sessionToken,
      });
      const page2 = await api.call(
        'GET',
        `/v1/widget/conversations?limit=1&cursor=${page1.body.nextCursor}`,
        { token: v.sessionToken },
      );
      expect([...page1.body.items, ...page2.body.items].map((c: { id: string }) => c.id)).toEqual([
        first.id,
        second.id,
      ]);
      expect(page2.body.nextCursor).toBeNull();

      const again = await bootVisitor(api.rest, tenant, { visitorToken: v.visitorToken });
      expect(again.conversations.map((c: { id: string }) => c.id)).toEqual([first.id, second.id]);

      const frames = await inbox.until(3);
      expect(frames.map((f) => [f.event, f.conversation.id])).toEqual([
        ['created', first.id],
        ['created', second.id],
        ['message', first.id],
      ]);
      expect(frames[2]?.conversation).toMatchObject({
        contact: { id: v.contact.id, name: 'Ada' },
        unread: 1,
      });
      inbox.stop();
    });

    test("a visitor never reaches another visitor's conversation: 404", async () => {
      const alice = await bootVisitor(api.rest, tenant);
      const bob = await bootVisitor(api.rest, tenant);
      const hers = await openConversation(api.rest, alice);
      await visitorSays(api.rest, alice, hers.id, 'private');
      const foreign = await chatTenant(api.rest);
      const mallory = await bootVisitor(api.rest, foreign);
      for (const intruder of [bob, mallory]) {
        const read = await api.call('GET', `/v1/widget/conversations/${hers.id}/messages`, {
          token: intruder.sessionToken,
        });
        const write = await api.call('POST', `/v1/widget/conversations/${hers.id}/messages`, {
          token: intruder.sessionToken,
          body: { body: 'let me in' },
        });
        for (const res of [read, write]) {
          expect({ status: res.status, code: res.body.error?.code }).toEqual({
            status: 404,
            code: 'not_found',
          });
        }
        const list = await api.call('GET', '/v1/widget/conversations', {
          token: intruder.sessionToken,
        });
        expect(list.body.items).toEqual([]);
      }
      const history = await api.call('GET', `/v1/widget/conversations/${hers.id}/messages`, {
        token: alice.sessionToken,
      });
      expect(history.body.items.map((m: { body: string }) => m.body)).toEqual(['private']);
    });

    test('the visitor reads history by seq and writing reopens a closed conversation', async () => {
      const v = await bootVisitor(api.rest, tenant);
      const c = await openConversation(api.rest, v);
      for (const text of ['one', 'two', 'three']) await visitorSays(api.rest, v, c.id, text);
      const agentSays = await api.call('POST', `/v1/conversations/${c.id}/messages`, {
        token: tenant.owner.accessToken,
        body: { body: 'four, from the team' },
      });
      expect(agentSays.status).toBe(201);
      const read = (query: string) =>
        api.call('GET', `/v1/widget/conversations/${c.id}/messages${query}`, {
          token: v.sessionToken,
        });
      const latest = await read('?beforeSeq=5&limit=2');
      expect(latest.body.items.map((m: { seq: number }) => m.seq)).toEqual([3, 4]);
      expect(latest.body.hasMore).toBe(true);
      expect(latest.body.items[1].sender).toMatchObject({
        type: 'agent',
        name: expect.stringMatching(/^Owner \d+$/),
      });
      const unread = await api.call('GET', '/v1/widget/conversations', { token: v.sessionToken });
      expect(unread.body.items[0]).toMatchObject({ id: c.id, unread: 1 });

      const closed = await api.call('PATCH', `/v1/conversations/${c.id}`, {
        token: tenant.owner.accessToken,
        body: { status: 'closed' },
      });
      expect(closed.body.status).toBe('closed');
      await visitorSays(api.rest, v, c.id, 'one more thing');
      const after = await api.call('GET', `/v1/conversations/${c.id}`, {
        token: tenant.owner.accessToken,
      });
      expect(after.body).toMatchObject({ status: 'open', lastSeq: 5, unread: 1 });
    });

    test('invalid bodies and ids are 422 with details', async () => {
      const v = await bootVisitor(api.rest, tenant);
      const c = await openConversation(api.rest, v);
      const cases: [string, string, unknown, string][] = [
        // Empty text goes only with files: refused by the append path, which knows of them.
        ['POST', `/v1/widget/conversations/${c.id}/messages`, { body: '' }, 'body'],
        [
          'POST',
          `/v1/widget/conversations/${c.id}/messages`,
          { body: 'x'.repeat(4001) },
          'body.body',
        ],
        ['POST', `/v1/widget/conversations/${c.id}/messages`, {}, 'body.body'],
        ['POST', `/v1/widget/conversations/${c.id}/messages`, { body: 'x', cid: '' }, 'body.cid'],
        ['POST', '/v1/widget/conversations/nope/messages', { body: 'x' }, 'params.id'],
      ];
      for (const [method, path, body, field] of cases) {
        const res = await api.call(method, path, { token: v.sessionToken, body });
        expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
          path,
          status: 422,
          code: 'validation',
        });
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
      }
      // Numbers in the query are checked while Elysia converts them, which loses the field name.
      for (const query of ['limit=500', 'limit=0', 'afterSeq=-1', 'beforeSeq=x']) {
        const res = await api.call('GET', `/v1/widget/conversations/${c.id}/messages?${query}`, {
          token: v.sessionToken,
        });
        expect({ query, status: res.status }).toEqual({ query, status: 422 });
      }
      const longest = await visitorSays(api.rest, v, c.id, 'x'.repeat(4000));
      expect(longest.body).toHaveLength(4000);
      const forged = await api.call('GET', '/v1/widget/conversations?cursor=nonsense', {
        token: v.sessionToken,
      });
      expect(forged.status).toBe(400);
    });
  });
}
