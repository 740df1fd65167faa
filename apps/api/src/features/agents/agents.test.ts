import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

const password = 'a brand new password';
const newEmail = (label = 'invitee') => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;

for (const target of databaseTargets()) {
  describe(`agents on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const invite = (by: Owner, body: Record<string, unknown>) =>
      api.call('POST', '/v1/agents', { token: by.accessToken, body });
    const inviteAgent = async (by: Owner, role = 'agent') => {
      const res = await invite(by, { email: newEmail(), name: 'Invitee', role });
      expect(res.status).toBe(201);
      return res.body as { agent: { id: string; email: string }; inviteToken: string };
    };
    const accept = (token: string) =>
      api.call('POST', '/v1/auth/accept-invite', { body: { token, password, name: 'Joined' } });
    const patch = (by: Owner, id: string, body: Record<string, unknown>) =>
      api.call('PATCH', `/v1/agents/${id}`, { token: by.accessToken, body });

    test('invite, accept, then log in with the new password', async () => {
      const owner = await api.signup();
      const email = newEmail();
      const res = await invite(owner, { email: email.toUpperCase(), name: 'Ines', role: 'admin' });
      expect(res.status).toBe(201);
      // This server sends no mail: the inviter gets the token to pass on.
      expect(res.body.delivery).toBe('link');
      expect(res.body.inviteToken).toStartWith('flc_inv_');
      expect(res.body.agent).toMatchObject({
        email,
        name: 'Ines',
        role: 'admin',
        status: 'invited',
        organizationId: owner.organization.id,
      });
      const id = res.body.agent.id;
      const read = await api.call('GET', `/v1/agents/${id}`, { token: owner.accessToken });
      expect(read.body).toEqual({ ...res.body.agent, presence: 'offline' });
      // No password yet: the invitee cannot log in before accepting.
      const early = await api.call('POST', '/v1/auth/login', { body: { email, password } });
      expect(early.status).toBe(401);

      const joined = await accept(res.body.inviteToken);
      expect(joined.status).toBe(200);
      expect(joined.body.agent).toMatchObject({ id, status: 'active', name: 'Joined' });
      const login = await api.call('POST', '/v1/auth/login', { body: { email, password } });
      expect(login.status).toBe(200);
      const me = await api.call('GET', '/v1/me', { token: login.body.accessToken });
      expect(me.body.organization.id).toBe(owner.organization.id);

      const again = await accept(res.body.inviteToken);
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('unauthorized');
    });

    test('an expired invitation is refused', async () => {
      const owner = await api.signup();
      const { agent, inviteToken } = await inviteAgent(owner);
      await api.deps.db.sql`
        update invitations set expires_at = now() - interval '1 minute'
        where agent_id = ${agent.id}`;
      expect((await accept(inviteToken)).status).toBe(401);
    });

    test('a new invite token replaces the old one, and only while still invited', async () => {
      const owner = await api.signup();
      const first = await inviteAgent(owner);
      const url = `/v1/agents/${first.agent.id}/invite`;
      const second = await api.call('POST', url, { token: owner.accessToken });
      expect(second.status).toBe(201);
      expect(second.body.inviteToken).not.toBe(first.inviteToken);
      expect(second.body.agent.id).toBe(first.agent.id);
      expect((await accept(first.inviteToken)).status).toBe(401);
      expect((await accept(second.body.inviteToken)).status).toBe(200);
      const joined = await api.call('POST', url, { token: owner.accessToken });
      expect(joined.status).toBe(409);
      expect(joined.body.error.code).toBe('conflict');
    });

    test("an email of this organization's agents, invited or joined, is a conflict, whatever its case", async () => {
      const owner = await api.signup();
      const { agent } = await inviteAgent(owner);
      for (const email of [owner.email, owner.email.toUpperCase(), agent.email.toUpperCase()]) {
        const res = await invite(owner, { email, name: 'Dup', role: 'agent' });
        expect(res.status).toBe(409);
        expect(res.body.error).toEqual({
          requestId: expect.any(String),
          code: 'conflict',
          message: 'An agent of your organization already has this email',
        });
      }
      // Another organization's invitations and accounts are not this one's business (see
      // invitation-privacy.test.ts): the same address is invited there as anywhere.
      const elsewhere = await api.signup('Elsewhere');
      expect(
        (await invite(elsewhere, { email: agent.email, name: 'X', role: 'agent' })).status,
      ).toBe(201);
    });

    test('a plain agent reads the team but cannot change it', async () => {
      const owner = await api.signup();
      const member = await api.addMember(owner, 'agent');
      const { agent } = await inviteAgent(owner);
      const token = member.accessToken;
      const list = await api.call('GET', '/v1/agents', { token });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(3);
      expect((await api.call('GET', `/v1/agents/${agent.id}`, { token })).status).toBe(200);
      const writes = [
        await invite(member, { email: newEmail(), name: 'X', role: 'agent' }),
        await patch(member, agent.id, { role: 'admin' }),
        await patch(member, member.agent.id, { role: 'admin' }),
        await api.call('DELETE', `/v1/agents/${agent.id}`, { token }),
        await api.call('POST', `/v1/agents/${agent.id}/invite`, { token }),
        // Unknown ids too: the 403 must not reveal whether an id exists.
        await api.call('DELETE', `/v1/agents/${Bun.randomUUIDv7()}`, { token }),
      ];
      expect(writes.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    });

    test('disabling ends the sessions; enabling lets the agent log in again', async () => {
      const owner = await api.signup();
      const member = await api.addMember(owner, 'agent');
      const disabled = await patch(owner, member.agent.id, { status: 'disabled' });
      expect(disabled.status).toBe(200);
      expect(disabled.body.status).toBe('disabled');
      expect((await api.call('GET', '/v1/me', { token: member.accessToken })).status).toBe(401);
      const refresh = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken: member.refreshToken },
      });
      expect(refresh.status).toBe(401);
      const credentials = { email: member.email, password: member.password };
      expect((await api.call('POST', '/v1/auth/login', { body: credentials })).status).toBe(401);

      expect((await patch(owner, member.agent.id, { status: 'active' })).body.status).toBe(
        'active',
      );
      // The old refresh token stays dead; a fresh login works.
      const stale = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken: member.refreshToken },
      });
      expect(stale.status).toBe(401);
      expect((await api.call('POST', '/v1/auth/login', { body: credentials })).status).toBe(200);
    });

    test('an invited agent cannot be switched on or off, only accept or be deleted', async () => {
      const owner = await api.signup();
      const { agent, inviteToken } = await inviteAgent(owner);
      for (const status of ['active', 'disabled']) {
        expect((await patch(owner, agent.id, { status })).status).toBe(409);
      }
      expect((await patch(owner, agent.id, { role: 'admin' })).body.role).toBe('admin');
      const del = await api.call('DELETE', `/v1/agents/${agent.id}`, { token: owner.accessToken });
      expect(del.status).toBe(204);
      expect((await accept(inviteToken)).status).toBe(401);
      // The email is free again.
      expect(
        (await invite(owner, { email: agent.email, name: 'Back', role: 'agent' })).status,
      ).toBe(201);
    });

    test('a deleted agent is gone, and so are its tokens', async () => {
      const owner = await api.signup();
      const member = await api.addMember(owner, 'admin');
      const url = `/v1/agents/${member.agent.id}`;
      expect((await api.call('DELETE', url, { token: owner.accessToken })).status).toBe(204);
      expect((await api.call('GET', url, { token: owner.accessToken })).status).toBe(404);
      expect((await api.call('DELETE', url, { token: owner.accessToken })).status).toBe(404);
      expect((await api.call('GET', '/v1/me', { token: member.accessToken })).status).toBe(401);
      const refresh = await api.call('POST', '/v1/auth/refresh', {
        body: { refreshToken: member.refreshToken },
      });
      expect(refresh.status).toBe(401);
    });

    test("another tenant's agents and unknown ids are 404 and stay untouched", async () => {
      const victim = await api.signup('Victim');
      const { agent, inviteToken } = await inviteAgent(victim);
      const intruder = await api.signup('Intruder');
      const token = intruder.accessToken;
      for (const id of [agent.id, victim.agent.id, Bun.randomUUIDv7()]) {
        const url = `/v1/agents/${id}`;
        const answers = [
          await api.call('GET', url, { token }),
          await patch(intruder, id, { role: 'admin' }),
          await patch(intruder, id, { status: 'disabled' }),
          await api.call('POST', `${url}/invite`, { token }),
          await api.call('DELETE', url, { token }),
        ];
        for (const res of answers) {
          expect(res.status).toBe(404);
          expect(res.body.error.code).toBe('not_found');
        }
      }
      const still = await api.call('GET', `/v1/agents/${agent.id}`, {
        token: victim.accessToken,
      });
      expect(still.body).toMatchObject({ role: 'agent', status: 'invited' });
      expect((await accept(inviteToken)).status).toBe(200);
      const list = await api.call('GET', '/v1/agents', { token });
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([intruder.agent.id]);
    });

    test('invalid bodies and ids are 422 with field details', async () => {
      const owner = await api.signup();
      const bad = await invite(owner, { email: 'not-an-email', name: '', role: 'superuser' });
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('validation');
      const paths = bad.body.error.details.map((d: { path: string }) => d.path);
      expect(paths).toContain('body.email');
      expect(paths).toContain('body.role');
      expect(paths).toContain('body.name');
      const status = await patch(owner, owner.agent.id, { status: 'invited' });
      expect(status.status).toBe(422);
      expect(status.body.error.details.map((d: { path: string }) => d.path)).toContain(
        'body.status',
      );
      expect((await patch(owner, 'not-a-uuid', { role: 'agent' })).status).toBe(422);
    });

    test('lists page with limit and cursor, in creation order', async () => {
      const owner = await api.signup();
      const a = await inviteAgent(owner);
      const b = await inviteAgent(owner);
      const token = owner.accessToken;
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const res = await api.call('GET', `/v1/agents?limit=1${query}`, { token });
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(1);
        ids.push(res.body.items[0].id);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(ids).toEqual([owner.agent.id, a.agent.id, b.agent.id]);
      const forged = await api.call('GET', '/v1/agents?cursor=bm9wZQ', { token });
      expect(forged.status).toBe(400);
      expect((await api.call('GET', '/v1/agents?limit=0', { token })).status).toBe(422);
    });
  });
}
