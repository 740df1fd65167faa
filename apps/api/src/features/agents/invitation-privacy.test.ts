import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { eventually, type Reply } from '@flc/testkit';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

// An invitation tells the inviting organization nothing about other organizations: an address
// with an account elsewhere is invited like a fresh one, and only whoever holds the token learns,
// on accepting, that the address is taken (409 email_in_use).
const password = 'a brand new password';
const newEmail = (label = 'invitee') => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;

/** What an answer to an invitation shows, without the values that differ every time. */
function shape(res: Reply) {
  const body = res.body as Record<string, unknown> & { agent: Record<string, unknown> };
  return {
    status: res.status,
    keys: Object.keys(body).sort(),
    agentKeys: Object.keys(body.agent).sort(),
    agent: { status: body.agent.status, role: body.agent.role, name: body.agent.name },
    delivery: body.delivery,
    token: typeof body.inviteToken === 'string' && body.inviteToken.startsWith('flc_inv_'),
  };
}

for (const target of databaseTargets()) {
  describe(`invitation privacy on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    const invite = (by: Owner, email: string, name = 'Invitee') =>
      api.call('POST', '/v1/agents', {
        token: by.accessToken,
        body: { email, name, role: 'agent' },
      });
    const accept = (token: string) =>
      api.call('POST', '/v1/auth/accept-invite', { body: { token, password } });
    const login = (email: string, pass: string) =>
      api.call('POST', '/v1/auth/login', { body: { email, password: pass } });
    const emailInUse = {
      code: 'email_in_use',
      message:
        'This email address already belongs to an account in another organization, and one address can belong to one organization only. Ask the person who invited you for an invitation to another address.',
    };

    test("inviting another organization's active agent answers as for a fresh email; only accepting says it is taken", async () => {
      const a = await api.signup('Org A');
      const b = await api.signup('Org B');
      const member = await api.addMember(b, 'agent');

      const taken = await invite(a, member.email.toUpperCase());
      const fresh = await invite(a, newEmail());
      expect(shape(taken)).toEqual(shape(fresh));
      expect(shape(taken)).toMatchObject({ status: 201, delivery: 'link', token: true });
      expect(taken.body.agent).toMatchObject({
        email: member.email,
        organizationId: a.organization.id,
      });

      // Org A sees its invited row, and nothing of org B.
      const list = await api.call('GET', '/v1/agents', { token: a.accessToken });
      const invited = list.body.items.find((x: { email: string }) => x.email === member.email);
      expect(invited).toMatchObject({ id: taken.body.agent.id, status: 'invited' });
      expect(JSON.stringify(list.body)).not.toContain(member.agent.id);

      // Org B's agent still logs in, as itself; a wrong password is org B's business only.
      const signedIn = await login(member.email, member.password);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.agent.id).toBe(member.agent.id);
      expect((await login(member.email, 'not the password')).status).toBe(401);
      const failures = async (org: Owner) =>
        (
          await api.call('GET', '/v1/audit-events?action=auth.login.failed', {
            token: org.accessToken,
          })
        ).body.items.length;
      expect(await failures(b)).toBe(1);
      expect(await failures(a)).toBe(0);

      // The invitee learns it, and nothing changes for anyone.
      const refused = await accept(taken.body.inviteToken);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toEqual({ ...emailInUse, requestId: expect.any(String) });
      const still = await api.call('GET', `/v1/agents/${taken.body.agent.id}`, {
        token: a.accessToken,
      });
      expect(still.body.status).toBe('invited');
      expect((await login(member.email, member.password)).body.agent.id).toBe(member.agent.id);
      expect((await login(member.email, password)).status).toBe(401);
    });

    test('an invitation holds no email: its address signs up elsewhere, then accepting is 409 email_in_use', async () => {
      const a = await api.signup('Org A');
      const email = newEmail();
      const invited = await invite(a, email);
      expect(invited.status).toBe(201);
      const signup = await api.call('POST', '/v1/auth/signup', {
        body: { organizationName: 'Own Co', name: 'Ivy', email, password },
      });
      expect(signup.status).toBe(201);
      // The person who signed up, not the invitation, is found by login and password reset.
      expect((await login(email, password)).body.agent.id).toBe(signup.body.agent.id);
      const refused = await accept(invited.body.inviteToken);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('email_in_use');
      // Sign-up itself keeps refusing an address that has an account.
      const twice = await api.call('POST', '/v1/auth/signup', {
        body: { organizationName: 'Again', name: 'Ivy', email, password },
      });
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('conflict');
    });

    test('two organizations invite one address: the first acceptance wins, the other is told', async () => {
      const a = await api.signup('Org A');
      const c = await api.signup('Org C');
      const email = newEmail();
      const fromA = await invite(a, email);
      const fromC = await invite(c, email);
      expect([fromA.status, fromC.status]).toEqual([201, 201]);
      expect((await accept(fromA.body.inviteToken)).status).toBe(200);
      const second = await accept(fromC.body.inviteToken);
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('email_in_use');
      expect((await login(email, password)).body.agent.organizationId).toBe(a.organization.id);
      // Organization C may take its invitation back (its own data): deleting it still works.
      const cancel = await api.call('DELETE', `/v1/agents/${fromC.body.agent.id}`, {
        token: c.accessToken,
      });
      expect(cancel.status).toBe(204);
    });

    test('two acceptances of one address at once: exactly one wins', async () => {
      const a = await api.signup('Org A');
      const c = await api.signup('Org C');
      const email = newEmail();
      const first = await invite(a, email);
      const second = await invite(c, email);
      const { sql } = api.deps.db;
      const both = () =>
        Promise.all([accept(first.body.inviteToken), accept(second.body.inviteToken)]);
      let racing: Promise<Reply[]> | undefined;
      if (target.name === 'postgres') {
        // Both acceptances are held at their first statement (their invitations' rows are locked
        // here), then let go together when this transaction ends: they overlap for certain.
        const ids = [first.body.agent.id, second.body.agent.id];
        await sql.begin(async (tx) => {
          await tx`select 1 from invitations where agent_id = any(${ids}::uuid[]) for update`;
          racing = both();
          await eventually('both acceptances waiting on the lock', async () => {
            const [row] = await sql<{ n: number }[]>`
              select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'
                and query like '%update invitations set accepted_at%'`;
            return row?.n === 2;
          });
        });
      } else {
        // PGlite runs one statement at a time: the two still arrive together.
        racing = both();
      }
      const answers = await (racing as Promise<Reply[]>);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.status === 409)?.body.error.code).toBe('email_in_use');
      const joined = await sql<{ organization_id: string }[]>`
        select organization_id from agents where lower(email) = ${email} and status <> 'invited'`;
      expect(joined).toHaveLength(1);
      const winner = answers.find((r) => r.status === 200)?.body.agent.organizationId;
      expect(joined[0]?.organization_id).toBe(winner);
    });
  });
}
