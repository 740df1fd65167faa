import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bootVisitor, type ChatTenant, chatTenant, openConversation } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../testing/harness.ts';

// A tenant backend on the inbox with an API key: its environment only (anything else is 404),
// writes as a `bot`, revocation at the next request, last use recorded, and the per-key rate
// limit (429 with retry-after in the API's error shape).
for (const target of databaseTargets()) {
  describe(`API key access on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    /** Another key of the tenant's environment (or of `envId`). */
    const freshKey = async (tenant: ChatTenant, envId = tenant.env.id, on = api) => {
      const res = await on.call('POST', `/v1/environments/${envId}/api-keys`, {
        token: tenant.owner.accessToken,
        body: { name: 'Backend' },
      });
      expect(res.status).toBe(201);
      return {
        id: res.body.id as string,
        headers: { 'x-api-key': res.body.key, 'x-api-secret': res.body.secret },
      };
    };

    test("the key reaches its environment's conversations and contacts only", async () => {
      const tenant = await chatTenant(api.rest);
      const staging = await api.call('POST', '/v1/environments', {
        token: tenant.owner.accessToken,
        body: { name: 'Staging' },
      });
      const stagingTenant = { ...tenant, env: staging.body };
      const mine = await openConversation(api.rest, await bootVisitor(api.rest, tenant));
      const theirs = await openConversation(api.rest, await bootVisitor(api.rest, stagingTenant));
      const foreign = await chatTenant(api.rest, { name: 'Foreign' });
      const foreignConversation = await openConversation(
        api.rest,
        await bootVisitor(api.rest, foreign),
      );
      const key = await freshKey(tenant);
      const list = await api.call('GET', '/v1/conversations', { headers: key.headers });
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
      const read = await api.call('GET', `/v1/conversations/${mine.id}`, { headers: key.headers });
      expect(read.status).toBe(200);

      const stagingKey = await freshKey(tenant, staging.body.id);
      for (const [headers, id] of [
        [key.headers, theirs.id],
        [key.headers, foreignConversation.id],
        [stagingKey.headers, mine.id],
      ] as const) {
        for (const [method, path, body] of [
          ['GET', `/v1/conversations/${id}`, undefined],
          ['PATCH', `/v1/conversations/${id}`, { status: 'closed' }],
          ['POST', `/v1/conversations/${id}/messages`, { body: 'no' }],
        ] as const) {
          const res = await api.call(method, path, { headers, body });
          expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
        }
      }
      const contact = await api.call('PUT', '/v1/contacts/by-external-id/crm-7', {
        headers: key.headers,
        body: { name: 'Ada' },
      });
      expect(contact.status).toBe(201);
      const other = await api.call('GET', `/v1/contacts/${contact.body.id}`, {
        headers: stagingKey.headers,
      });
      expect(other.status).toBe(404);
    });

    test('the key writes as a bot, sets status and assignee, and upserts contacts', async () => {
      const tenant = await chatTenant(api.rest);
      const conversation = await openConversation(api.rest, await bootVisitor(api.rest, tenant));
      const key = await freshKey(tenant);
      const sent = await api.call('POST', `/v1/conversations/${conversation.id}/messages`, {
        headers: key.headers,
        body: { body: 'Your order shipped', cid: 'order-1' },
      });
      expect(sent.status).toBe(201);
      expect(sent.body.sender).toEqual({ type: 'bot', id: key.id, name: 'Backend' });
      const patched = await api.call('PATCH', `/v1/conversations/${conversation.id}`, {
        headers: key.headers,
        body: { status: 'closed', assigneeId: tenant.owner.agent.id },
      });
      expect(patched.body).toMatchObject({ status: 'closed', assigneeId: tenant.owner.agent.id });
      const created = await api.call('PUT', '/v1/contacts/by-external-id/u-1', {
        headers: key.headers,
        body: { email: 'u1@example.com' },
      });
      const updated = await api.call('PUT', '/v1/contacts/by-external-id/u-1', {
        headers: key.headers,
        body: { name: 'U One' },
      });
      expect([created.status, updated.status]).toEqual([201, 200]);
      expect(updated.body).toMatchObject({ id: created.body.id, name: 'U One' });
    });

    test('a revoked key is refused on its next inbox request; last use is recorded', async () => {
      const tenant = await chatTenant(api.rest);
      const conversation = await openConversation(api.rest, await bootVisitor(api.rest, tenant));
      const key = await freshKey(tenant);
      const path = `/v1/conversations/${conversation.id}/messages`;
      expect((await api.call('GET', path, { headers: key.headers })).status).toBe(200);
      const keys = await api.call('GET', `/v1/environments/${tenant.env.id}/api-keys`, {
        token: tenant.owner.accessToken,
      });
      const listed = keys.body.items.find((k: { id: string }) => k.id === key.id);
      expect(listed.lastUsedAt).toBeString();
      const revoke = await api.call(
        'DELETE',
        `/v1/environments/${tenant.env.id}/api-keys/${key.id}`,
        { token: tenant.owner.accessToken },
      );
      expect(revoke.status).toBe(204);
      for (const [method, body] of [
        ['GET', undefined],
        ['POST', { body: 'after revocation' }],
      ] as const) {
        const res = await api.call(method, path, { headers: key.headers, body });
        expect({ method, status: res.status, code: res.body.error?.code }).toEqual({
          method,
          status: 401,
          code: 'unauthorized',
        });
      }
      const history = await api.call('GET', path, { token: tenant.owner.accessToken });
      expect(history.body.items).toEqual([]);
    });

    test('past its burst a key gets 429 with retry-after; other keys and agents do not', async () => {
      // A small bucket, so the limit is reached within the test: 3 at once, then 1 a second.
      const limitedApi = await createTestApi(target, { apiKeyRate: 1, apiKeyBurst: 3 });
      try {
        await rateLimit(limitedApi);
      } finally {
        await limitedApi.close();
      }
    });

    const rateLimit = async (api: TestApi) => {
      const tenant = await chatTenant(api.rest);
      const key = await freshKey(tenant, tenant.env.id, api);
      const other = await freshKey(tenant, tenant.env.id, api);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push(
          (await api.call('GET', '/v1/conversations', { headers: key.headers })).status,
        );
      }
      expect(statuses).toEqual([200, 200, 200]);
      const limited = await api.call('GET', '/v1/conversations', { headers: key.headers });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(limited.body).toEqual({
        error: {
          code: 'rate_limited',
          message: 'Too many requests, try again later',
          requestId: limited.headers.get('x-request-id'),
        },
      });
      // Every route a key opens shares its bucket, writes and the self route included.
      for (const [method, path, body] of [
        ['PUT', '/v1/contacts/by-external-id/x', { name: 'X' }],
        ['GET', '/v1/api-key', undefined],
      ] as const) {
        const res = await api.call(method, path, { headers: key.headers, body });
        expect({ path, status: res.status }).toEqual({ path, status: 429 });
      }
      // A wrong secret is refused as such, and spends nothing of the key's budget: knowing a
      // key's id is not enough to lock its owner out.
      for (let i = 0; i < 10; i++) {
        const guess = await api.call('GET', '/v1/conversations', {
          headers: { ...other.headers, 'x-api-secret': 'flc_sk_guess' },
        });
        expect(guess.status).toBe(401);
      }
      expect((await api.call('GET', '/v1/conversations', { headers: other.headers })).status).toBe(
        200,
      );
      const agent = await api.call('GET', '/v1/conversations', {
        token: tenant.owner.accessToken,
      });
      expect(agent.status).toBe(200);
    };
  });
}
