import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { signUp } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { signedInOperator } from './testing.ts';

for (const target of databaseTargets()) {
  describe(`the sign-up policy on ${target.name}`, () => {
    let api: TestApi;
    let token = '';
    beforeAll(async () => {
      api = await createTestApi(target);
      token = (await signedInOperator(api)).token;
    }, 60_000);
    afterAll(() => api.close());

    const signup = (email: string) =>
      api.call('POST', '/v1/auth/signup', {
        body: {
          organizationName: 'Policy Co',
          name: 'Pat',
          email,
          password: 'correct horse battery staple',
        },
      });
    const setPolicy = (body: unknown) =>
      api.call('PUT', '/v1/operator/signup-policy', { token, body });
    const fresh = (domain: string) => `pat-${crypto.randomUUID()}@${domain}`;

    test('open by default; domains, invite-only and closed refuse with their codes', async () => {
      expect((await api.call('GET', '/v1/operator/signup-policy', { token })).body).toEqual({
        mode: 'open',
        allowedDomains: [],
        updatedAt: null,
      });
      expect((await signup(fresh('example.com'))).status).toBe(201);

      const domains = await setPolicy({
        mode: 'open',
        allowedDomains: ['Example.org', 'example.org'],
      });
      expect(domains.body).toMatchObject({ mode: 'open', allowedDomains: ['example.org'] });
      expect((await signup(fresh('example.org'))).status).toBe(201);
      const foreign = await signup(fresh('example.com'));
      expect({ status: foreign.status, code: foreign.body.error.code }).toEqual({
        status: 403,
        code: 'signup_domain_not_allowed',
      });
      // A lookalike subdomain is another domain.
      expect((await signup(fresh('evil.example.org'))).status).toBe(403);

      for (const mode of ['invite_only', 'closed']) {
        expect((await setPolicy({ mode, allowedDomains: [] })).status).toBe(200);
        const refused = await signup(fresh('example.org'));
        expect({ mode, status: refused.status, code: refused.body.error.code }).toEqual({
          mode,
          status: 403,
          code: 'signup_closed',
        });
      }
      const bad = await setPolicy({ mode: 'open', allowedDomains: ['not a domain'] });
      expect(bad.status).toBe(422);
      await setPolicy({ mode: 'open', allowedDomains: [] });
    });

    test('invitations still work when sign-up is invite-only', async () => {
      const owner = await signUp(api.rest, 'Inviting Co');
      expect((await setPolicy({ mode: 'invite_only', allowedDomains: [] })).status).toBe(200);
      try {
        const email = fresh('example.net');
        const invited = await api.call('POST', '/v1/agents', {
          token: owner.accessToken,
          body: { email, name: 'Invitee', role: 'agent' },
        });
        expect(invited.status).toBe(201);
        const accepted = await api.call('POST', '/v1/auth/accept-invite', {
          body: { token: invited.body.inviteToken, password: 'another horse battery staple' },
        });
        expect(accepted.status).toBe(200);
        expect(accepted.body.agent.email).toBe(email);
      } finally {
        await setPolicy({ mode: 'open', allowedDomains: [] });
      }
      const [changes] = await api.deps.db.sql<{ n: number }[]>`
        select count(*)::int as n from operator_events where action = 'signup_policy.changed'`;
      expect(changes?.n).toBeGreaterThanOrEqual(6);
    });
  });
}
