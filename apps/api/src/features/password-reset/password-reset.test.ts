import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { platformTopic } from '@flc/core';
import { awaitMail, mailsTo, type ReceivedMail, readMail, testMailServer } from '@flc/testkit';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

const PUBLIC_URL = 'https://chat.example.test';
const mail = testMailServer();

/** The token of a reset mail's link, checked to point at the console's page, in its fragment. */
function tokenOf(received: ReceivedMail): string {
  const match = received.Text.match(/(\S+)\/reset-password#token=([A-Za-z0-9_-]+)/);
  if (!match?.[2]) throw new Error(`no reset link in:\n${received.Text}`);
  expect(match[1]).toBe(PUBLIC_URL);
  expect(received.HTML).toContain(`href="${PUBLIC_URL}/reset-password#token=${match[2]}"`);
  return match[2];
}

for (const target of databaseTargets()) {
  describe(`password reset without SMTP on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    test('is off: the options say so and both routes answer 404 mail_not_configured', async () => {
      const options = await api.call('GET', '/v1/auth/options');
      expect(options.status).toBe(200);
      expect(options.body).toEqual({ passwordReset: false });
      const owner = await api.signup();
      const request = await api.call('POST', '/v1/auth/password-reset', {
        body: { email: owner.email },
      });
      expect(request.status).toBe(404);
      expect(request.body.error.code).toBe('mail_not_configured');
      const confirm = await api.call('POST', '/v1/auth/password-reset/confirm', {
        body: { token: 'x'.repeat(43), password: 'a brand new password' },
      });
      expect(confirm.status).toBe(404);
      expect(confirm.body.error.code).toBe('mail_not_configured');
    });
  });

  describe.if(Boolean(mail))(`password reset over SMTP on ${target.name}`, () => {
    const { smtpUrl, api: mailpit } = mail ?? { smtpUrl: '', api: '' };
    let api: TestApi;
    let n = 0;
    /** Each test from its own address, so the per-IP budget is its own. */
    const fromIp = () => {
      n += 1;
      return { 'x-forwarded-for': `10.9.${n}.1` };
    };

    beforeAll(async () => {
      api = await createTestApi(target, {
        smtpUrl,
        mailFrom: 'Fast Light Chat <no-reply@chat.example.test>',
        publicUrl: `${PUBLIC_URL}/`, // its origin counts
        trustProxy: true,
        passwordResetMaxPerEmail: 3,
        passwordResetMaxPerIp: 5,
      });
    }, 60_000);
    afterAll(() => api.close());

    const request = (email: string, headers = fromIp()) =>
      api.call('POST', '/v1/auth/password-reset', { body: { email }, headers });
    const confirm = (token: string, password: string) =>
      api.call('POST', '/v1/auth/password-reset/confirm', { body: { token, password } });
    const login = (owner: Owner, password: string) =>
      api.call('POST', '/v1/auth/login', {
        body: { email: owner.email, password },
        headers: fromIp(),
      });

    test('the options say it is on', async () => {
      expect((await api.call('GET', '/v1/auth/options')).body).toEqual({ passwordReset: true });
    });

    test('the mail carries a link that resets the password once; the old password stops working', async () => {
      const owner = await api.signup();
      const asked = await request(owner.email.toUpperCase());
      expect(asked.status).toBe(202);
      expect(asked.body).toEqual({ status: 'accepted' });
      const received = await awaitMail(mailpit, owner.email);
      expect(received.Subject).toBe('Reset your Fast Light Chat password');
      expect(received.From.Address).toBe('no-reply@chat.example.test');
      const token = tokenOf(received);

      const done = await confirm(token, 'a brand new password');
      expect(done.status).toBe(204);
      expect((await login(owner, 'a brand new password')).status).toBe(200);
      expect((await login(owner, owner.password)).status).toBe(401);

      const again = await confirm(token, 'yet another password');
      expect(again.status).toBe(400);
      expect(again.body.error.code).toBe('reset_token_used');
      expect((await login(owner, 'yet another password')).status).toBe(401);

      // Both steps are in the organization's audit log, with neither token nor password.
      const fresh = await login(owner, 'a brand new password');
      const log = await api.call('GET', '/v1/audit-events?action=auth.password_reset', {
        token: fresh.body.accessToken,
      });
      expect(log.status).toBe(200);
      expect(
        log.body.items.map((e: { action: string; actor: { kind: string } }) => [
          e.action,
          e.actor.kind,
        ]),
      ).toEqual([
        ['auth.password_reset.completed', 'agent'],
        ['auth.password_reset.requested', 'anonymous'],
      ]);
      expect(log.body.items[1].details).toEqual({ email: owner.email, mailed: true });
      expect(JSON.stringify(log.body)).not.toContain(token);
      expect(JSON.stringify(log.body)).not.toContain('a brand new password');
    });

    test('a reset ends every session: refresh tokens and earlier access tokens are refused, sockets are told', async () => {
      const owner = await api.signup();
      const other = await login(owner, owner.password); // a second session, on another device
      expect(other.status).toBe(200);
      const revoked: string[] = [];
      const unsubscribe = await api.deps.bus.subscribe(platformTopic, (event) => {
        if (event.type === 'signal') revoked.push(event.frame);
      });
      try {
        await request(owner.email);
        const token = tokenOf(await awaitMail(mailpit, owner.email));
        expect((await confirm(token, 'a brand new password')).status).toBe(204);
        expect(revoked.map((f) => JSON.parse(f))).toContainEqual({
          t: 'revoked',
          agentId: owner.agent.id,
        });
      } finally {
        unsubscribe();
      }
      for (const refreshToken of [owner.refreshToken, other.body.refreshToken]) {
        const refreshed = await api.call('POST', '/v1/auth/refresh', { body: { refreshToken } });
        expect(refreshed.status).toBe(401);
      }
      for (const token of [owner.accessToken, other.body.accessToken]) {
        expect((await api.call('GET', '/v1/me', { token })).status).toBe(401);
      }
      const fresh = await login(owner, 'a brand new password');
      expect((await api.call('GET', '/v1/me', { token: fresh.body.accessToken })).status).toBe(200);
      const refreshed = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken: fresh.body.refreshToken },
      });
      expect(refreshed.status).toBe(200);
    });

    test('an expired link is refused, and the password stays', async () => {
      const owner = await api.signup();
      await request(owner.email);
      const token = tokenOf(await awaitMail(mailpit, owner.email));
      await api.deps.db.sql`
        update password_resets set expires_at = now() - interval '1 second'
        where agent_id = ${owner.agent.id}`;
      const expired = await confirm(token, 'a brand new password');
      expect(expired.status).toBe(400);
      expect(expired.body.error.code).toBe('reset_token_expired');
      expect((await login(owner, owner.password)).status).toBe(200);
    });

    test('a newer link replaces the earlier one', async () => {
      const owner = await api.signup();
      await request(owner.email);
      const first = tokenOf(await awaitMail(mailpit, owner.email, 0));
      await request(owner.email);
      const second = tokenOf(await awaitMail(mailpit, owner.email, 1));
      expect(second).not.toBe(first);
      expect((await confirm(first, 'a brand new password')).body.error.code).toBe(
        'reset_token_expired',
      );
      expect((await confirm(second, 'a brand new password')).status).toBe(204);
    });

    test('an unknown email gets the same answer and no mail; so do disabled and invited agents', async () => {
      const owner = await api.signup();
      const member = await api.addMember(owner, 'agent');
      const disabled = await api.call('PATCH', `/v1/agents/${member.agent.id}`, {
        token: owner.accessToken,
        body: { status: 'disabled' },
      });
      expect(disabled.status).toBe(200);
      const invitedEmail = `invited-${crypto.randomUUID()}@example.com`;
      const invited = await api.call('POST', '/v1/agents', {
        token: owner.accessToken,
        body: { email: invitedEmail, name: 'Invited', role: 'agent' },
      });
      expect(invited.status).toBe(201);
      const unknown = `nobody-${crypto.randomUUID()}@example.com`;

      const answers = [];
      for (const email of [unknown, member.email, invitedEmail, 'not even an address']) {
        const answer = await request(email);
        answers.push({ status: answer.status, body: answer.body });
      }
      expect(answers).toEqual(Array(4).fill({ status: 202, body: { status: 'accepted' } }));
      // Mails go out one at a time in the order asked: once the owner's is in, those were done.
      await request(owner.email);
      await awaitMail(mailpit, owner.email);
      for (const email of [unknown, member.email]) {
        expect(await mailsTo(mailpit, email)).toEqual([]);
      }
      // The invitee has its invitation (mail is on here), and no reset link.
      const toInvitee = await mailsTo(mailpit, invitedEmail);
      const subjects = await Promise.all(
        toInvitee.map(async (m) => (await readMail(mailpit, m.ID)).Subject),
      );
      expect(subjects).toEqual(['You are invited to join Acme on Fast Light Chat']);
    });

    test('an agent whose organization enforces single sign-on gets no link; its owner does', async () => {
      const owner = await api.signup();
      const member = await api.addMember(owner, 'agent');
      await api.deps.db.sql`
        insert into oidc_connections (organization_id, slug, issuer, client_id,
          client_secret_sealed, enforce_sso)
        values (${owner.organization.id}, ${`sso-${crypto.randomUUID()}`},
                'https://idp.example.test', 'client', 'sealed', true)`;
      expect((await request(member.email)).status).toBe(202);
      await request(owner.email);
      await awaitMail(mailpit, owner.email); // mails go in order: the member's turn was before
      expect(await mailsTo(mailpit, member.email)).toEqual([]);
      const [entry] = await api.deps.db.sql<{ details: unknown }[]>`
        select details from audit_events
        where organization_id = ${owner.organization.id}
          and action = 'auth.password_reset.requested' and target_id = ${member.agent.id}`;
      expect(entry?.details).toEqual({
        email: member.email,
        mailed: false,
        reason: 'sso_required',
      });
    });

    test('a link of an agent disabled since is refused', async () => {
      const owner = await api.signup();
      const member = await api.addMember(owner, 'agent');
      await request(member.email);
      const token = tokenOf(await awaitMail(mailpit, member.email));
      await api.call('PATCH', `/v1/agents/${member.agent.id}`, {
        token: owner.accessToken,
        body: { status: 'disabled' },
      });
      const refused = await confirm(token, 'a brand new password');
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('reset_token_invalid');
    });

    test('bad input is 4xx: unknown token 400, a short password or a missing field 422', async () => {
      const unknown = await confirm('A'.repeat(43), 'a brand new password');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.code).toBe('reset_token_invalid');
      const owner = await api.signup();
      await request(owner.email);
      const token = tokenOf(await awaitMail(mailpit, owner.email));
      const short = await confirm(token, 'short');
      expect(short.status).toBe(422);
      expect(short.body.error.details[0].path).toBe('body.password');
      // Sign-up's policy: no common password, nor the account's own email.
      for (const weak of ['password123', owner.email]) {
        const refused = await confirm(token, weak);
        expect(refused.status).toBe(422);
        expect(refused.body.error.details[0].path).toBe('body.password');
      }
      expect((await api.call('POST', '/v1/auth/password-reset', { body: {} })).status).toBe(422);
      const noToken = await api.call('POST', '/v1/auth/password-reset/confirm', {
        body: { password: 'a brand new password' },
      });
      expect(noToken.status).toBe(422);
      // The refused attempt did not spend the link.
      expect((await confirm(token, 'a brand new password')).status).toBe(204);
    });

    test('requests past the budget of an email, or of an IP, are 429 with retry-after', async () => {
      const owner = await api.signup();
      for (let i = 0; i < 3; i++) expect((await request(owner.email)).status).toBe(202);
      const limited = await request(owner.email);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

      const ip = { 'x-forwarded-for': '10.200.0.1' };
      for (let i = 0; i < 5; i++) {
        expect((await request(`ip-${i}-${crypto.randomUUID()}@example.com`, ip)).status).toBe(202);
      }
      const byIp = await request(`ip-x-${crypto.randomUUID()}@example.com`, ip);
      expect(byIp.status).toBe(429);
      expect(Number(byIp.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
}
