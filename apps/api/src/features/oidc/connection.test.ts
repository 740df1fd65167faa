import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { oidcTestClient } from '@flc/testkit/oidc';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { connect, testIssuer } from './testing.ts';

const path = '/v1/organization/oidc';

for (const target of databaseTargets()) {
  describe.skipIf(!testIssuer)(`SSO connection on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target, { oidcAllowPrivateIssuers: true });
    }, 60_000);
    afterAll(() => api.close());

    const body = (overrides: Record<string, unknown> = {}) => ({
      slug: `crud-${crypto.randomUUID().slice(0, 8)}`,
      issuer: testIssuer,
      clientId: oidcTestClient.clientId,
      clientSecret: oidcTestClient.clientSecret,
      allowedDomains: ['sso.example.com'],
      enabled: true,
      ...overrides,
    });

    test('owners save, read, update and remove it; the secret is never answered', async () => {
      const owner = await api.signup();
      const token = owner.accessToken;
      expect((await api.call('GET', path, { token })).status).toBe(404);
      const uri = await api.call('GET', `${path}/redirect-uri`, { token });
      expect(uri.body).toEqual({ redirectUri: 'http://localhost/v1/auth/oidc/callback' });

      const saved = await api.call('PUT', path, { token, body: body({ slug: 'acme-crud' }) });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        slug: 'acme-crud',
        issuer: testIssuer,
        clientId: oidcTestClient.clientId,
        allowedDomains: ['sso.example.com'],
        enabled: true,
        enforceSso: false,
        provisionAgents: false,
        redirectUri: 'http://localhost/v1/auth/oidc/callback',
      });
      expect(JSON.stringify(saved.body)).not.toContain(oidcTestClient.clientSecret);
      const read = await api.call('GET', path, { token });
      expect(read.body).toEqual(saved.body);
      expect(JSON.stringify(read.body)).not.toContain(oidcTestClient.clientSecret);
      const [row] = await api.deps.db.sql<{ client_secret_sealed: string }[]>`
        select client_secret_sealed from oidc_connections
        where organization_id = ${owner.organization.id}`;
      expect(row?.client_secret_sealed).toStartWith('v1.');
      expect(row?.client_secret_sealed).not.toContain(oidcTestClient.clientSecret);

      // Without a secret the stored one is kept (discovery runs with it again).
      const { clientSecret: _, ...withoutSecret } = body({ slug: 'acme-crud' });
      const updated = await api.call('PUT', path, {
        token,
        body: { ...withoutSecret, enabled: false, enforceSso: true },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ enabled: false, enforceSso: true });

      expect((await api.call('DELETE', path, { token })).status).toBe(204);
      expect((await api.call('GET', path, { token })).status).toBe(404);
      expect((await api.call('DELETE', path, { token })).status).toBe(404);

      // Each change is in the audit log, once, with no secret.
      const log = await api.call('GET', '/v1/audit-events?action=sso.', { token });
      expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
        'sso.connection_deleted',
        'sso.connection_updated',
        'sso.connection_created',
      ]);
      expect(log.body.items[0].actor).toMatchObject({ kind: 'agent', id: owner.agent.id });
      expect(JSON.stringify(log.body)).not.toContain(oidcTestClient.clientSecret);
    });

    test('admins and agents may not see or change it', async () => {
      const owner = await api.signup();
      await connect(api, owner);
      for (const role of ['admin', 'agent'] as const) {
        const member = await api.addMember(owner, role);
        const token = member.accessToken;
        for (const [method, b] of [['GET'], ['PUT', body()], ['DELETE']] as const) {
          const res = await api.call(method, path, { token, body: b });
          expect(res.status, `${role} ${method}`).toBe(403);
        }
        expect((await api.call('GET', `${path}/redirect-uri`, { token })).status).toBe(403);
      }
      expect((await api.call('GET', path, { token: owner.accessToken })).status).toBe(200);
      expect((await api.call('GET', path)).status).toBe(401);
    });

    test('another tenant neither sees nor takes over the connection or its slug', async () => {
      const a = await api.signup('A');
      const b = await api.signup('B');
      const slug = await connect(api, a);
      expect((await api.call('GET', path, { token: b.accessToken })).status).toBe(404);
      const taken = await api.call('PUT', path, { token: b.accessToken, body: body({ slug }) });
      expect(taken.status).toBe(409);
      expect((await api.call('DELETE', path, { token: b.accessToken })).status).toBe(404);
      const mine = await api.call('GET', path, { token: a.accessToken });
      expect(mine.body.slug).toBe(slug);
    });

    test('an issuer whose discovery fails is 422 with the reason, and nothing is saved', async () => {
      const owner = await api.signup();
      const token = owner.accessToken;
      const cases: [string, RegExp][] = [
        ['http://127.0.0.1:9/', /could not be reached/],
        [`${testIssuer}/nowhere`, /discovery document/],
      ];
      for (const [issuer, reason] of cases) {
        const res = await api.call('PUT', path, { token, body: body({ issuer }) });
        expect(res.status, issuer).toBe(422);
        expect(res.body.error.code).toBe('oidc_discovery_failed');
        expect(res.body.error.message).toMatch(reason);
      }
      expect((await api.call('GET', path, { token })).status).toBe(404);
    });

    test('bad input is 422, never a 500', async () => {
      const owner = await api.signup();
      const token = owner.accessToken;
      const bad: Record<string, unknown>[] = [
        { issuer: 'not a url' },
        { issuer: 'ftp://idp.example.com' },
        { issuer: `${testIssuer}?x=1` },
        { slug: 'Not A Slug' },
        { slug: '' },
        { clientId: '' },
        { allowedDomains: ['not a domain'] },
        { allowedDomains: 'sso.example.com' },
        { enabled: 'yes' },
        { clientSecret: undefined }, // a new connection needs one
        { provisionAgents: true, allowedDomains: [] },
      ];
      for (const overrides of bad) {
        const res = await api.call('PUT', path, { token, body: body(overrides) });
        expect(res.status, JSON.stringify(overrides)).toBe(422);
      }
      expect((await api.call('PUT', path, { token, body: '[]' })).status).toBe(422);
      expect((await api.call('GET', path, { token })).status).toBe(404);
    });
  });
}
