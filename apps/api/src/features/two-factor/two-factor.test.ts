import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { generate } from 'otplib';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

/** A code of the step `steps` away from now (the API accepts one step either side). */
const codeAt = (secret: string, steps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

for (const target of databaseTargets()) {
  describe(`two-factor sign-in on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    /** Turns two-factor on for the agent: its secret and recovery codes. */
    const enrol = async (who: Owner) => {
      const started = await api.call('POST', '/v1/me/two-factor', { token: who.accessToken });
      expect(started.status).toBe(200);
      const secret: string = started.body.secret;
      expect(started.body.otpauthUri).toStartWith('otpauth://totp/');
      expect(started.body.otpauthUri).toContain(`secret=${secret}`);
      const confirmed = await api.call('POST', '/v1/me/two-factor/confirm', {
        token: who.accessToken,
        body: { code: await codeAt(secret) },
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.session).toBeUndefined();
      const codes: string[] = confirmed.body.recoveryCodes;
      expect(new Set(codes).size).toBe(10);
      return { secret, codes };
    };

    /** The two-factor entries of the organization's audit log, oldest first, as action → target. */
    const audited = async (owner: Owner) => {
      const res = await api.call('GET', '/v1/audit-events?limit=100&action=auth.two_factor', {
        token: owner.accessToken,
      });
      expect(res.status).toBe(200);
      return (res.body.items as { action: string; target: { id: string } | null }[])
        .map((e) => `${e.action} ${e.target?.id}`)
        .reverse();
    };

    const login = (who: Owner) =>
      api.call('POST', '/v1/auth/login', { body: { email: who.email, password: who.password } });

    const challenge = async (who: Owner) => {
      const res = await login(who);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ twoFactorRequired: true, challengeToken: expect.any(String) });
      return res.body.challengeToken as string;
    };

    test('enrolment, then sign-in takes a code, once; the secret is never shown again', async () => {
      const owner = await api.signup();
      const { secret } = await enrol(owner);
      const status = await api.call('GET', '/v1/me/two-factor', { token: owner.accessToken });
      expect(status.body).toEqual({
        enabled: true,
        enabledAt: expect.any(String),
        recoveryCodesLeft: 10,
      });
      const me = await api.call('GET', '/v1/me', { token: owner.accessToken });
      expect(me.body.agent.twoFactorEnabled).toBe(true);
      expect(JSON.stringify([status.body, me.body])).not.toContain(secret);
      const [stored] = await api.deps.db.sql<{ secret_ciphertext: string }[]>`
        select secret_ciphertext from agent_two_factor where agent_id = ${owner.agent.id}`;
      expect(stored?.secret_ciphertext).not.toContain(secret);
      // On again: refused, the secret stays.
      const again = await api.call('POST', '/v1/me/two-factor', { token: owner.accessToken });
      expect(again.status).toBe(409);

      const challengeToken = await challenge(owner);
      // The challenge is not an access token, anywhere.
      for (const path of ['/v1/me', '/v1/conversations', '/v1/me/two-factor']) {
        const res = await api.call('GET', path, { token: challengeToken });
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
      }
      // The confirming code's step is spent: the same code does not sign in.
      const replayOfConfirm = await api.call('POST', '/v1/auth/login/two-factor', {
        body: { challengeToken, code: await codeAt(secret, -1) },
      });
      expect(replayOfConfirm.status).toBe(401);
      const code = await codeAt(secret, 1);
      const session = await api.call('POST', '/v1/auth/login/two-factor', {
        body: { challengeToken, code },
      });
      expect(session.status).toBe(200);
      const { accessToken, refreshToken, agent } = session.body;
      expect([typeof accessToken, typeof refreshToken]).toEqual(['string', 'string']);
      expect(agent).toMatchObject({ id: owner.agent.id, twoFactorEnabled: true });
      const replay = await api.call('POST', '/v1/auth/login/two-factor', {
        body: { challengeToken: await challenge(owner), code },
      });
      expect(replay.status).toBe(401);
      expect(replay.body.error).toMatchObject({ code: 'unauthorized' });
      // The refresh flow goes on as before.
      const refreshed = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken },
      });
      expect(refreshed.status).toBe(200);
      expect((await api.call('GET', '/v1/me', { token: refreshed.body.accessToken })).status).toBe(
        200,
      );
    });

    test('a recovery code signs in once; regenerating retires the earlier ones', async () => {
      const owner = await api.signup();
      const { secret, codes } = await enrol(owner);
      const [first, second] = codes as [string, string];
      const used = await api.call('POST', '/v1/auth/login/two-factor', {
        body: { challengeToken: await challenge(owner), recoveryCode: first.toUpperCase() },
      });
      expect(used.status).toBe(200);
      const again = await api.call('POST', '/v1/auth/login/two-factor', {
        body: { challengeToken: await challenge(owner), recoveryCode: first },
      });
      expect(again.status).toBe(401);
      const status = await api.call('GET', '/v1/me/two-factor', { token: owner.accessToken });
      expect(status.body.recoveryCodesLeft).toBe(9);

      const fresh = await api.call('POST', '/v1/me/two-factor/recovery-codes', {
        token: owner.accessToken,
        body: { code: await codeAt(secret, 1) },
      });
      expect(fresh.status).toBe(200);
      expect(fresh.body.recoveryCodes).toHaveLength(10);
      const retired = await api.call('POST', '/v1/auth/login/two-factor', {
        body: { challengeToken: await challenge(owner), recoveryCode: second },
      });
      expect(retired.status).toBe(401);
      const newOne = await api.call('POST', '/v1/auth/login/two-factor', {
        body: { challengeToken: await challenge(owner), recoveryCode: fresh.body.recoveryCodes[0] },
      });
      expect(newOne.status).toBe(200);

      // Off with the password (a wrong one is refused): sign-in is a session again.
      const wrong = await api.call('DELETE', '/v1/me/two-factor', {
        token: owner.accessToken,
        body: { password: 'not the password' },
      });
      expect(wrong.status).toBe(422);
      expect(wrong.body.error.details).toEqual([
        { path: 'body.password', message: 'Wrong password' },
      ]);
      const off = await api.call('DELETE', '/v1/me/two-factor', {
        token: owner.accessToken,
        body: { password: owner.password },
      });
      expect(off.status).toBe(204);
      const plain = await login(owner);
      expect(plain.body.accessToken).toBeString();
      expect(plain.body.agent.twoFactorEnabled).toBe(false);
      const id = owner.agent.id;
      expect(await audited(owner)).toEqual([
        `auth.two_factor.enabled ${id}`,
        `auth.two_factor.recovery_code_used ${id}`,
        `auth.two_factor.recovery_codes_regenerated ${id}`,
        `auth.two_factor.recovery_code_used ${id}`,
        `auth.two_factor.disabled ${id}`,
      ]);
      const offAgain = await api.call('DELETE', '/v1/me/two-factor', {
        token: owner.accessToken,
        body: { password: owner.password },
      });
      expect(offAgain.status).toBe(409);
    });

    test('wrong codes spend the agent’s budget: past it 429 with retry-after, even a right code', async () => {
      const limited = await createTestApi(target, { twoFactorMaxFailures: 3 });
      try {
        const owner = await limited.signup();
        const started = await limited.call('POST', '/v1/me/two-factor', {
          token: owner.accessToken,
        });
        const secret = started.body.secret as string;
        await limited.call('POST', '/v1/me/two-factor/confirm', {
          token: owner.accessToken,
          body: { code: await codeAt(secret) },
        });
        const login = await limited.call('POST', '/v1/auth/login', {
          body: { email: owner.email, password: owner.password },
        });
        const challengeToken = login.body.challengeToken as string;
        const right = await codeAt(secret, 1);
        const wrong = right === '000000' ? '111111' : '000000';
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) {
          const res = await limited.call('POST', '/v1/auth/login/two-factor', {
            body: { challengeToken, code: wrong },
          });
          statuses.push(res.status);
          if (res.status === 429) {
            expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
            expect(res.body.error.code).toBe('rate_limited');
          }
        }
        expect(statuses).toEqual([401, 401, 401, 429]);
        const blocked = await limited.call('POST', '/v1/auth/login/two-factor', {
          body: { challengeToken, code: right },
        });
        expect(blocked.status).toBe(429);
        // The budget is per agent: another agent's second step is untouched.
        const other = await limited.signup();
        const started2 = await limited.call('POST', '/v1/me/two-factor', {
          token: other.accessToken,
        });
        const confirm2 = await limited.call('POST', '/v1/me/two-factor/confirm', {
          token: other.accessToken,
          body: { code: await codeAt(started2.body.secret) },
        });
        expect(confirm2.status).toBe(200);
      } finally {
        await limited.close();
      }
    });

    test('an organization that requires two-factor walks agents through enrolment first', async () => {
      const owner = await api.signup();
      const admin = await api.addMember(owner, 'admin');
      const member = await api.addMember(owner, 'agent');
      const elsewhere = await api.signup();
      const turnOn = (who: Owner) =>
        api.call('PATCH', '/v1/organization', {
          token: who.accessToken,
          body: { requireTwoFactor: true },
        });
      expect((await turnOn(admin)).status).toBe(403);
      const unprotected = await turnOn(owner);
      expect(unprotected.status).toBe(409);
      await enrol(owner);
      const on = await turnOn(owner);
      expect(on.status).toBe(200);
      expect(on.body.requireTwoFactor).toBe(true);

      const res = await login(member);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        twoFactorEnrolmentRequired: true,
        enrolmentToken: expect.any(String),
      });
      const enrolmentToken = res.body.enrolmentToken as string;
      // A password alone reaches nothing but enrolment.
      for (const [method, path] of [
        ['GET', '/v1/me'],
        ['GET', '/v1/conversations'],
        ['GET', '/v1/agents'],
        ['GET', '/v1/me/two-factor'],
      ] as const) {
        const r = await api.call(method, path, { token: enrolmentToken });
        expect({ path, status: r.status }).toEqual({ path, status: 401 });
      }
      const refresh = await api.call('POST', '/v1/auth/login/two-factor', {
        body: { challengeToken: enrolmentToken, code: '123456' },
      });
      expect(refresh.status).toBe(401);
      const started = await api.call('POST', '/v1/me/two-factor', { token: enrolmentToken });
      expect(started.status).toBe(200);
      const done = await api.call('POST', '/v1/me/two-factor/confirm', {
        token: enrolmentToken,
        body: { code: await codeAt(started.body.secret) },
      });
      expect(done.status).toBe(200);
      expect(done.body.recoveryCodes).toHaveLength(10);
      expect(done.body.session.agent).toMatchObject({
        id: member.agent.id,
        twoFactorEnabled: true,
      });
      const inbox = await api.call('GET', '/v1/conversations', {
        token: done.body.session.accessToken,
      });
      expect(inbox.status).toBe(200);
      // Once enrolled, the enrolment token is spent for good.
      const reuse = await api.call('POST', '/v1/me/two-factor', { token: enrolmentToken });
      expect(reuse.status).toBe(409);
      expect((await login(member)).body.twoFactorRequired).toBe(true);

      // Another organization is not affected.
      const foreign = await login(elsewhere);
      expect(foreign.body.accessToken).toBeString();
      const org = await api.call('GET', '/v1/organization', { token: elsewhere.accessToken });
      expect(org.body.requireTwoFactor).toBe(false);
    });

    test('an owner resets a lost device: two-factor off, sessions ended; others cannot', async () => {
      const owner = await api.signup();
      const admin = await api.addMember(owner, 'admin');
      const member = await api.addMember(owner, 'agent');
      const foreignOwner = await api.signup();
      await enrol(member);
      const path = `/v1/agents/${member.agent.id}/two-factor`;
      expect((await api.call('DELETE', path, { token: admin.accessToken })).status).toBe(403);
      expect((await api.call('DELETE', path, { token: member.accessToken })).status).toBe(403);
      expect((await api.call('DELETE', path, { token: foreignOwner.accessToken })).status).toBe(
        404,
      );
      const still = await api.call('GET', '/v1/me/two-factor', { token: member.accessToken });
      expect(still.body.enabled).toBe(true);

      const reset = await api.call('DELETE', path, { token: owner.accessToken });
      expect(reset.status).toBe(204);
      const dead = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken: member.refreshToken },
      });
      expect(dead.status).toBe(401);
      const team = await api.call('GET', `/v1/agents/${member.agent.id}`, {
        token: owner.accessToken,
      });
      expect(team.body.twoFactorEnabled).toBe(false);
      expect((await login(member)).body.accessToken).toBeString();
      expect(await audited(owner)).toEqual([
        `auth.two_factor.enabled ${member.agent.id}`,
        `auth.two_factor.reset ${member.agent.id}`,
      ]);
      expect(await audited(foreignOwner)).toEqual([]);
      const unknown = await api.call('DELETE', `/v1/agents/${crypto.randomUUID()}/two-factor`, {
        token: owner.accessToken,
      });
      expect(unknown.status).toBe(404);
    });

    test('bad input is a clear 4xx', async () => {
      const owner = await api.signup();
      const { secret } = await enrol(owner);
      const challengeToken = await challenge(owner);
      const cases: [unknown, number][] = [
        [{ challengeToken, code: 'abcdef' }, 422],
        [{ challengeToken, code: '12345' }, 422],
        [{ challengeToken }, 422],
        [{ challengeToken, code: '123456', recoveryCode: 'abcde-fghij' }, 422],
        [{ challengeToken: 'not.a.token', code: '123456' }, 401],
        [{ challengeToken: owner.accessToken, code: await codeAt(secret, 1) }, 401],
        [{ code: '123456' }, 422],
      ];
      for (const [body, status] of cases) {
        const res = await api.call('POST', '/v1/auth/login/two-factor', { body });
        expect({ body, status: res.status }).toEqual({ body, status });
      }
      const badConfirm = await api.call('POST', '/v1/me/two-factor/confirm', {
        token: owner.accessToken,
        body: { code: 'x' },
      });
      expect(badConfirm.status).toBe(422);
      const both = await api.call('DELETE', '/v1/me/two-factor', {
        token: owner.accessToken,
        body: { code: '123456', password: owner.password },
      });
      expect(both.status).toBe(422);
      const noEnrolment = await api.signup();
      const early = await api.call('POST', '/v1/me/two-factor/confirm', {
        token: noEnrolment.accessToken,
        body: { code: '123456' },
      });
      expect(early.status).toBe(409);
      const anonymous = await api.call('POST', '/v1/me/two-factor', {});
      expect(anonymous.status).toBe(401);
    });
  });
}
