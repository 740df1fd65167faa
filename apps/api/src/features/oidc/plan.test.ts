import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { oidcTestUsers as users } from '@flc/testkit/oidc';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { agentWithEmail, connect, outcome, signIn, start, testIssuer } from './testing.ts';

// Single sign-on under a tenant's plan: an agent made at sign-in takes a seat of the plan
// (`sso_plan_limit` past it), and a plan without `sso` turns it off and refuses to set it up.
for (const target of databaseTargets()) {
  describe.skipIf(!testIssuer)(`SSO and plans on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target, { oidcAllowPrivateIssuers: true });
    }, 60_000);
    afterAll(() => api.close());

    async function onPlan(
      org: string,
      limits: Record<string, number>,
      features: Record<string, boolean> = {},
    ) {
      const id = `sso-${crypto.randomUUID().slice(0, 8)}`;
      await api.deps.db.sql`insert into plans (id, name, limits, features)
        values (${id}, 'SSO plan', ${api.deps.db.sql.json(limits)},
          ${api.deps.db.sql.json(features)})`;
      await api.deps.db.sql`update organizations set plan_id = ${id} where id = ${org}`;
      api.deps.planDirectory.forget?.(org);
    }

    test('an agent provisioned at sign-in needs a free seat of the plan', async () => {
      const owner = await api.signup('Provisioning');
      const slug = await connect(api, owner, {
        allowedDomains: ['sso.example.com'],
        provisionAgents: true,
      });
      await onPlan(owner.organization.id, { agents: 1 });
      expect(outcome(await signIn(api, slug, users.stranger)).error).toBe('sso_plan_limit');
      const [none] = await api.deps.db.sql<{ n: number }[]>`
        select count(*)::int as n from agents where email = ${users.stranger.email}`;
      expect(none?.n).toBe(0);
      await onPlan(owner.organization.id, { agents: 2 });
      expect(outcome(await signIn(api, slug, users.stranger)).code).toBeTruthy();
    });

    test('a plan without single sign-on turns it off and refuses to set it up', async () => {
      const owner = await api.signup('No SSO');
      const slug = await connect(api, owner);
      await agentWithEmail(api, owner, users.agent.email);
      await onPlan(owner.organization.id, {}, { sso: false });
      // Refused at the start, before the provider.
      expect(outcome(new URL((await start(api, slug)).location)).error).toBe('sso_unavailable');
      const put = await api.call('PUT', '/v1/organization/oidc', {
        token: owner.accessToken,
        body: { slug, issuer: testIssuer, clientId: 'x', allowedDomains: [], enabled: true },
      });
      expect(put.status).toBe(402);
      expect(put.body.error).toMatchObject({ code: 'plan_feature_unavailable', feature: 'sso' });
    });
  });
}
