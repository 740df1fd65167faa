import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { boot, bootVisitor, type ChatTenant, chatTenant } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from './testing/harness.ts';

// What one caller can make the platform create or do is bounded: sign-ups and widget boots
// per IP, requests per visitor session, open conversations per visitor, invitations (each a
// mail to any address) per organization. Each limit is
// configurable; the budgets are counted by the platform's rate limiter (memory or Redis, one
// conformance suite in @flc/storage/rate-limit).

const fromIp = (ip: string) => ({ 'x-forwarded-for': ip });

for (const target of databaseTargets()) {
  describe(`abuse limits on ${target.name}`, () => {
    let api: TestApi;
    let tenant: ChatTenant;
    beforeAll(async () => {
      api = await createTestApi(target, {
        trustProxy: true,
        signupsPerIp: 3,
        widgetBootsPerIp: 4,
        ssoStartsPerIp: 2,
        visitorRequestsPerMinute: 5,
        openConversationsPerVisitor: 2,
        invitesPerOrgPerHour: 3,
      });
      tenant = await chatTenant(api.rest);
    }, 60_000);
    afterAll(() => api.close());

    test('sign-ups per IP: the budget, then 429 with retry-after; another IP is not held', async () => {
      const signup = (ip: string, n: number) =>
        api.call('POST', '/v1/auth/signup', {
          body: {
            organizationName: 'Spam',
            name: 'S',
            email: `spam-${ip}-${n}-${crypto.randomUUID()}@example.com`,
            password: 'a long passphrase 7',
          },
          headers: fromIp(ip),
        });
      // chatTenant signed up from the harness's own address, not these.
      for (let i = 0; i < 3; i++) expect((await signup('198.51.100.7', i)).status).toBe(201);
      const refused = await signup('198.51.100.7', 3);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
      expect((await signup('198.51.100.8', 0)).status).toBe(201);
    });

    test('widget boots per IP: no contact is created past the budget', async () => {
      const contacts = async () =>
        (
          await api.deps.db.sql<{ n: number }[]>`
            select count(*)::int as n from contacts where environment_id = ${tenant.env.id}`
        )[0]?.n;
      const before = await contacts();
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          boot(api.rest, tenant.env.pluginKey, {}, fromIp('203.0.113.9')),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(8);
      expect(await contacts()).toBe((before ?? 0) + 4);
      const elsewhere = await boot(api.rest, tenant.env.pluginKey, {}, fromIp('203.0.113.10'));
      expect(elsewhere.status).toBe(200);
    });

    test('single sign-on starts per IP: past the budget the browser goes back to the login page', async () => {
      const start = (ip: string) =>
        api.call('GET', '/v1/auth/oidc/start?organization=no-such-sso', { headers: fromIp(ip) });
      const answers = [
        await start('192.0.2.50'),
        await start('192.0.2.50'),
        await start('192.0.2.50'),
      ];
      expect(answers.map((a) => a.status)).toEqual([302, 302, 302]);
      const errors = answers.map((a) =>
        new URL(a.headers.get('location') ?? '').searchParams.get('sso_error'),
      );
      expect(errors).toEqual(['sso_unavailable', 'sso_unavailable', 'sso_rate_limited']);
      const other = await start('192.0.2.51');
      expect(new URL(other.headers.get('location') ?? '').searchParams.get('sso_error')).toBe(
        'sso_unavailable',
      );
    });

    test('invitations per organization, renewed links included: the budget, then 429; another organization is not held', async () => {
      const org = await api.signup('Inviting');
      const plain = await api.addMember(org, 'agent');
      const invite = (by: { accessToken: string }) =>
        api.call('POST', '/v1/agents', {
          token: by.accessToken,
          body: { email: `inv-${crypto.randomUUID()}@example.com`, name: 'I', role: 'agent' },
        });
      // A plain agent's refused attempts spend nothing of the managers' budget.
      for (let i = 0; i < 4; i++) expect((await invite(plain)).status).toBe(403);
      const first = await invite(org);
      expect(first.status).toBe(201);
      expect((await invite(org)).status).toBe(201);
      const renewed = await api.call('POST', `/v1/agents/${first.body.agent.id}/invite`, {
        token: org.accessToken,
      });
      expect(renewed.status).toBe(201);
      for (const refused of [
        await invite(org),
        await api.call('POST', `/v1/agents/${first.body.agent.id}/invite`, {
          token: org.accessToken,
        }),
      ]) {
        expect(refused.status).toBe(429);
        expect(refused.body.error.code).toBe('rate_limited');
        // One of 3 comes back every 20 minutes.
        const wait = Number(refused.headers.get('retry-after'));
        expect(wait).toBeGreaterThan(1100);
        expect(wait).toBeLessThanOrEqual(1200);
      }
      const agents = await api.call('GET', '/v1/agents', { token: org.accessToken });
      expect(agents.body.items).toHaveLength(4); // owner, plain agent, two invited
      expect((await invite(await api.signup('Other'))).status).toBe(201);
    });

    test('requests per visitor session: the budget, then 429; another visitor is not held', async () => {
      const [one, two] = [
        await bootVisitor(api.rest, tenant, {}),
        await bootVisitor(api.rest, tenant, {}),
      ];
      const list = (token: string) => api.call('GET', '/v1/widget/conversations', { token });
      for (let i = 0; i < 5; i++) expect((await list(one.sessionToken)).status).toBe(200);
      const refused = await list(one.sessionToken);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await list(two.sessionToken)).status).toBe(200);
    });

    test('open conversations per visitor: concurrent opens stop at the limit; closing one frees it', async () => {
      const visitor = await bootVisitor(api.rest, tenant, {});
      const open = () =>
        api.call('POST', '/v1/widget/conversations', { token: visitor.sessionToken, body: {} });
      const answers = await Promise.all([open(), open(), open(), open()]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, 201, 429, 429]);
      const refused = answers.find((a) => a.status === 429);
      expect(refused?.body.error.code).toBe('limit_reached');
      const first = answers.find((a) => a.status === 201)?.body.id as string;
      const closed = await api.call('PATCH', `/v1/conversations/${first}`, {
        headers: tenant.ownerAuth,
        body: { status: 'closed' },
      });
      expect(closed.status).toBe(200);
      expect((await open()).status).toBe(201);
    });
  });
}
