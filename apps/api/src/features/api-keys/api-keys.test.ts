import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

for (const target of databaseTargets()) {
  describe(`API keys on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const environment = async (owner: Owner, name = 'Production') =>
      (await api.call('POST', '/v1/environments', { token: owner.accessToken, body: { name } }))
        .body as { id: string; name: string };
    const issue = (owner: Owner, envId: string, name = 'CRM') =>
      api.call('POST', `/v1/environments/${envId}/api-keys`, {
        token: owner.accessToken,
        body: { name },
      });
    const whoAmI = (key: string, secret: string) =>
      api.call('GET', '/v1/api-key', { headers: { 'x-api-key': key, 'x-api-secret': secret } });

    test('a new key shows its secret once, and the list never does', async () => {
      const owner = await api.signup();
      const env = await environment(owner);
      const created = await issue(owner, env.id);
      expect(created.status).toBe(201);
      const { key, secret, ...rest } = created.body;
      expect(key).toStartWith('flc_ak_');
      expect(secret).toStartWith('flc_sk_');
      expect(rest).toMatchObject({ name: 'CRM', environmentId: env.id, revokedAt: null });
      const [row] = await api.deps.db.sql`select secret_hash from api_keys where id = ${rest.id}`;
      expect(row?.secret_hash).not.toBe(secret);

      const list = await api.call('GET', `/v1/environments/${env.id}/api-keys`, {
        token: owner.accessToken,
      });
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        {
          id: rest.id,
          environmentId: env.id,
          name: 'CRM',
          key,
          createdAt: rest.createdAt,
          lastUsedAt: null,
          revokedAt: null,
        },
      ]);
      expect(JSON.stringify(list.body)).not.toContain(secret);
    });

    test('the key authenticates GET /v1/api-key; wrong or missing credentials are 401', async () => {
      const owner = await api.signup();
      const env = await environment(owner, 'Staging');
      const { id, key, secret } = (await issue(owner, env.id)).body;
      const me = await whoAmI(key, secret);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        id,
        name: 'CRM',
        organizationId: owner.organization.id,
        environment: { id: env.id, name: 'Staging' },
      });
      expect(me.body.lastUsedAt).toBeString();

      for (const res of [
        await whoAmI(key, `${secret}x`),
        await whoAmI(key, 'flc_sk_wrong'),
        await whoAmI('flc_ak_unknown', secret),
        await whoAmI(key, 'x'.repeat(500)),
        await api.call('GET', '/v1/api-key', { headers: { 'x-api-key': key } }),
        await api.call('GET', '/v1/api-key', { token: owner.accessToken }),
      ]) {
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 401,
          code: 'unauthorized',
        });
      }
    });

    test('last use is recorded at most once a minute', async () => {
      const owner = await api.signup();
      const env = await environment(owner);
      const { id, key, secret } = (await issue(owner, env.id)).body;
      const first = (await whoAmI(key, secret)).body.lastUsedAt;
      const second = (await whoAmI(key, secret)).body.lastUsedAt;
      expect(second).toBe(first);
      const [stale] = await api.deps.db.sql<{ at: Date }[]>`
        update api_keys set last_used_at = now() - interval '2 minutes' where id = ${id}
        returning last_used_at as at`;
      const third = (await whoAmI(key, secret)).body.lastUsedAt;
      expect(new Date(third).getTime()).toBeGreaterThan(stale?.at.getTime() ?? Infinity);
      const list = await api.call('GET', `/v1/environments/${env.id}/api-keys`, {
        token: owner.accessToken,
      });
      expect(list.body.items[0].lastUsedAt).toBe(third);
    });

    test('a revoked key fails on the very next request and stays listed as revoked', async () => {
      const owner = await api.signup();
      const env = await environment(owner);
      const { id, key, secret } = (await issue(owner, env.id)).body;
      expect((await whoAmI(key, secret)).status).toBe(200);
      const path = `/v1/environments/${env.id}/api-keys/${id}`;
      expect((await api.call('DELETE', path, { token: owner.accessToken })).status).toBe(204);
      expect((await whoAmI(key, secret)).status).toBe(401);
      const list = await api.call('GET', `/v1/environments/${env.id}/api-keys`, {
        token: owner.accessToken,
      });
      const revokedAt = list.body.items[0].revokedAt;
      expect(revokedAt).toBeString();
      expect((await api.call('DELETE', path, { token: owner.accessToken })).status).toBe(204);
      const again = await api.call('GET', `/v1/environments/${env.id}/api-keys`, {
        token: owner.accessToken,
      });
      expect(again.body.items[0].revokedAt).toBe(revokedAt);
    });

    test('deleting the environment kills its keys', async () => {
      const owner = await api.signup();
      const env = await environment(owner);
      const { key, secret } = (await issue(owner, env.id)).body;
      expect((await whoAmI(key, secret)).status).toBe(200);
      await api.call('DELETE', `/v1/environments/${env.id}`, { token: owner.accessToken });
      expect((await whoAmI(key, secret)).status).toBe(401);
    });

    test('role agent lists keys and is refused every write', async () => {
      const owner = await api.signup();
      const env = await environment(owner);
      const { id } = (await issue(owner, env.id)).body;
      const member = await api.addMember(owner, 'agent');
      const token = member.accessToken;
      const list = await api.call('GET', `/v1/environments/${env.id}/api-keys`, { token });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      const create = await api.call('POST', `/v1/environments/${env.id}/api-keys`, {
        token,
        body: { name: 'Mine' },
      });
      expect(create.status).toBe(403);
      const revoke = await api.call('DELETE', `/v1/environments/${env.id}/api-keys/${id}`, {
        token,
      });
      expect(revoke.status).toBe(403);
      const after = await api.call('GET', `/v1/environments/${env.id}/api-keys`, { token });
      expect(after.body.items).toEqual(list.body.items);
    });

    test("another tenant's or environment's ids are 404 on every route", async () => {
      const victim = await api.signup('Victim');
      const env = await environment(victim);
      const other = await environment(victim, 'Staging');
      const { id, key, secret } = (await issue(victim, env.id)).body;
      const intruder = await api.signup('Intruder');
      const own = await environment(intruder);
      const cases: [Owner, string, string, unknown][] = [
        [intruder, 'GET', `/v1/environments/${env.id}/api-keys`, undefined],
        [intruder, 'POST', `/v1/environments/${env.id}/api-keys`, { name: 'Stolen' }],
        [intruder, 'DELETE', `/v1/environments/${env.id}/api-keys/${id}`, undefined],
        // The intruder's own environment does not make the victim's key reachable.
        [intruder, 'DELETE', `/v1/environments/${own.id}/api-keys/${id}`, undefined],
        // Nor does another environment of the same tenant.
        [victim, 'DELETE', `/v1/environments/${other.id}/api-keys/${id}`, undefined],
        [victim, 'GET', `/v1/environments/${Bun.randomUUIDv7()}/api-keys`, undefined],
        [victim, 'DELETE', `/v1/environments/${env.id}/api-keys/${Bun.randomUUIDv7()}`, undefined],
      ];
      for (const [who, method, path, body] of cases) {
        const res = await api.call(method, path, { token: who.accessToken, body });
        expect({ method, path, status: res.status, code: res.body.error?.code }).toEqual({
          method,
          path,
          status: 404,
          code: 'not_found',
        });
      }
      expect((await whoAmI(key, secret)).status).toBe(200);
      const list = await api.call('GET', `/v1/environments/${env.id}/api-keys`, {
        token: victim.accessToken,
      });
      expect(list.body.items.map((k: { name: string }) => k.name)).toEqual(['CRM']);
    });

    test('invalid bodies are 422; pagination with limit=1 reaches every key', async () => {
      const owner = await api.signup();
      const env = await environment(owner);
      const bad = await api.call('POST', `/v1/environments/${env.id}/api-keys`, {
        token: owner.accessToken,
        body: { name: '' },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('body.name');
      const badKey = await api.call('DELETE', `/v1/environments/${env.id}/api-keys/nope`, {
        token: owner.accessToken,
      });
      expect(badKey.status).toBe(422);

      for (const name of ['One', 'Two', 'Three']) await issue(owner, env.id, name);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const res = await api.call('GET', `/v1/environments/${env.id}/api-keys?limit=1${query}`, {
          token: owner.accessToken,
        });
        expect(res.body.items).toHaveLength(1);
        seen.push(res.body.items[0].name);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['One', 'Two', 'Three']);
    });
  });
}
