import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { oidcTestUsers as users } from '@flc/testkit/oidc';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';
import { agentWithEmail, connect, outcome, signIn, testIssuer } from './testing.ts';

// Single sign-on matches an email to its joined account wherever it is, else to this
// organization's invitation of it: another organization's invitation neither stands in the way
// nor is activated, and an invitation whose email joined elsewhere is refused.
for (const target of databaseTargets()) {
  describe.skipIf(!testIssuer)(`SSO sign-in and invitations on ${target.name}`, () => {
    let api: TestApi;
    let a: Owner;
    let b: Owner;
    let slugA: string;
    beforeAll(async () => {
      api = await createTestApi(target, { oidcAllowPrivateIssuers: true });
      a = await api.signup('Org A');
      b = await api.signup('Org B');
      slugA = await connect(api, a, { provisionAgents: true, allowedDomains: ['sso.example.com'] });
    }, 60_000);
    afterAll(() => api.close());

    const statusOf = async (id: string) =>
      (await api.deps.db.sql<{ status: string }[]>`select status from agents where id = ${id}`)[0]
        ?.status;

    test("an invitation here is activated; another organization's is left alone, then refused", async () => {
      const elsewhere = await agentWithEmail(api, b, users.agent.email, 'invited');
      const here = await agentWithEmail(api, a, users.agent.email, 'invited');
      const { code } = outcome(await signIn(api, slugA, users.agent));
      const session = await api.call('POST', '/v1/auth/oidc/exchange', { body: { code } });
      expect(session.status).toBe(200);
      expect(session.body.agent).toMatchObject({ id: here, organizationId: a.organization.id });
      expect(await statusOf(elsewhere)).toBe('invited');
      // The email has joined A now: B's invitation cannot sign in through B's connection.
      const slugB = await connect(api, b);
      expect(outcome(await signIn(api, slugB, users.agent)).error).toBe('sso_unknown_user');
      expect(await statusOf(elsewhere)).toBe('invited');
    });

    test('an invitation here whose email joined another organization is refused, and stays', async () => {
      await agentWithEmail(api, b, users.outsider.email, 'active');
      const here = await agentWithEmail(api, a, users.outsider.email, 'invited');
      expect(outcome(await signIn(api, slugA, users.outsider)).error).toBe('sso_unknown_user');
      expect(await statusOf(here)).toBe('invited');
    });

    test("provisioning is not held back by another organization's invitation", async () => {
      const elsewhere = await agentWithEmail(api, b, users.stranger.email, 'invited');
      const { code } = outcome(await signIn(api, slugA, users.stranger));
      const session = await api.call('POST', '/v1/auth/oidc/exchange', { body: { code } });
      expect(session.status).toBe(200);
      expect(session.body.agent).toMatchObject({
        email: users.stranger.email,
        status: 'active',
        organizationId: a.organization.id,
      });
      expect(await statusOf(elsewhere)).toBe('invited');
    });
  });
}
