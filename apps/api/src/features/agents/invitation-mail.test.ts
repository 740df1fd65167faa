import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { awaitMail, mailsTo, type ReceivedMail, testMailServer } from '@flc/testkit';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

// With SMTP set up, invitations travel by mail (through the test server, Mailpit): the answer
// says so and carries no token, and the token in the mail's link is the one that lets the
// invitee in.
const PUBLIC_URL = 'https://chat.example.test';
const mail = testMailServer();
const password = 'a brand new password';
const newEmail = () => `mailed-${crypto.randomUUID().slice(0, 8)}@example.com`;

/** The token of an invitation mail's link, checked to point at the console's accept page. */
function tokenOf(received: ReceivedMail): string {
  const match = received.Text.match(/(\S+)\/accept-invite\?token=(flc_inv_[A-Za-z0-9_-]+)/);
  if (!match?.[2]) throw new Error(`no invitation link in:\n${received.Text}`);
  expect(match[1]).toBe(PUBLIC_URL);
  expect(received.HTML).toContain(`href="${PUBLIC_URL}/accept-invite?token=${match[2]}"`);
  return match[2];
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

for (const target of databaseTargets()) {
  describe.if(Boolean(mail))(`invitations by mail on ${target.name}`, () => {
    const { smtpUrl, api: mailpit } = mail ?? { smtpUrl: '', api: '' };
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target, {
        smtpUrl,
        mailFrom: 'Fast Light Chat <no-reply@chat.example.test>',
        publicUrl: `${PUBLIC_URL}/`, // its origin counts
      });
    }, 60_000);
    afterAll(() => api.close());

    const invite = (by: Owner, email: string, role = 'admin') =>
      api.call('POST', '/v1/agents', {
        token: by.accessToken,
        body: { email, name: 'Mia Mailed', role },
      });
    const accept = (token: string) =>
      api.call('POST', '/v1/auth/accept-invite', { body: { token, password } });

    test('the invitee gets the mail; the answer has no token; the link lets the invitee in', async () => {
      const owner = await api.signup('Globex');
      const email = newEmail();
      const res = await invite(owner, email.toUpperCase());
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(['agent', 'delivery', 'expiresAt']);
      expect(res.body).toMatchObject({
        delivery: 'email',
        agent: { email, status: 'invited', role: 'admin' },
      });
      expect(JSON.stringify(res.body)).not.toContain('flc_inv_');

      const received = await awaitMail(mailpit, email);
      expect(received.To.map((t) => t.Address)).toEqual([email]);
      expect(received.From.Address).toBe('no-reply@chat.example.test');
      expect(received.Subject).toBe('You are invited to join Globex on Fast Light Chat');
      const token = tokenOf(received);
      expect(received.Text.replace(/\r\n/g, '\n').trim()).toBe(
        [
          'Hello Mia Mailed,',
          '',
          `${owner.agent.name} invited you to join Globex on Fast Light Chat as an admin.`,
          'To accept, open this link and choose a password:',
          '',
          `${PUBLIC_URL}/accept-invite?token=${token}`,
          '',
          `The link works once, until ${utc(res.body.expiresAt)}.`,
          'If you did not expect this invitation, ignore this mail: nothing happens without you.',
        ].join('\n'),
      );
      expect(received.HTML).toContain('<strong>Globex</strong>');

      const preview = await api.call('GET', `/v1/auth/invitations/${token}`);
      expect(preview.body).toMatchObject({ email, organization: { name: 'Globex' } });
      const joined = await accept(token);
      expect(joined.status).toBe(200);
      expect(joined.body.agent).toMatchObject({ id: res.body.agent.id, status: 'active' });

      // The audit log says how it travelled, and holds no token.
      const log = await api.call('GET', '/v1/audit-events?action=agent.invited', {
        token: owner.accessToken,
      });
      expect(log.body.items[0].details).toEqual({
        name: 'Mia Mailed',
        email,
        role: 'admin',
        delivery: 'email',
      });
      expect(JSON.stringify(log.body)).not.toContain(token);
    });

    test('a renewed invitation is mailed too; the earlier link stops working', async () => {
      const owner = await api.signup('Renewing');
      const email = newEmail();
      const first = await invite(owner, email, 'agent');
      const firstToken = tokenOf(await awaitMail(mailpit, email));
      const again = await api.call('POST', `/v1/agents/${first.body.agent.id}/invite`, {
        token: owner.accessToken,
      });
      expect(again.status).toBe(201);
      expect(Object.keys(again.body).sort()).toEqual(['agent', 'delivery', 'expiresAt']);
      expect(again.body.delivery).toBe('email');
      const secondToken = tokenOf(await awaitMail(mailpit, email, 1));
      expect(secondToken).not.toBe(firstToken);
      expect((await accept(firstToken)).status).toBe(401);
      expect((await accept(secondToken)).status).toBe(200);
    });

    test('an address with an account elsewhere is invited and mailed alike; accepting is 409 email_in_use', async () => {
      const owner = await api.signup('Prober');
      const other = await api.signup('Victim Co');
      const fresh = newEmail();
      const answers = [await invite(owner, other.email), await invite(owner, fresh)];
      const shape = (r: (typeof answers)[number]) => ({
        status: r.status,
        keys: Object.keys(r.body).sort(),
        delivery: r.body.delivery,
        agent: { status: r.body.agent.status, role: r.body.agent.role },
      });
      expect(shape(answers[0] as (typeof answers)[number])).toEqual(
        shape(answers[1] as (typeof answers)[number]),
      );
      // Both got their mail: the same work either way.
      await awaitMail(mailpit, fresh);
      const received = await awaitMail(mailpit, other.email);
      expect(received.Subject).toBe('You are invited to join Prober on Fast Light Chat');
      const refused = await accept(tokenOf(received));
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('email_in_use');
      expect(await mailsTo(mailpit, owner.email)).toEqual([]);
    });
  });
}
