import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

// The accept page's preview of an invite token: what it invites to while it is live, and one
// answer (404) for every way a link can be dead.
const password = 'a brand new password';
const TTL = 3 * 24 * 3600;

interface Invitation {
  agent: { id: string; email: string; name: string; role: string };
  inviteToken: string;
  expiresAt: string;
}

for (const target of databaseTargets()) {
  describe(`invitation preview on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target, { inviteTtl: TTL });
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const invite = async (by: Owner, role = 'agent', name = 'Ines Invited') => {
      const email = `invitee-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const res = await api.call('POST', '/v1/agents', {
        token: by.accessToken,
        body: { email, name, role },
      });
      expect(res.status).toBe(201);
      return res.body as Invitation;
    };
    const preview = (token: string) => api.call('GET', `/v1/auth/invitations/${token}`);
    const expectDead = async (token: string) => {
      const res = await preview(token);
      expect({ status: res.status, body: res.body }).toEqual({
        status: 404,
        body: {
          error: {
            code: 'not_found',
            message: 'Invitation not found',
            requestId: expect.any(String),
          },
        },
      });
    };

    test('invites answer when their token expires, FLC_INVITE_TTL from now', async () => {
      const owner = await api.signup();
      const before = Date.now();
      const first = await invite(owner);
      const expires = Date.parse(first.expiresAt);
      expect(expires).toBeGreaterThanOrEqual(before + TTL * 1000 - 5_000);
      expect(expires).toBeLessThanOrEqual(Date.now() + TTL * 1000 + 5_000);
      const again = await api.call('POST', `/v1/agents/${first.agent.id}/invite`, {
        token: owner.accessToken,
      });
      expect(again.status).toBe(201);
      expect(Date.parse(again.body.expiresAt)).toBeGreaterThanOrEqual(expires);
    });

    test('a live token shows the organization, email, name, role and expiry, without auth', async () => {
      const owner = await api.signup('Globex');
      const inv = await invite(owner, 'admin');
      const res = await preview(inv.inviteToken);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body).toEqual({
        organization: { name: owner.organization.name },
        email: inv.agent.email,
        name: 'Ines Invited',
        role: 'admin',
        expiresAt: inv.expiresAt,
      });
      // Looking does not spend it.
      const joined = await api.call('POST', '/v1/auth/accept-invite', {
        body: { token: inv.inviteToken, password },
      });
      expect(joined.status).toBe(200);
      expect(joined.body.agent).toMatchObject({ name: 'Ines Invited', role: 'admin' });
    });

    test('unknown, used, replaced, expired and cancelled tokens all read as not found', async () => {
      const owner = await api.signup();
      await expectDead('flc_inv_unknown');

      const used = await invite(owner);
      await api.call('POST', '/v1/auth/accept-invite', {
        body: { token: used.inviteToken, password },
      });
      await expectDead(used.inviteToken);

      const replaced = await invite(owner);
      const newer = await api.call('POST', `/v1/agents/${replaced.agent.id}/invite`, {
        token: owner.accessToken,
      });
      await expectDead(replaced.inviteToken);
      expect((await preview(newer.body.inviteToken)).status).toBe(200);

      const expired = await invite(owner);
      await api.deps.db.sql`
        update invitations set expires_at = now() - interval '1 second'
        where agent_id = ${expired.agent.id}`;
      await expectDead(expired.inviteToken);

      const cancelled = await invite(owner);
      const removed = await api.call('DELETE', `/v1/agents/${cancelled.agent.id}`, {
        token: owner.accessToken,
      });
      expect(removed.status).toBe(204);
      await expectDead(cancelled.inviteToken);
    });

    test('a token too long is 422 in the error shape; other methods are 405', async () => {
      const long = await preview('x'.repeat(201));
      expect({ status: long.status, code: long.body.error.code }).toEqual({
        status: 422,
        code: 'validation',
      });
      const owner = await api.signup();
      const inv = await invite(owner);
      const post = await api.call('POST', `/v1/auth/invitations/${inv.inviteToken}`, {
        body: {},
      });
      expect({ status: post.status, code: post.body.error.code }).toEqual({
        status: 405,
        code: 'method_not_allowed',
      });
      expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    });
  });
}
