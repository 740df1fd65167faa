import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { signInAtProvider, oidcTestUsers as users } from '@flc/testkit/oidc';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';
import {
  agentWithEmail,
  callback,
  connect,
  outcome,
  signIn,
  start,
  testIssuer,
} from './testing.ts';

for (const target of databaseTargets()) {
  describe.skipIf(!testIssuer)(`SSO sign-in on ${target.name}`, () => {
    let api: TestApi;
    let owner: Owner;
    let slug: string;
    beforeAll(async () => {
      api = await createTestApi(target, { oidcAllowPrivateIssuers: true });
      owner = await api.signup('Acme');
      slug = await connect(api, owner);
      await agentWithEmail(api, owner, users.agent.email);
    }, 60_000);
    afterAll(() => api.close());

    test('an agent signs in at the provider and the console exchanges the code once', async () => {
      const started = await start(api, slug);
      const authorize = new URL(started.location);
      expect(authorize.origin).toBe(testIssuer as string);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('redirect_uri')).toBe(
        'http://localhost/v1/auth/oidc/callback',
      );
      for (const p of ['state', 'nonce', 'code_challenge']) {
        expect(authorize.searchParams.get(p)?.length).toBeGreaterThan(20);
      }
      expect(started.cookie).toStartWith('flc_oidc=');

      const back = await signInAtProvider(started.location, users.agent);
      const landed = await callback(api, back, started.cookie);
      expect(landed.search).toBe(''); // the code rides in the fragment, which no server logs
      const { code } = outcome(landed);
      expect(code).toStartWith('flc_sso_');

      const session = await api.call('POST', '/v1/auth/oidc/exchange', { body: { code } });
      expect(session.status).toBe(200);
      expect(session.body.agent).toMatchObject({
        email: users.agent.email,
        organizationId: owner.organization.id,
      });
      const me = await api.call('GET', '/v1/me', { token: session.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.agent.email).toBe(users.agent.email);
      const refreshed = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken: session.body.refreshToken },
      });
      expect(refreshed.status).toBe(200);
      const log = await api.call('GET', '/v1/audit-events?action=auth.sso.', {
        token: owner.accessToken,
      });
      expect(log.body.items).toHaveLength(1);
      expect(log.body.items[0]).toMatchObject({
        action: 'auth.sso.succeeded',
        actor: { kind: 'agent', id: session.body.agent.id },
      });

      const again = await api.call('POST', '/v1/auth/oidc/exchange', { body: { code } });
      expect(again.status).toBe(401);
    });

    test('the organization id works as well as the slug', async () => {
      expect(outcome(await signIn(api, owner.organization.id, users.agent)).code).toBeTruthy();
    });

    test('an unverified email, an unknown email and denied consent are refused', async () => {
      expect(outcome(await signIn(api, slug, users.unverified)).error).toBe('sso_email_unverified');
      expect(outcome(await signIn(api, slug, users.stranger)).error).toBe('sso_unknown_user');
      expect(outcome(await signIn(api, slug, users.agent, { deny: true })).error).toBe(
        'sso_denied',
      );
    });

    test("another organization's agent and a disabled agent are refused", async () => {
      const other = await api.signup('Other');
      await agentWithEmail(api, other, users.outsider.email);
      expect(outcome(await signIn(api, slug, users.outsider)).error).toBe('sso_unknown_user');
      await agentWithEmail(api, owner, users.disabled.email, 'disabled');
      expect(outcome(await signIn(api, slug, users.disabled)).error).toBe('sso_account_disabled');
    });

    test('a replayed, tampered or foreign-browser callback is refused', async () => {
      const started = await start(api, slug);
      const back = await signInAtProvider(started.location, users.agent);

      const tamperedState = new URL(back);
      tamperedState.searchParams.set('state', 'forged-state-value');
      expect(outcome(await callback(api, tamperedState, started.cookie)).error).toBe(
        'sso_state_invalid',
      );
      // Another browser (no cookie, or another sign-in's) cannot finish this one; trying spends it.
      const other = await start(api, slug);
      expect(outcome(await callback(api, back, other.cookie)).error).toBe('sso_state_invalid');
      expect(outcome(await callback(api, back, started.cookie)).error).toBe('sso_state_invalid');

      const second = await start(api, slug);
      const secondBack = await signInAtProvider(second.location, users.agent);
      const tamperedCode = new URL(secondBack);
      tamperedCode.searchParams.set('code', `${secondBack.searchParams.get('code')}x`);
      expect(outcome(await callback(api, tamperedCode, second.cookie)).error).toBe('sso_failed');
      // The state was spent by the failed attempt: the genuine answer is now a replay.
      expect(outcome(await callback(api, secondBack, second.cookie)).error).toBe(
        'sso_state_invalid',
      );

      const third = await start(api, slug);
      const thirdBack = await signInAtProvider(third.location, users.agent);
      expect(outcome(await callback(api, thirdBack, third.cookie)).code).toBeTruthy();
      expect(outcome(await callback(api, thirdBack, third.cookie)).error).toBe('sso_state_invalid');
      const noState = new URL(thirdBack);
      noState.searchParams.delete('state');
      expect(outcome(await callback(api, noState, third.cookie)).error).toBe('sso_state_invalid');
    });

    test('an unknown or disabled connection sends the browser back with sso_unavailable', async () => {
      expect(outcome(new URL((await start(api, 'no-such-org')).location)).error).toBe(
        'sso_unavailable',
      );
      const other = await api.signup('Switched off');
      const off = await connect(api, other, { enabled: false });
      expect(outcome(new URL((await start(api, off)).location)).error).toBe('sso_unavailable');
      const missing = await api.call('GET', '/v1/auth/oidc/start');
      expect(missing.status).toBe(422);
    });

    test('allowed domains are enforced; provisioning makes unknown users agents', async () => {
      const strict = await api.signup('Strict');
      const strictSlug = await connect(api, strict, { allowedDomains: ['elsewhere.example'] });
      await agentWithEmail(api, strict, users.browser.email);
      expect(outcome(await signIn(api, strictSlug, users.browser)).error).toBe(
        'sso_domain_not_allowed',
      );

      const open = await api.signup('Open');
      const openSlug = await connect(api, open, {
        allowedDomains: ['sso.example.com'],
        provisionAgents: true,
      });
      const { code } = outcome(await signIn(api, openSlug, users.stranger));
      const session = await api.call('POST', '/v1/auth/oidc/exchange', { body: { code } });
      expect(session.status).toBe(200);
      expect(session.body.agent).toMatchObject({
        email: users.stranger.email,
        role: 'agent',
        status: 'active',
        organizationId: open.organization.id,
      });
      // Provisioning never takes an email another organization has.
      expect(outcome(await signIn(api, openSlug, users.agent)).error).toBe('sso_unknown_user');
    });

    test('enforced SSO stops password logins of agents, not of owners', async () => {
      const strict = await api.signup('Enforcing');
      const member = await api.addMember(strict, 'admin');
      await connect(api, strict, { enforceSso: true });
      const refused = await api.call('POST', '/v1/auth/login', {
        body: { email: member.email, password: member.password },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('sso_required');
      const wrong = await api.call('POST', '/v1/auth/login', {
        body: { email: member.email, password: 'not the password' },
      });
      expect(wrong.status).toBe(401); // the policy is only told to who knows the password
      const ownerLogin = await api.call('POST', '/v1/auth/login', {
        body: { email: strict.email, password: strict.password },
      });
      expect(ownerLogin.status).toBe(200);
    });

    test('a bad or used exchange code is 401, a malformed one 422', async () => {
      const bad = await api.call('POST', '/v1/auth/oidc/exchange', { body: { code: 'flc_sso_x' } });
      expect(bad.status).toBe(401);
      const malformed = await api.call('POST', '/v1/auth/oidc/exchange', { body: { code: '' } });
      expect(malformed.status).toBe(422);
    });
  });
}
