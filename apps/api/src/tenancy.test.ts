import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApi, databaseTargets, type Owner, type TestApi } from './testing/harness.ts';

/**
 * Sweeps every route of the OpenAPI document that takes an id: another tenant's ids must be
 * 404 and change nothing, and a plain agent must be refused every write. A route added without
 * an entry in `bodies` fails the sweep, so new routes cannot skip it.
 */
const bodies: Record<string, unknown> = {
  'GET /v1/agents/{id}': undefined,
  'PATCH /v1/agents/{id}': { role: 'admin' },
  'DELETE /v1/agents/{id}': undefined,
  'POST /v1/agents/{id}/invite': undefined,
  'GET /v1/environments/{id}': undefined,
  'PATCH /v1/environments/{id}': { name: 'Hijacked' },
  'DELETE /v1/environments/{id}': undefined,
  'POST /v1/environments/{id}/plugin-key/rotate': undefined,
  'POST /v1/environments/{id}/identity-secret/rotate': undefined,
  'GET /v1/environments/{id}/api-keys': undefined,
  'POST /v1/environments/{id}/api-keys': { name: 'Stolen' },
  'DELETE /v1/environments/{id}/api-keys/{keyId}': undefined,
  'GET /v1/environments/{id}/webhooks': undefined,
  'POST /v1/environments/{id}/webhooks': {
    url: 'https://example.com/hook',
    events: ['message.created'],
  },
  'PATCH /v1/environments/{id}/webhooks/{webhookId}': { enabled: false },
  'DELETE /v1/environments/{id}/webhooks/{webhookId}': undefined,
  'GET /v1/environments/{id}/webhooks/{webhookId}/deliveries': undefined,
};

/** Writes without an id, for the role sweep. */
const plainWrites: Record<string, unknown> = {
  'PATCH /v1/organization': { name: 'Renamed' },
  'POST /v1/agents': { email: 'new-agent@example.com', name: 'New', role: 'agent' },
  'POST /v1/environments': { name: 'Staging' },
};

interface Fixture {
  owner: Owner;
  ids: Record<string, string>;
}

async function tenantWithEverything(api: TestApi): Promise<Fixture> {
  const owner = await api.signup('Victim');
  const token = owner.accessToken;
  const env = await api.call('POST', '/v1/environments', { token, body: { name: 'Production' } });
  const id = env.body.id;
  const key = await api.call('POST', `/v1/environments/${id}/api-keys`, {
    token,
    body: { name: 'CRM' },
  });
  const hook = await api.call('POST', `/v1/environments/${id}/webhooks`, {
    token,
    body: { url: 'https://example.com/hook', events: ['message.created'] },
  });
  const invite = await api.call('POST', '/v1/agents', {
    token,
    body: { email: `invitee-${crypto.randomUUID()}@example.com`, name: 'Invitee', role: 'agent' },
  });
  for (const r of [env, key, hook, invite]) expect(r.status).toBe(201);
  return {
    owner,
    ids: {
      environment: id,
      keyId: key.body.id,
      webhookId: hook.body.id,
      agent: invite.body.agent.id,
    },
  };
}

function fill(path: string, ids: Record<string, string>): string {
  const id = path.startsWith('/v1/agents') ? ids.agent : ids.environment;
  return path
    .replace('{id}', id ?? '')
    .replace('{keyId}', ids.keyId ?? '')
    .replace('{webhookId}', ids.webhookId ?? '');
}

for (const target of databaseTargets()) {
  describe(`tenancy sweep on ${target.name}`, () => {
    let api: TestApi;
    let victim: Fixture;
    let routes: string[];

    beforeAll(async () => {
      api = await createTestApi(target);
      victim = await tenantWithEverything(api);
      const doc = (await api.call('GET', '/swagger/json')).body;
      routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
        ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      );
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    test('every route with an id is in the sweep', () => {
      const templated = routes.filter(
        (r) =>
          r.includes('{') &&
          r.includes(' /v1/') &&
          !r.includes('/v1/widget/') &&
          !r.includes('/v1/conversations') &&
          !r.includes('/v1/contacts'),
      );
      expect(templated.sort()).toEqual(Object.keys(bodies).sort());
    });

    test("another tenant's ids are 404 on every route and change nothing", async () => {
      const intruder = await api.signup('Intruder');
      for (const [route, body] of Object.entries(bodies)) {
        const [method, path] = route.split(' ') as [string, string];
        const res = await api.call(method, fill(path, victim.ids), {
          token: intruder.accessToken,
          body,
        });
        expect({ route, status: res.status, code: res.body?.error?.code }).toEqual({
          route,
          status: 404,
          code: 'not_found',
        });
      }
      const token = victim.owner.accessToken;
      const env = await api.call('GET', `/v1/environments/${victim.ids.environment}`, { token });
      expect(env.body.name).toBe('Production');
      const keys = await api.call('GET', `/v1/environments/${victim.ids.environment}/api-keys`, {
        token,
      });
      expect(keys.body.items.map((k: { name: string }) => k.name)).toEqual(['CRM']);
      const hooks = await api.call('GET', `/v1/environments/${victim.ids.environment}/webhooks`, {
        token,
      });
      expect(hooks.body.items).toHaveLength(1);
      const agent = await api.call('GET', `/v1/agents/${victim.ids.agent}`, { token });
      expect(agent.body.role).toBe('agent');
    });

    test("another tenant's lists never show this tenant's rows", async () => {
      const other = await api.signup('Other');
      for (const path of ['/v1/agents', '/v1/environments']) {
        const res = await api.call('GET', path, { token: other.accessToken });
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toContain(victim.owner.organization.id);
      }
      const org = await api.call('GET', '/v1/organization', { token: other.accessToken });
      expect(org.body.id).toBe(other.organization.id);
    });

    test('a plain agent is refused every write, and can read', async () => {
      const member = await api.addMember(victim.owner, 'agent');
      const token = member.accessToken;
      const writes = { ...plainWrites, ...bodies };
      for (const [route, body] of Object.entries(writes)) {
        const [method, path] = route.split(' ') as [string, string];
        if (method === 'GET') continue;
        const res = await api.call(method, fill(path, victim.ids), { token, body });
        expect({ route, status: res.status }).toEqual({ route, status: 403 });
      }
      for (const [route] of Object.entries(bodies).filter(([r]) => r.startsWith('GET '))) {
        const path = route.slice(4);
        const res = await api.call('GET', fill(path, victim.ids), { token });
        expect({ route, status: res.status }).toEqual({ route, status: 200 });
      }
    });
  });
}
