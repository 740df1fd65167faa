import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bootVisitor, type ChatTenant, chatTenant, memberHash } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

for (const target of databaseTargets()) {
  describe(`contacts on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const put = (tenant: ChatTenant, externalId: string, body: unknown) =>
      api.call('PUT', `/v1/contacts/by-external-id/${encodeURIComponent(externalId)}`, {
        headers: tenant.keyHeaders,
        body,
      });

    test('PUT by external id creates (201), then updates (200) field by field', async () => {
      const tenant = await chatTenant(api.rest);
      const created = await put(tenant, 'crm:42', {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        attributes: { plan: 'pro', seats: 5, tags: ['vip'] },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        environmentId: tenant.env.id,
        externalId: 'crm:42',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        attributes: { plan: 'pro', seats: 5, tags: ['vip'] },
        lastSeenAt: null,
      });
      const updated = await put(tenant, 'crm:42', { attributes: { seats: 6, plan: null } });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        id: created.body.id,
        name: 'Ada Lovelace',
        attributes: { seats: 6, tags: ['vip'] },
      });
      expect(updated.body.attributes).not.toHaveProperty('plan');
      const cleared = await put(tenant, 'crm:42', { email: null });
      expect(cleared.body).toMatchObject({ name: 'Ada Lovelace', email: null });
      const unchanged = await put(tenant, 'crm:42', {});
      expect(unchanged.status).toBe(200);
      expect(unchanged.body).toEqual(cleared.body);

      const read = await api.call('GET', `/v1/contacts/${created.body.id}`, {
        token: tenant.owner.accessToken,
      });
      expect(read.body).toEqual(cleared.body);
    });

    test('the external id is the identified visitor: one contact, seen from both sides', async () => {
      const tenant = await chatTenant(api.rest);
      const memberId = 'user@example.com/7';
      const synced = await put(tenant, memberId, { name: 'Grace', attributes: { plan: 'team' } });
      const v = await bootVisitor(api.rest, tenant, {
        memberId,
        memberHash: memberHash(tenant.env.identitySecret, memberId),
      });
      expect(v.contact).toEqual({ id: synced.body.id, name: 'Grace', email: null });
      expect(v.contact).not.toHaveProperty('attributes');
      const read = await api.call('GET', `/v1/contacts/${synced.body.id}`, {
        headers: tenant.keyHeaders,
      });
      expect(read.body.lastSeenAt).toBeString();
      expect(read.body.attributes).toEqual({ plan: 'team' });
    });

    test('agents may read contacts but not upsert them by external id: 403', async () => {
      const tenant = await chatTenant(api.rest);
      await put(tenant, 'crm:1', { name: 'One' });
      for (const token of [
        tenant.owner.accessToken,
        (await api.addMember(tenant.owner, 'agent')).accessToken,
      ]) {
        const res = await api.call('PUT', '/v1/contacts/by-external-id/crm:1', {
          token,
          body: { name: 'Hijacked' },
        });
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 403,
          code: 'forbidden',
        });
        const list = await api.call('GET', '/v1/contacts', { token });
        expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['One']);
      }
    });

    test('an API key lists, reads and writes its own environment only', async () => {
      const tenant = await chatTenant(api.rest);
      const staging = await chatTenant(api.rest, { owner: tenant.owner });
      const foreign = await chatTenant(api.rest);
      const mine = (await put(tenant, 'same-id', { name: 'Production Ada' })).body;
      const theirs = (await put(staging, 'same-id', { name: 'Staging Ada' })).body;
      expect(theirs.id).not.toBe(mine.id);
      // Another tenant's key writes its own contact under the same external id.
      const stranger = await put(foreign, 'same-id', { name: 'Mallory' });
      expect(stranger.status).toBe(201);

      const list = await api.call('GET', '/v1/contacts', { headers: tenant.keyHeaders });
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
      const filtered = await api.call('GET', `/v1/contacts?environmentId=${staging.env.id}`, {
        headers: tenant.keyHeaders,
      });
      expect(filtered.body.items).toEqual([]);
      const agentList = await api.call('GET', '/v1/contacts', {
        token: tenant.owner.accessToken,
      });
      expect(agentList.body.items.map((c: { id: string }) => c.id)).toEqual([mine.id, theirs.id]);
      for (const [headers, id] of [
        [tenant.keyHeaders, theirs.id],
        [foreign.keyHeaders, mine.id],
      ] as const) {
        const res = await api.call('GET', `/v1/contacts/${id}`, { headers });
        expect(res.status).toBe(404);
      }
      const other = await api.signup('Other');
      const res = await api.call('GET', `/v1/contacts/${mine.id}`, { token: other.accessToken });
      expect(res.status).toBe(404);
      const read = await api.call('GET', `/v1/contacts/${mine.id}`, {
        token: tenant.owner.accessToken,
      });
      expect(read.body.name).toBe('Production Ada');
    });

    test('pagination with limit=1 walks every contact; bad bodies are 422 with details', async () => {
      const tenant = await chatTenant(api.rest);
      for (const id of ['a', 'b', 'c']) await put(tenant, id, {});
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const res = await api.call('GET', `/v1/contacts?limit=1${query}`, {
          headers: tenant.keyHeaders,
        });
        seen.push(res.body.items[0].externalId);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['a', 'b', 'c']);

      const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]));
      const cases: [string, unknown, string][] = [
        ['x', { email: 'not-an-email' }, 'body.email'],
        ['x', { name: '' }, 'body.name'],
        ['x', { attributes: 'flat' }, 'body.attributes'],
        ['x', { attributes: [1, 2] }, 'body.attributes'],
        ['x', { attributes: tooMany }, 'body.attributes'],
        ['y'.repeat(201), {}, 'params.externalId'],
      ];
      for (const [externalId, body, path] of cases) {
        const res = await put(tenant, externalId, body);
        expect({ path, status: res.status }).toEqual({ path, status: 422 });
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
    });
  });
}
