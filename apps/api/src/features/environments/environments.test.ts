import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createHmac } from 'node:crypto';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

for (const target of databaseTargets()) {
  describe(`environments on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const create = (owner: Owner, body: unknown) =>
      api.call('POST', '/v1/environments', { token: owner.accessToken, body });

    test('create, read, list, update and delete', async () => {
      const owner = await api.signup();
      const token = owner.accessToken;
      const created = await create(owner, {
        name: 'Production',
        allowedOrigins: [
          'https://Shop.Example.com/',
          'http://localhost:3000',
          'https://shop.example.com',
        ],
      });
      expect(created.status).toBe(201);
      const env = created.body;
      expect(env.name).toBe('Production');
      expect(env.pluginKey).toStartWith('flc_pk_');
      expect(env.identitySecret).toMatch(/^[0-9a-f]{64}$/);
      expect(env.allowedOrigins).toEqual(['https://shop.example.com', 'http://localhost:3000']);
      expect(env.createdAt).toBeString();
      expect(env.updatedAt).toBeString();

      // Reads show the secret only as its hint.
      const { identitySecret, ...shown } = env;
      expect(shown.identitySecretHint).toBe(`…${identitySecret.slice(-4)}`);
      const read = await api.call('GET', `/v1/environments/${env.id}`, { token });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(shown);

      const list = await api.call('GET', '/v1/environments', { token });
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [shown], nextCursor: null });
      expect(JSON.stringify(list.body)).not.toContain(identitySecret);

      const renamed = await api.call('PATCH', `/v1/environments/${env.id}`, {
        token,
        body: { name: 'Staging' },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe('Staging');
      expect(renamed.body.allowedOrigins).toEqual(env.allowedOrigins);
      expect(renamed.body).not.toHaveProperty('identitySecret');
      const cleared = await api.call('PATCH', `/v1/environments/${env.id}`, {
        token,
        body: { allowedOrigins: [] },
      });
      expect(cleared.body).toMatchObject({ name: 'Staging', allowedOrigins: [] });
      expect(cleared.body.pluginKey).toBe(env.pluginKey);

      const removed = await api.call('DELETE', `/v1/environments/${env.id}`, { token });
      expect(removed.status).toBe(204);
      expect((await api.call('GET', `/v1/environments/${env.id}`, { token })).status).toBe(404);
      expect((await api.call('DELETE', `/v1/environments/${env.id}`, { token })).status).toBe(404);
    });

    test('rotating the plugin key or identity secret replaces only that value', async () => {
      const owner = await api.signup();
      const token = owner.accessToken;
      const env = (await create(owner, { name: 'Production' })).body;
      const rotated = await api.call('POST', `/v1/environments/${env.id}/plugin-key/rotate`, {
        token,
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body.pluginKey).toStartWith('flc_pk_');
      expect(rotated.body.pluginKey).not.toBe(env.pluginKey);
      expect(rotated.body).not.toHaveProperty('identitySecret');
      expect(rotated.body.identitySecretHint).toBe(env.identitySecretHint);
      const [row] = await api.deps.db.sql`
        select count(*)::int as n from environments where plugin_key = ${env.pluginKey}`;
      expect(row?.n).toBe(0);

      const secret = await api.call('POST', `/v1/environments/${env.id}/identity-secret/rotate`, {
        token,
      });
      expect(secret.status).toBe(200);
      expect(secret.body.identitySecret).toMatch(/^[0-9a-f]{64}$/);
      expect(secret.body.identitySecret).not.toBe(env.identitySecret);
      expect(secret.body.pluginKey).toBe(rotated.body.pluginKey);
      expect(secret.body.identitySecretHint).toBe(`…${secret.body.identitySecret.slice(-4)}`);
      const revealed = await api.call('POST', `/v1/environments/${env.id}/identity-secret/reveal`, {
        token,
      });
      expect(revealed.body).toEqual({ identitySecret: secret.body.identitySecret });
    });

    test('reveal answers the secret that verifies member hashes; reads never carry it', async () => {
      const owner = await api.signup();
      const env = (await create(owner, { name: 'Production' })).body;
      const admin = await api.addMember(owner, 'admin');
      const path = `/v1/environments/${env.id}/identity-secret/reveal`;
      for (const token of [owner.accessToken, admin.accessToken]) {
        const res = await api.call('POST', path, { token });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ identitySecret: env.identitySecret });
      }
      // The revealed secret is the one boot checks `memberHash` against.
      const memberHash = createHmac('sha256', env.identitySecret).update('crm-7').digest('hex');
      const boot = await api.call('POST', '/v1/widget/boot', {
        headers: { 'x-plugin-key': env.pluginKey },
        body: { memberId: 'crm-7', memberHash },
      });
      expect(boot.status).toBe(200);
      for (const token of [owner.accessToken, admin.accessToken]) {
        const one = await api.call('GET', `/v1/environments/${env.id}`, { token });
        const list = await api.call('GET', '/v1/environments', { token });
        expect(JSON.stringify([one.body, list.body])).not.toContain(env.identitySecret);
      }
      // A POST only, so that the secret is never in a GET's cache or log.
      const get = await api.call('GET', path, { token: owner.accessToken });
      expect({ status: get.status, allow: get.headers.get('allow') }).toEqual({
        status: 405,
        allow: 'OPTIONS, POST',
      });
      const anonymous = await api.call('POST', path);
      expect({ status: anonymous.status, code: anonymous.body.error.code }).toEqual({
        status: 401,
        code: 'unauthorized',
      });
      const malformed = await api.call('POST', '/v1/environments/nope/identity-secret/reveal', {
        token: owner.accessToken,
      });
      expect({ status: malformed.status, code: malformed.body.error.code }).toEqual({
        status: 422,
        code: 'validation',
      });
    });

    test('role agent reads without the identity secret and is refused every write', async () => {
      const owner = await api.signup();
      const env = (await create(owner, { name: 'Production' })).body;
      const admin = await api.addMember(owner, 'admin');
      const member = await api.addMember(owner, 'agent');
      const token = member.accessToken;

      const asAdmin = await api.call('GET', `/v1/environments/${env.id}`, {
        token: admin.accessToken,
      });
      expect(asAdmin.body).not.toHaveProperty('identitySecret');
      expect(asAdmin.body.identitySecretHint).toBe(env.identitySecretHint);

      const one = await api.call('GET', `/v1/environments/${env.id}`, { token });
      expect(one.status).toBe(200);
      expect(one.body.pluginKey).toBe(env.pluginKey);
      expect(one.body).not.toHaveProperty('identitySecret');
      expect(one.body).not.toHaveProperty('identitySecretHint');
      const list = await api.call('GET', '/v1/environments', { token });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      expect(JSON.stringify(list.body)).not.toContain(env.identitySecret);

      const writes: [string, string, unknown][] = [
        ['POST', '/v1/environments', { name: 'Mine' }],
        ['PATCH', `/v1/environments/${env.id}`, { name: 'Mine' }],
        ['DELETE', `/v1/environments/${env.id}`, undefined],
        ['POST', `/v1/environments/${env.id}/plugin-key/rotate`, undefined],
        ['POST', `/v1/environments/${env.id}/identity-secret/rotate`, undefined],
        ['POST', `/v1/environments/${env.id}/identity-secret/reveal`, undefined],
      ];
      for (const [method, path, body] of writes) {
        const res = await api.call(method, path, { token, body });
        expect({ method, path, status: res.status, code: res.body.error?.code }).toEqual({
          method,
          path,
          status: 403,
          code: 'forbidden',
        });
      }
      const after = await api.call('GET', `/v1/environments/${env.id}`, {
        token: owner.accessToken,
      });
      const { identitySecret: _secret, ...shown } = env;
      expect(after.body).toEqual(shown);
    });

    test('invalid bodies are 422 with field details, never 500', async () => {
      const owner = await api.signup();
      const paths = async (method: string, path: string, body: unknown) => {
        const res = await api.call(method, path, { token: owner.accessToken, body });
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 422,
          code: 'validation',
        });
        return res.body.error.details.map((d: { path: string }) => d.path);
      };
      expect(
        await paths('POST', '/v1/environments', {
          name: 'P',
          allowedOrigins: ['https://ok.example', 'ftp://x.example', 'https://x.example/path'],
        }),
      ).toEqual(['body.allowedOrigins.1', 'body.allowedOrigins.2']);
      expect(await paths('POST', '/v1/environments', { name: '' })).toContain('body.name');
      expect(await paths('POST', '/v1/environments', {})).toContain('body.name');
      expect(
        await paths('POST', '/v1/environments', { name: 'P', allowedOrigins: 'https://a.example' }),
      ).toContain('body.allowedOrigins');
      const tooMany = Array.from({ length: 51 }, (_, i) => `https://s${i}.example`);
      expect(
        await paths('POST', '/v1/environments', { name: 'P', allowedOrigins: tooMany }),
      ).toContain('body.allowedOrigins');

      const env = (await create(owner, { name: 'Production' })).body;
      expect(await paths('PATCH', `/v1/environments/${env.id}`, { allowedOrigins: ['*'] })).toEqual(
        ['body.allowedOrigins.0'],
      );
      expect(await paths('PATCH', '/v1/environments/not-a-uuid', { name: 'X' })).toContain(
        'params.id',
      );
      const notJson = await api.call('POST', '/v1/environments', {
        token: owner.accessToken,
        body: '{"name":',
      });
      expect([400, 422]).toContain(notJson.status);
    });

    test("another tenant's environment ids are 404 on every route", async () => {
      const victim = await api.signup('Victim');
      const env = (await create(victim, { name: 'Production' })).body;
      const intruder = await api.signup('Intruder');
      const unknown = Bun.randomUUIDv7();
      for (const id of [env.id, unknown]) {
        const routes: [string, string, unknown][] = [
          ['GET', `/v1/environments/${id}`, undefined],
          ['PATCH', `/v1/environments/${id}`, { name: 'Hijacked' }],
          ['DELETE', `/v1/environments/${id}`, undefined],
          ['POST', `/v1/environments/${id}/plugin-key/rotate`, undefined],
          ['POST', `/v1/environments/${id}/identity-secret/rotate`, undefined],
          ['POST', `/v1/environments/${id}/identity-secret/reveal`, undefined],
        ];
        for (const [method, path, body] of routes) {
          const res = await api.call(method, path, { token: intruder.accessToken, body });
          expect({ method, path, status: res.status, code: res.body.error?.code }).toEqual({
            method,
            path,
            status: 404,
            code: 'not_found',
          });
        }
      }
      const list = await api.call('GET', '/v1/environments', { token: intruder.accessToken });
      expect(list.body.items).toEqual([]);
      const still = await api.call('GET', `/v1/environments/${env.id}`, {
        token: victim.accessToken,
      });
      const { identitySecret: _secret, ...shown } = env;
      expect(still.body).toEqual(shown);
    });

    test('pagination: limit=1 walks every environment once; a forged cursor is 400', async () => {
      const owner = await api.signup();
      const token = owner.accessToken;
      const names = ['A', 'B', 'C'];
      for (const name of names) await create(owner, { name });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const res = await api.call('GET', `/v1/environments?limit=1${query}`, { token });
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(1);
        seen.push(res.body.items[0].name);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(names);
      const bad = await api.call('GET', '/v1/environments?cursor=nonsense', { token });
      expect(bad.status).toBe(400);
      expect((await api.call('GET', '/v1/environments?limit=0', { token })).status).toBe(422);
    });

    test('without a token every route is 401', async () => {
      expect((await api.call('GET', '/v1/environments')).status).toBe(401);
      const res = await api.call('POST', '/v1/environments', { body: { name: 'X' } });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    });
  });
}
