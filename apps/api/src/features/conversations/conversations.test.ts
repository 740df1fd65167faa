import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';
import { followInbox } from '../../testing/inbox.ts';

for (const target of databaseTargets()) {
  describe(`inbox conversations on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id);
    const patch = (who: Owner | ChatTenant, id: string, body: unknown) =>
      api.call('PATCH', `/v1/conversations/${id}`, {
        ...('keyHeaders' in who ? { headers: who.keyHeaders } : { token: who.accessToken }),
        body,
      });

    /** One tenant, two environments; conversations a..d, d in the second environment. */
    async function inbox() {
      const tenant = await chatTenant(api.rest);
      const staging = await chatTenant(api.rest, { owner: tenant.owner });
      const member = await api.addMember(tenant.owner, 'agent');
      const open = async (t: ChatTenant) => {
        const v = await bootVisitor(api.rest, t);
        return { v, c: await openConversation(api.rest, v) };
      };
      const [a, b, c] = [await open(tenant), await open(tenant), await open(tenant)];
      const d = await open(staging);
      return { tenant, staging, member, a, b, c, d };
    }

    test('newest activity first; filters by status, assignee and environment', async () => {
      const { tenant, staging, member, a, b, c, d } = await inbox();
      const token = tenant.owner.accessToken;
      await visitorSays(api.rest, b.v, b.c.id, 'b speaks');
      await visitorSays(api.rest, a.v, a.c.id, 'a speaks');
      expect((await patch(tenant.owner, c.c.id, { status: 'closed' })).status).toBe(200);
      await patch(tenant.owner, a.c.id, { assigneeId: tenant.owner.agent.id });
      await patch(tenant.owner, b.c.id, { assigneeId: member.agent.id, status: 'snoozed' });

      const list = (
        query = '',
        who: { token?: string; headers?: Record<string, string> } = { token },
      ) => api.call('GET', `/v1/conversations${query}`, who);
      const all = await list();
      expect(all.status).toBe(200);
      expect(ids(all)).toEqual([a.c.id, b.c.id, d.c.id, c.c.id]);
      expect(all.body.items[0]).toMatchObject({
        id: a.c.id,
        status: 'open',
        assigneeId: tenant.owner.agent.id,
        contact: { id: a.v.contact.id },
        lastMessage: { seq: 1, body: 'a speaks' },
        unread: 1,
        lastSeq: 1,
        environmentId: tenant.env.id,
      });
      expect(ids(await list('?status=closed'))).toEqual([c.c.id]);
      expect(ids(await list('?status=open'))).toEqual([a.c.id, d.c.id]);
      expect(ids(await list('?assignee=me'))).toEqual([a.c.id]);
      expect(ids(await list('?assignee=me', { token: member.accessToken }))).toEqual([b.c.id]);
      expect(ids(await list(`?assignee=${member.agent.id}`))).toEqual([b.c.id]);
      expect(ids(await list('?assignee=none'))).toEqual([d.c.id, c.c.id]);
      expect(ids(await list(`?environmentId=${staging.env.id}`))).toEqual([d.c.id]);
      expect(ids(await list(`?environmentId=${tenant.env.id}&assignee=none`))).toEqual([c.c.id]);
      expect(ids(await list(`?contactId=${b.v.contact.id}`))).toEqual([b.c.id]);
      expect(ids(await list(`?contactId=${d.v.contact.id}&status=open`))).toEqual([d.c.id]);
      expect(ids(await list(`?contactId=${crypto.randomUUID()}`))).toEqual([]);
      expect((await list('?contactId=nope')).status).toBe(422);

      // An API key sees its own environment only, whatever it asks for.
      const asKey = { headers: tenant.keyHeaders };
      expect(ids(await list('', asKey))).toEqual([a.c.id, b.c.id, c.c.id]);
      expect(ids(await list(`?environmentId=${staging.env.id}`, asKey))).toEqual([]);
      expect(ids(await list('', { headers: staging.keyHeaders }))).toEqual([d.c.id]);
      const me = await list('?assignee=me', asKey);
      expect(me.status).toBe(422);
      expect(me.body.error.details[0].path).toBe('query.assignee');

      // Another tenant's agent sees none of it.
      const other = await api.signup('Other');
      expect(ids(await list('', { token: other.accessToken }))).toEqual([]);
    });

    test('pagination walks every conversation once, in order, even within one millisecond', async () => {
      const { tenant, a, b, c, d } = await inbox();
      // Same activity time for two rows: the id breaks the tie and nothing is skipped.
      await api.deps.db.sql`
        update conversations set last_activity_at = '2030-01-01T00:00:00.123456Z'
        where id in (${b.c.id}, ${c.c.id})`;
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const res = await api.call('GET', `/v1/conversations?limit=1${query}`, {
          token: tenant.owner.accessToken,
        });
        expect(res.body.items).toHaveLength(1);
        seen.push(res.body.items[0].id);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([c.c.id, b.c.id, d.c.id, a.c.id]);
      for (const bad of ['nonsense', Buffer.from('2030-01-01|x').toString('base64url')]) {
        const res = await api.call('GET', `/v1/conversations?cursor=${bad}`, {
          token: tenant.owner.accessToken,
        });
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 400,
          code: 'bad_request',
        });
      }
      const limit = await api.call('GET', '/v1/conversations?limit=101', {
        token: tenant.owner.accessToken,
      });
      expect(limit.status).toBe(422);
    });

    test('PATCH changes status and assignee, and agents hear of it', async () => {
      const { tenant, member, a } = await inbox();
      const events = await followInbox(api, tenant.owner.organization.id);
      const assigned = await patch(member, a.c.id, {
        status: 'snoozed',
        assigneeId: member.agent.id,
      });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({ status: 'snoozed', assigneeId: member.agent.id });
      const unassigned = await patch(tenant, a.c.id, { assigneeId: null });
      expect(unassigned.body).toMatchObject({ status: 'snoozed', assigneeId: null });
      const unchanged = await patch(tenant.owner, a.c.id, {});
      expect(unchanged.body).toMatchObject({ status: 'snoozed', assigneeId: null });
      const read = await api.call('GET', `/v1/conversations/${a.c.id}`, {
        token: tenant.owner.accessToken,
      });
      expect(read.body).toEqual({ ...unassigned.body, rating: null });

      const frames = await events.until(2);
      expect(
        frames.map((f) => [f.event, f.conversation.status, f.conversation.assigneeId]),
      ).toEqual([
        ['updated', 'snoozed', member.agent.id],
        ['updated', 'snoozed', null],
      ]);
      events.stop();
    });

    test('the assignee must be an active agent of the organization: else 422', async () => {
      const { tenant, a } = await inbox();
      const other = await api.signup('Other');
      const disabled = await api.addMember(tenant.owner, 'agent');
      await api.deps.db.sql`update agents set status = 'disabled' where id = ${disabled.agent.id}`;
      const invite = await api.call('POST', '/v1/agents', {
        token: tenant.owner.accessToken,
        body: { email: `invitee-${crypto.randomUUID()}@example.com`, name: 'I', role: 'agent' },
      });
      const candidates = [
        other.agent.id,
        disabled.agent.id,
        invite.body.agent.id,
        Bun.randomUUIDv7(),
      ];
      for (const assigneeId of candidates) {
        const res = await patch(tenant.owner, a.c.id, { assigneeId });
        expect({ status: res.status, details: res.body.error?.details }).toEqual({
          status: 422,
          details: [
            { path: 'body.assigneeId', message: 'Not an active agent of this organization' },
          ],
        });
      }
      const badStatus = await patch(tenant.owner, a.c.id, { status: 'archived' });
      expect(badStatus.status).toBe(422);
      expect(badStatus.body.error.details.map((d: { path: string }) => d.path)).toContain(
        'body.status',
      );
      const badId = await patch(tenant.owner, a.c.id, { assigneeId: 'me' });
      expect(badId.status).toBe(422);
      const read = await api.call('GET', `/v1/conversations/${a.c.id}`, {
        token: tenant.owner.accessToken,
      });
      expect(read.body).toMatchObject({ status: 'open', assigneeId: null });
    });

    test("an API key reaches its environment's conversations only: the rest is 404", async () => {
      const { tenant, staging, a, d } = await inbox();
      const foreign = await chatTenant(api.rest);
      const routes = (id: string): [string, string, unknown][] => [
        ['GET', `/v1/conversations/${id}`, undefined],
        ['PATCH', `/v1/conversations/${id}`, { status: 'closed' }],
        ['GET', `/v1/conversations/${id}/messages`, undefined],
        ['POST', `/v1/conversations/${id}/messages`, { body: 'hello' }],
      ];
      for (const [headers, id] of [
        [tenant.keyHeaders, d.c.id],
        [staging.keyHeaders, a.c.id],
        [foreign.keyHeaders, a.c.id],
        [tenant.keyHeaders, Bun.randomUUIDv7()],
      ] as const) {
        for (const [method, path, body] of routes(id)) {
          const res = await api.call(method, path, { headers, body });
          expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
            path,
            status: 404,
            code: 'not_found',
          });
        }
      }
      const own = await api.call('GET', `/v1/conversations/${a.c.id}`, {
        headers: tenant.keyHeaders,
      });
      expect(own.body).toMatchObject({ id: a.c.id, status: 'open', lastSeq: 0 });
    });

    test('without credentials, or with wrong ones, every inbox route is 401', async () => {
      const { tenant, a } = await inbox();
      const wrong: Record<string, string>[] = [
        {},
        { authorization: 'Bearer nonsense' },
        { 'x-api-key': tenant.key.key },
        { 'x-api-key': tenant.key.key, 'x-api-secret': 'flc_sk_wrong' },
      ];
      for (const headers of wrong) {
        for (const path of ['/v1/conversations', `/v1/conversations/${a.c.id}`, '/v1/contacts']) {
          const res = await api.call('GET', path, { headers });
          expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
            path,
            status: 401,
            code: 'unauthorized',
          });
        }
      }
    });
  });
}
