import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

for (const target of databaseTargets()) {
  describe(`GET /v1/audit-events on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    const list = (owner: Owner, query = '') =>
      api.call('GET', `/v1/audit-events${query}`, { token: owner.accessToken });
    const createEnvironment = async (owner: Owner, name: string) =>
      (await api.call('POST', '/v1/environments', { token: owner.accessToken, body: { name } }))
        .body as { id: string };

    test('owners read their log, newest first; admins and agents get 403', async () => {
      const owner = await api.signup();
      const env = await createEnvironment(owner, 'Production');
      const res = await list(owner);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
        'environment.created',
        'organization.created',
      ]);
      expect(res.body.items[0]).toEqual({
        id: expect.any(String),
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        actor: { kind: 'agent', id: owner.agent.id, label: expect.stringMatching(/^Owner /) },
        action: 'environment.created',
        target: { type: 'environment', id: env.id },
        ip: null,
        userAgent: null,
        details: { name: 'Production', allowedOrigins: [] },
      });

      for (const role of ['admin', 'agent'] as const) {
        const member = await api.addMember(owner, role);
        const refused = await list(member);
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe('forbidden');
      }
      expect((await api.call('GET', '/v1/audit-events')).status).toBe(401);
    });

    test("an API key cannot read the log; another organization's events are never shown", async () => {
      const a = await api.signup('A');
      const b = await api.signup('B');
      const envB = await createEnvironment(b, 'B prod');
      const key = await api.call('POST', `/v1/environments/${envB.id}/api-keys`, {
        token: b.accessToken,
        body: { name: 'CRM' },
      });
      const byKey = await api.call('GET', '/v1/audit-events', {
        headers: { 'x-api-key': key.body.key, 'x-api-secret': key.body.secret },
      });
      expect(byKey.status).toBe(401);

      const seenByA = await list(a, '?limit=100');
      expect(seenByA.body.items).toHaveLength(1);
      expect(seenByA.body.items[0].target).toEqual({ type: 'organization', id: a.organization.id });
      // Filtering by B's owner from A's side finds nothing either.
      const byOtherActor = await list(a, `?actorId=${b.agent.id}`);
      expect(byOtherActor.status).toBe(200);
      expect(byOtherActor.body.items).toEqual([]);
      const seenByB = await list(b, '?limit=100');
      expect(seenByB.body.items.map((e: { action: string }) => e.action)).toEqual([
        'api_key.created',
        'environment.created',
        'organization.created',
      ]);
    });

    test('pages through every event once, in order, by cursor', async () => {
      const owner = await api.signup();
      for (let i = 0; i < 6; i++) await createEnvironment(owner, `Env ${i}`);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await list(owner, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(
          ...res.body.items.map((e: { id: string; details: { name?: string } }) => e.details.name),
        );
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(['Env 5', 'Env 4', 'Env 3', 'Env 2', 'Env 1', 'Env 0', 'Acme']);
    });

    test('filters by action prefix, actor and time range', async () => {
      const owner = await api.signup();
      const admin = await api.addMember(owner, 'admin');
      const env = await createEnvironment(admin, 'By admin');
      await api.call('POST', `/v1/environments/${env.id}/api-keys`, {
        token: owner.accessToken,
        body: { name: 'K' },
      });
      const actions = async (query: string) => {
        const res = await list(owner, query);
        expect(res.status).toBe(200);
        return res.body.items.map((e: { action: string }) => e.action);
      };
      expect(await actions('?action=environment.')).toEqual(['environment.created']);
      expect(await actions('?action=auth.login')).toEqual(['auth.login.succeeded']);
      // A prefix is literal: `_` matches only itself.
      expect(await actions('?action=api_key')).toEqual(['api_key.created']);
      expect(await actions('?action=api_')).toEqual(['api_key.created']);
      expect(await actions('?action=apixkey')).toEqual([]);
      expect(await actions(`?actorId=${admin.agent.id}`)).toEqual([
        'environment.created',
        'auth.login.succeeded',
      ]);

      const all = (await list(owner)).body.items as { action: string; occurredAt: string }[];
      const created = all.find((e) => e.action === 'environment.created');
      if (!created) throw new Error('no environment.created');
      expect(await actions(`?from=${encodeURIComponent(created.occurredAt)}`)).toContain(
        'environment.created',
      );
      const later = new Date(Date.parse(created.occurredAt) + 60_000).toISOString();
      expect(await actions(`?from=${later}`)).toEqual([]);
      expect(
        await actions(`?to=${encodeURIComponent(created.occurredAt)}&action=environment`),
      ).toEqual([]);
      expect(await actions(`?to=${later}&action=environment`)).toEqual(['environment.created']);
    });

    test('bad filters and cursors are 4xx, never 500', async () => {
      const owner = await api.signup();
      for (const query of [
        '?actorId=not-a-uuid',
        '?action=Agent.Removed',
        "?action=agent'%20or%201=1",
        `?action=${'a'.repeat(101)}`,
        '?from=yesterday',
        '?to=2026-13-45T00:00:00Z',
        '?limit=0',
        '?limit=101',
        '?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      ]) {
        const res = await list(owner, query);
        expect({ query, status: res.status }).toEqual({ query, status: 422 });
      }
      for (const cursor of ['nope', Buffer.from('2026-01-01|x').toString('base64url')]) {
        const res = await list(owner, `?cursor=${cursor}`);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('bad_request');
      }
    });
  });
}
