import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

for (const target of databaseTargets()) {
  describe(`auth on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target, {
        loginMaxFailures: 3,
        loginMaxFailuresPerIp: 6,
        trustProxy: true,
      });
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    test('signup creates an owner and an organization, and the token works', async () => {
      const owner = await api.signup();
      expect(owner.agent.role).toBe('owner');
      expect(owner.agent.organizationId).toBe(owner.organization.id);
      const me = await api.call('GET', '/v1/me', { token: owner.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.agent.id).toBe(owner.agent.id);
      expect(me.body.organization.id).toBe(owner.organization.id);
      expect(JSON.stringify(me.body)).not.toContain('password');
    });

    test('the same email cannot sign up twice, whatever its case', async () => {
      const owner = await api.signup();
      const again = await api.call('POST', '/v1/auth/signup', {
        body: {
          organizationName: 'Other',
          name: 'X',
          email: owner.email.toUpperCase(),
          password: 'another password',
        },
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('conflict');
    });

    test('sign-up refuses weak passwords on body.password, and takes a password exactly as typed', async () => {
      const signup = (password: string) =>
        api.call('POST', '/v1/auth/signup', {
          body: {
            organizationName: 'Weak Co',
            name: 'Wes',
            email: `wes-${crypto.randomUUID()}@example.com`,
            password,
          },
        });
      for (const weak of ['password', ' '.repeat(12), 'Password1']) {
        const refused = await signup(weak);
        expect(refused.status).toBe(422);
        expect(refused.body.error.details[0].path).toBe('body.password');
      }
      const spaced = '  tangerine lamp  ';
      const ok = await signup(spaced);
      expect(ok.status).toBe(201);
      const trimmed = await api.call('POST', '/v1/auth/login', {
        body: { email: ok.body.agent.email, password: spaced.trim() },
        headers: { 'x-forwarded-for': '10.9.0.1' },
      });
      expect(trimmed.status).toBe(401);
      const exact = await api.call('POST', '/v1/auth/login', {
        body: { email: ok.body.agent.email, password: spaced },
        headers: { 'x-forwarded-for': '10.9.0.1' },
      });
      expect(exact.status).toBe(200);
    });

    test('login with the right password; a wrong one is 401', async () => {
      const owner = await api.signup();
      const ok = await api.call('POST', '/v1/auth/login', {
        body: { email: owner.email, password: owner.password },
      });
      expect(ok.status).toBe(200);
      expect(ok.body.agent.id).toBe(owner.agent.id);
      expect(typeof ok.body.accessToken).toBe('string');
      const bad = await api.call('POST', '/v1/auth/login', {
        body: { email: owner.email, password: 'nope nope' },
      });
      expect(bad.status).toBe(401);
      expect(bad.body.error.code).toBe('unauthorized');
    });

    test('repeated failures for one email answer 429 with retry-after, even with the right password', async () => {
      const owner = await api.signup();
      const headers = { 'x-forwarded-for': '10.0.0.1' };
      for (let i = 0; i < 3; i++) {
        const r = await api.call('POST', '/v1/auth/login', {
          body: { email: owner.email, password: 'wrong password' },
          headers,
        });
        expect(r.status).toBe(401);
      }
      const limited = await api.call('POST', '/v1/auth/login', {
        body: { email: owner.email, password: owner.password },
        headers,
      });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    test('concurrent wrong guesses for one email: only the budget of them is checked', async () => {
      const owner = await api.signup();
      const guesses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          api.call('POST', '/v1/auth/login', {
            body: { email: owner.email, password: `wrong guess ${i}` },
            headers: { 'x-forwarded-for': `10.1.0.${i + 1}` },
          }),
        ),
      );
      const statuses = guesses.map((g) => g.status).sort();
      // The email's budget is 3 failures per window (createTestApi's configuration).
      expect(statuses.filter((s) => s === 401)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    });

    test('repeated failures from one IP across emails answer 429', async () => {
      const owner = await api.signup();
      const headers = { 'x-forwarded-for': '10.0.0.2' };
      for (let i = 0; i < 6; i++) {
        const r = await api.call('POST', '/v1/auth/login', {
          body: { email: `nobody-${i}@example.com`, password: 'whatever1' },
          headers,
        });
        expect(r.status).toBe(401);
      }
      const limited = await api.call('POST', '/v1/auth/login', {
        body: { email: owner.email, password: owner.password },
        headers,
      });
      expect(limited.status).toBe(429);
      const elsewhere = await api.call('POST', '/v1/auth/login', {
        body: { email: owner.email, password: owner.password },
        headers: { 'x-forwarded-for': '10.0.0.3' },
      });
      expect(elsewhere.status).toBe(200);
    });

    test("a browser that signed in before gets in while strangers have spent its email's and its IP's budgets", async () => {
      const owner = await api.signup();
      const office = { 'x-forwarded-for': '10.0.0.4' };
      const first = await api.call('POST', '/v1/auth/login', {
        body: { email: owner.email, password: owner.password },
        headers: office,
      });
      expect(first.status).toBe(200);
      const { deviceToken } = first.body;
      expect(deviceToken).toBeString();
      // Strangers behind the same address spend the IP's budget, and elsewhere the email's.
      for (let i = 0; i < 6; i++) {
        await api.call('POST', '/v1/auth/login', {
          body: { email: `nobody-else-${i}@example.com`, password: 'whatever1' },
          headers: office,
        });
      }
      for (let i = 0; i < 3; i++) {
        await api.call('POST', '/v1/auth/login', {
          body: { email: owner.email, password: `guess ${i}` },
          headers: { 'x-forwarded-for': `10.2.0.${i + 1}` },
        });
      }
      const stranger = await api.call('POST', '/v1/auth/login', {
        body: { email: owner.email, password: owner.password },
        headers: office,
      });
      expect(stranger.status).toBe(429);
      const known = await api.call('POST', '/v1/auth/login', {
        body: { email: owner.email, password: owner.password, deviceToken },
        headers: office,
      });
      expect(known.status).toBe(200);
      // The device token is no access token.
      const me = await api.call('GET', '/v1/me', { token: deviceToken });
      expect(me.status).toBe(401);
    });

    test("a device token counts its own failures, and is no good for another account's", async () => {
      const [owner, other] = [await api.signup(), await api.signup()];
      const headers = { 'x-forwarded-for': '10.0.0.6' };
      const login = (body: Record<string, string>) =>
        api.call('POST', '/v1/auth/login', { body, headers });
      const { deviceToken } = (await login({ email: owner.email, password: owner.password })).body;
      for (let i = 0; i < 3; i++) {
        expect((await login({ email: owner.email, password: `no ${i}`, deviceToken })).status).toBe(
          401,
        );
      }
      const spent = await login({ email: owner.email, password: owner.password, deviceToken });
      expect(spent.status).toBe(429);
      // For another email the token is a stranger's: that email's budget applies.
      for (let i = 0; i < 3; i++) {
        await api.call('POST', '/v1/auth/login', {
          body: { email: other.email, password: `no ${i}` },
          headers: { 'x-forwarded-for': `10.3.0.${i + 1}` },
        });
      }
      const crossed = await login({ email: other.email, password: other.password, deviceToken });
      expect(crossed.status).toBe(429);
    });

    test('refresh rotates; reusing a spent token revokes the whole family', async () => {
      const owner = await api.signup();
      const first = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken: owner.refreshToken },
      });
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(owner.refreshToken);
      const me = await api.call('GET', '/v1/me', { token: first.body.accessToken });
      expect(me.status).toBe(200);

      const reuse = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken: owner.refreshToken },
      });
      expect(reuse.status).toBe(401);
      // The token issued by the legitimate rotation is dead too: the family is revoked.
      const next = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken: first.body.refreshToken },
      });
      expect(next.status).toBe(401);
    });

    test('another login is another family, untouched by a reuse in the first', async () => {
      const owner = await api.signup();
      const second = await api.call('POST', '/v1/auth/login', {
        body: { email: owner.email, password: owner.password },
      });
      await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } });
      await api.call('POST', '/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } });
      const other = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken: second.body.refreshToken },
      });
      expect(other.status).toBe(200);
    });

    test('logout kills the refresh token', async () => {
      const owner = await api.signup();
      expect(
        (await api.call('POST', '/v1/auth/logout', { body: { refreshToken: owner.refreshToken } }))
          .status,
      ).toBe(204);
      const after = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken: owner.refreshToken },
      });
      expect(after.status).toBe(401);
    });

    test('missing, forged and malformed tokens are 401', async () => {
      expect((await api.call('GET', '/v1/me')).status).toBe(401);
      expect((await api.call('GET', '/v1/me', { token: 'not-a-jwt' })).status).toBe(401);
      const owner = await api.signup();
      const [h, p] = owner.accessToken.split('.');
      const forged = await api.call('GET', '/v1/me', { token: `${h}.${p}.AAAA` });
      expect(forged.status).toBe(401);
      expect(forged.body.error.code).toBe('unauthorized');
    });

    test('invalid bodies are 422 with field details, never 500', async () => {
      const res = await api.call('POST', '/v1/auth/signup', {
        body: { organizationName: '', name: 'A', email: 'not-an-email', password: 'short' },
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('validation');
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      expect(paths).toContain('body.email');
      expect(paths).toContain('body.password');
      expect(paths).toContain('body.organizationName');
      const missing = await api.call('POST', '/v1/auth/login', { body: {} });
      expect(missing.status).toBe(422);
      const notJson = await api.call('POST', '/v1/auth/login', { body: '{"email":' });
      expect([400, 422]).toContain(notJson.status);
      expect(notJson.body.error).toBeDefined();
    });
  });
}
