import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bootVisitor, type ChatTenant, chatTenant, openConversation } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

for (const target of databaseTargets()) {
  describe(`satisfaction ratings on ${target.name}`, () => {
    let api: TestApi;
    let tenant: ChatTenant;
    beforeAll(async () => {
      api = await createTestApi(target);
      tenant = await chatTenant(api.rest);
    }, 60_000);
    afterAll(() => api.close());

    const token = () => tenant.owner.accessToken;
    const patch = (id: string, body: unknown) =>
      api.call('PATCH', `/v1/conversations/${id}`, { token: token(), body });

    test('a closed conversation is rated once, changed, read and sent as conversation.rated', async () => {
      const hook = await api.call('POST', `/v1/environments/${tenant.env.id}/webhooks`, {
        token: token(),
        body: { url: 'https://hooks.example.com/flc', events: ['conversation.rated'] },
      });
      const v = await bootVisitor(api.rest, tenant);
      const c = await openConversation(api.rest, v);
      const rate = (body: unknown, id = c.id, session = v.sessionToken) =>
        api.call('POST', `/v1/widget/conversations/${id}/rating`, { token: session, body });

      expect((await rate({ score: 5 })).status).toBe(409); // still open
      await patch(c.id, { assigneeId: tenant.owner.agent.id });
      expect((await patch(c.id, { status: 'closed' })).status).toBe(200);

      expect((await rate({ score: 0 })).status).toBe(422);
      expect((await rate({ score: 6 })).status).toBe(422);
      expect((await rate({ score: 2.5 })).status).toBe(422);
      expect((await rate({ score: 4, comment: 'x'.repeat(1001) })).status).toBe(422);
      expect((await rate({ score: 4, comment: '   ' })).status).toBe(422);
      expect((await rate({})).status).toBe(422);

      const first = await rate({ score: 2, comment: ' Slow answer ' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        conversationId: c.id,
        score: 2,
        comment: 'Slow answer',
        assigneeId: tenant.owner.agent.id,
      });
      const changed = await rate({ score: 4, comment: null });
      expect(changed.body).toMatchObject({ score: 4, comment: null });

      const read = await api.call('GET', `/v1/conversations/${c.id}`, { token: token() });
      expect(read.status).toBe(200);
      expect(read.body.rating).toEqual(changed.body);
      const byKey = await api.call('GET', `/v1/conversations/${c.id}`, {
        headers: tenant.keyHeaders,
      });
      expect(byKey.body.rating.score).toBe(4);

      const rows = await api.deps.db.sql<
        {
          event_type: string;
          payload: { rating: { score: number }; conversation: { id: string } };
        }[]
      >`select event_type, payload from webhook_deliveries where webhook_id = ${hook.body.id}
        order by ordinal`;
      expect(
        rows.map((r) => [r.event_type, r.payload.rating.score, r.payload.conversation.id]),
      ).toEqual([
        ['conversation.rated', 2, c.id],
        ['conversation.rated', 4, c.id],
      ]);

      // Past the change window the rating stands.
      await api.deps.db.sql`
        update conversation_ratings set first_rated_at = now() - interval '8 days'
        where conversation_id = ${c.id}`;
      expect((await rate({ score: 1 })).status).toBe(409);
    });

    test("unrated conversations read null; another visitor's or tenant's conversation is 404", async () => {
      const v = await bootVisitor(api.rest, tenant);
      const c = await openConversation(api.rest, v);
      await patch(c.id, { status: 'closed' });
      const read = await api.call('GET', `/v1/conversations/${c.id}`, { token: token() });
      expect(read.body.rating).toBeNull();

      const stranger = await bootVisitor(api.rest, tenant);
      const res = await api.call('POST', `/v1/widget/conversations/${c.id}/rating`, {
        token: stranger.sessionToken,
        body: { score: 1 },
      });
      expect(res.status).toBe(404);
      const other = await chatTenant(api.rest);
      const foreign = await api.call('GET', `/v1/conversations/${c.id}`, {
        token: other.owner.accessToken,
      });
      expect(foreign.status).toBe(404);
    });
  });
}
