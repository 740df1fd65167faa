import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

const hook = { url: 'https://hooks.example.com/flc', events: ['message.created'] };

for (const target of databaseTargets()) {
  describe(`webhooks on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const environment = async (owner: Owner, name = 'Production') =>
      (await api.call('POST', '/v1/environments', { token: owner.accessToken, body: { name } }))
        .body as { id: string };
    const add = (owner: Owner, envId: string, body: unknown = hook) =>
      api.call('POST', `/v1/environments/${envId}/webhooks`, { token: owner.accessToken, body });

    test('create shows the signing secret once; list, update and delete', async () => {
      const owner = await api.signup();
      const token = owner.accessToken;
      const env = await environment(owner);
      const created = await add(owner, env.id, {
        url: 'https://Hooks.Example.com/flc',
        events: ['message.created', 'conversation.created'],
      });
      expect(created.status).toBe(201);
      const { signingSecret, ...webhook } = created.body;
      expect(signingSecret).toStartWith('whsec_');
      expect(webhook).toMatchObject({
        environmentId: env.id,
        url: 'https://hooks.example.com/flc',
        events: ['message.created', 'conversation.created'],
        enabled: true,
        consecutiveFailures: 0,
        disabledAt: null,
      });

      const base = `/v1/environments/${env.id}/webhooks`;
      const list = await api.call('GET', base, { token });
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [webhook], nextCursor: null });
      expect(JSON.stringify(list.body)).not.toContain(signingSecret);

      const patched = await api.call('PATCH', `${base}/${webhook.id}`, {
        token,
        body: { url: 'https://other.example.com/in', events: ['contact.updated'], enabled: false },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        url: 'https://other.example.com/in',
        events: ['contact.updated'],
        enabled: false,
      });
      expect(JSON.stringify(patched.body)).not.toContain(signingSecret);

      expect((await api.call('DELETE', `${base}/${webhook.id}`, { token })).status).toBe(204);
      expect((await api.call('GET', base, { token })).body.items).toEqual([]);
      const gone = await api.call('PATCH', `${base}/${webhook.id}`, { token, body: {} });
      expect(gone.status).toBe(404);
    });

    test('re-enabling clears the failure count and the disable reason', async () => {
      const owner = await api.signup();
      const env = await environment(owner);
      const { id } = (await add(owner, env.id)).body;
      await api.deps.db.sql`
        update webhooks set enabled = false, consecutive_failures = 12, disabled_at = now(),
          disabled_reason = 'too many failures'
        where id = ${id}`;
      const path = `/v1/environments/${env.id}/webhooks/${id}`;
      const listed = await api.call('GET', `/v1/environments/${env.id}/webhooks`, {
        token: owner.accessToken,
      });
      expect(listed.body.items[0]).toMatchObject({
        enabled: false,
        consecutiveFailures: 12,
        disabledReason: 'too many failures',
      });
      const res = await api.call('PATCH', path, {
        token: owner.accessToken,
        body: { enabled: true },
      });
      expect(res.body).toMatchObject({
        enabled: true,
        consecutiveFailures: 0,
        disabledAt: null,
        disabledReason: null,
      });
    });

    test('the delivery log is empty at first, then newest first and paginated', async () => {
      const owner = await api.signup();
      const env = await environment(owner);
      const { id } = (await add(owner, env.id)).body;
      const path = `/v1/environments/${env.id}/webhooks/${id}/deliveries`;
      const empty = await api.call('GET', path, { token: owner.accessToken });
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({ items: [], nextCursor: null });

      const eventIds: string[] = [];
      for (const status of ['delivered', 'failed', 'pending']) {
        const eventId = Bun.randomUUIDv7();
        eventIds.push(eventId);
        await api.deps.db.sql`
          insert into webhook_deliveries (id, webhook_id, event_id, event_type, payload, status,
            attempts, last_error, last_status_code)
          values (${Bun.randomUUIDv7()}, ${id}, ${eventId}, 'message.created', '{}'::jsonb,
            ${status}, 1, ${status === 'failed' ? 'HTTP 500' : null},
            ${status === 'failed' ? 500 : null})`;
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const res = await api.call('GET', `${path}?limit=1${query}`, { token: owner.accessToken });
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(1);
        seen.push(res.body.items[0].eventId);
        if (res.body.items[0].status === 'failed') {
          expect(res.body.items[0]).toMatchObject({ lastError: 'HTTP 500', lastStatusCode: 500 });
        }
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(eventIds.toReversed());
    });

    test('invalid bodies are 422 with field details, never 500', async () => {
      const owner = await api.signup();
      const env = await environment(owner);
      const paths = async (body: unknown, method = 'POST', suffix = '') => {
        const res = await api.call(method, `/v1/environments/${env.id}/webhooks${suffix}`, {
          token: owner.accessToken,
          body,
        });
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 422,
          code: 'validation',
        });
        return res.body.error.details.map((d: { path: string }) => d.path);
      };
      expect(await paths({ ...hook, events: [] })).toContain('body.events');
      expect(await paths({ ...hook, events: ['message.created', 'bogus'] })).toContain(
        'body.events.1',
      );
      expect(await paths({ ...hook, events: ['message.created', 'message.created'] })).toContain(
        'body.events',
      );
      expect(await paths({ events: hook.events })).toContain('body.url');
      for (const url of [
        'ftp://example.com/hook',
        'not a url',
        `https://example.com/${'a'.repeat(2050)}`,
        'http://localhost:8080/hook',
        'http://127.0.0.1/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]/hook',
        'http://[::ffff:10.0.0.1]/hook',
      ]) {
        expect({ url, paths: await paths({ ...hook, url }) }).toEqual({ url, paths: ['body.url'] });
      }
      const { id } = (await add(owner, env.id)).body;
      expect(await paths({ url: 'http://10.0.0.1/' }, 'PATCH', `/${id}`)).toEqual(['body.url']);
      expect(await paths({ events: ['nope'] }, 'PATCH', `/${id}`)).toContain('body.events.0');
    });

    test('private targets are accepted when FLC_WEBHOOK_ALLOW_PRIVATE is set', async () => {
      const lax = await createTestApi(target, { webhookAllowPrivate: true });
      try {
        const owner = await lax.signup();
        const env = (
          await lax.call('POST', '/v1/environments', {
            token: owner.accessToken,
            body: { name: 'Dev' },
          })
        ).body;
        const res = await lax.call('POST', `/v1/environments/${env.id}/webhooks`, {
          token: owner.accessToken,
          body: { url: 'http://localhost:4000/hook', events: ['message.created'] },
        });
        expect(res.status).toBe(201);
        expect(res.body.url).toBe('http://localhost:4000/hook');
      } finally {
        await lax.close();
      }
    });

    test('role agent reads webhooks and deliveries and is refused every write', async () => {
      const owner = await api.signup();
      const env = await environment(owner);
      const { id } = (await add(owner, env.id)).body;
      const token = (await api.addMember(owner, 'agent')).accessToken;
      const base = `/v1/environments/${env.id}/webhooks`;
      expect((await api.call('GET', base, { token })).status).toBe(200);
      expect((await api.call('GET', `${base}/${id}/deliveries`, { token })).status).toBe(200);
      for (const [method, path, body] of [
        ['POST', base, hook],
        ['PATCH', `${base}/${id}`, { enabled: false }],
        ['DELETE', `${base}/${id}`, undefined],
      ] as const) {
        const res = await api.call(method, path, { token, body });
        expect({ method, status: res.status }).toEqual({ method, status: 403 });
      }
      const after = await api.call('GET', base, { token });
      expect(after.body.items[0]).toMatchObject({ id, enabled: true });
    });

    test("another tenant's or environment's ids are 404 on every route", async () => {
      const victim = await api.signup('Victim');
      const env = await environment(victim);
      const other = await environment(victim, 'Staging');
      const { id } = (await add(victim, env.id)).body;
      const intruder = await api.signup('Intruder');
      const own = await environment(intruder);
      const cases: [Owner, string, string, unknown][] = [];
      for (const [who, envId] of [
        [intruder, env.id],
        [intruder, own.id],
        [victim, other.id],
      ] as const) {
        const base = `/v1/environments/${envId}/webhooks`;
        if (envId === env.id) {
          cases.push([who, 'GET', base, undefined], [who, 'POST', base, hook]);
        }
        cases.push(
          [who, 'PATCH', `${base}/${id}`, { enabled: false }],
          [who, 'DELETE', `${base}/${id}`, undefined],
          [who, 'GET', `${base}/${id}/deliveries`, undefined],
        );
      }
      cases.push([
        victim,
        'GET',
        `/v1/environments/${env.id}/webhooks/${Bun.randomUUIDv7()}/deliveries`,
        undefined,
      ]);
      for (const [who, method, path, body] of cases) {
        const res = await api.call(method, path, { token: who.accessToken, body });
        expect({ method, path, status: res.status, code: res.body.error?.code }).toEqual({
          method,
          path,
          status: 404,
          code: 'not_found',
        });
      }
      const list = await api.call('GET', `/v1/environments/${env.id}/webhooks`, {
        token: victim.accessToken,
      });
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({ id, enabled: true, url: hook.url });
    });

    test('pagination: limit=1 reaches every webhook once', async () => {
      const owner = await api.signup();
      const env = await environment(owner);
      const urls = ['https://a.example/h', 'https://b.example/h', 'https://c.example/h'];
      for (const url of urls) await add(owner, env.id, { ...hook, url });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const res = await api.call('GET', `/v1/environments/${env.id}/webhooks?limit=1${query}`, {
          token: owner.accessToken,
        });
        seen.push(res.body.items[0].url);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(urls);
    });
  });
}
