import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

interface Row {
  id: string;
  action: string;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

// Every action the API records, each exactly once, with who did it, in the organization it
// concerns; nothing in the log is a credential; and the database keeps the log append-only.
for (const target of databaseTargets()) {
  describe(`audit log recording on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target, { trustProxy: true });
    }, 60_000);
    afterAll(() => api.close());

    const rows = async (organizationId: string): Promise<Row[]> => [
      ...(await api.deps.db.sql<Row[]>`
        select id, action, actor_kind, actor_id, actor_label, target_type, target_id, ip,
          user_agent, details
        from audit_events where organization_id = ${organizationId}
        order by occurred_at, id`),
    ];

    /** Runs `act` and answers the events it added to the organization's log. */
    async function recorded(organizationId: string, act: () => Promise<unknown>) {
      const before = new Set((await rows(organizationId)).map((r) => r.id));
      await act();
      return (await rows(organizationId)).filter((r) => !before.has(r.id));
    }

    const headers = { 'x-forwarded-for': '203.0.113.7', 'user-agent': 'audit-test/1.0' };
    const as = (owner: Owner, body?: unknown) => ({ token: owner.accessToken, body, headers });

    async function ok(res: Promise<{ status: number; body: unknown }>, status = 200) {
      const reply = await res;
      if (reply.status !== status) {
        throw new Error(`expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
      }
      // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON replies
      return reply.body as any;
    }

    test('sign-up records the organization created by its owner', async () => {
      const owner = await api.signup('Signup Org');
      const log = await rows(owner.organization.id);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({
        action: 'organization.created',
        actor_kind: 'agent',
        actor_id: owner.agent.id,
        target_type: 'organization',
        target_id: owner.organization.id,
        details: { name: 'Signup Org' },
      });
    });

    test('sign-ins: success by the agent; failures against its email in its organization only', async () => {
      const owner = await api.signup();
      const other = await api.signup();
      const login = (email: string, password: string) =>
        api.call('POST', '/v1/auth/login', { body: { email, password }, headers });

      const good = await recorded(owner.organization.id, () =>
        ok(login(owner.email, owner.password)),
      );
      expect(good).toHaveLength(1);
      expect(good[0]).toMatchObject({
        action: 'auth.login.succeeded',
        actor_kind: 'agent',
        actor_id: owner.agent.id,
        target_id: owner.agent.id,
        ip: '203.0.113.7',
        user_agent: 'audit-test/1.0',
      });

      const bad = await recorded(owner.organization.id, () =>
        ok(login(owner.email, 'not the password'), 401),
      );
      expect(bad).toHaveLength(1);
      expect(bad[0]).toMatchObject({
        action: 'auth.login.failed',
        actor_kind: 'anonymous',
        actor_id: null,
        target_type: 'agent',
        target_id: owner.agent.id,
        details: { email: owner.email, reason: 'wrong_password' },
      });
      expect(JSON.stringify(bad)).not.toContain('not the password');

      // An unknown email leaves no trace in any tenant's log.
      const total = async () =>
        (await api.deps.db.sql<{ n: number }[]>`select count(*)::int as n from audit_events`)[0]?.n;
      const before = await total();
      await ok(login(`nobody-${crypto.randomUUID()}@example.com`, 'whatever it is'), 401);
      expect(await total()).toBe(before);
      expect((await rows(other.organization.id)).map((r) => r.action)).toEqual([
        'organization.created',
      ]);
    });

    test('a disabled agent signing in with its right password is a failure, said so', async () => {
      const owner = await api.signup();
      const member = await api.addMember(owner, 'agent');
      await ok(
        api.call('PATCH', `/v1/agents/${member.agent.id}`, as(owner, { status: 'disabled' })),
      );
      const failed = await recorded(owner.organization.id, () =>
        ok(
          api.call('POST', '/v1/auth/login', {
            body: { email: member.email, password: member.password },
          }),
          401,
        ),
      );
      expect(failed.map((r) => [r.action, r.details.reason])).toEqual([
        ['auth.login.failed', 'account_disabled'],
      ]);
    });

    test('a spent refresh token presented again is recorded against its agent', async () => {
      const owner = await api.signup();
      await ok(
        api.call('POST', '/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } }),
      );
      const reuse = await recorded(owner.organization.id, () =>
        ok(
          api.call('POST', '/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } }),
          401,
        ),
      );
      expect(reuse.map((r) => [r.action, r.target_id])).toEqual([
        ['auth.refresh_token.reused', owner.agent.id],
      ]);
      expect(JSON.stringify(reuse)).not.toContain(owner.refreshToken);
    });

    test('agents: invited, re-invited, joined, role changed, disabled, enabled, removed', async () => {
      const owner = await api.signup();
      const org = owner.organization.id;
      const one = async (act: () => Promise<unknown>) => {
        const added = await recorded(org, act);
        expect(added).toHaveLength(1);
        return added[0] as Row;
      };

      let invite: { agent: { id: string }; inviteToken: string } | undefined;
      const invited = await one(async () => {
        invite = await ok(
          api.call(
            'POST',
            '/v1/agents',
            as(owner, {
              email: `bob-${crypto.randomUUID()}@example.com`,
              name: 'Bob',
              role: 'agent',
            }),
          ),
          201,
        );
      });
      if (!invite) throw new Error('no invitation');
      const bob = invite.agent.id;
      expect(invited).toMatchObject({
        action: 'agent.invited',
        actor_id: owner.agent.id,
        target_id: bob,
        details: { name: 'Bob', role: 'agent' },
      });
      const reinvited = await one(async () => {
        invite = await ok(api.call('POST', `/v1/agents/${bob}/invite`, as(owner)), 201);
      });
      expect(reinvited).toMatchObject({ action: 'agent.reinvited', target_id: bob });
      const joined = await one(() =>
        ok(
          api.call('POST', '/v1/auth/accept-invite', {
            body: { token: invite?.inviteToken, password: 'bob builds things' },
          }),
        ),
      );
      expect(joined).toMatchObject({ action: 'agent.joined', actor_id: bob, target_id: bob });

      const promoted = await one(() =>
        ok(api.call('PATCH', `/v1/agents/${bob}`, as(owner, { role: 'admin' }))),
      );
      expect(promoted).toMatchObject({
        action: 'agent.role_changed',
        actor_kind: 'agent',
        actor_id: owner.agent.id,
        target_id: bob,
        details: { role: { before: 'agent', after: 'admin' } },
      });
      // Setting what is already set changes nothing, and records nothing.
      expect(
        await recorded(org, () =>
          ok(api.call('PATCH', `/v1/agents/${bob}`, as(owner, { role: 'admin' }))),
        ),
      ).toEqual([]);
      const disabled = await one(() =>
        ok(api.call('PATCH', `/v1/agents/${bob}`, as(owner, { status: 'disabled' }))),
      );
      expect(disabled).toMatchObject({ action: 'agent.disabled', target_id: bob });
      const enabled = await one(() =>
        ok(api.call('PATCH', `/v1/agents/${bob}`, as(owner, { status: 'active' }))),
      );
      expect(enabled).toMatchObject({ action: 'agent.enabled', target_id: bob });
      const removed = await one(() => ok(api.call('DELETE', `/v1/agents/${bob}`, as(owner)), 204));
      expect(removed).toMatchObject({
        action: 'agent.removed',
        actor_id: owner.agent.id,
        target_id: bob,
        details: { name: 'Bob', role: 'admin' },
      });
      // The agent is gone; what was done to it stays.
      expect((await rows(org)).filter((r) => r.target_id === bob)).toHaveLength(7);
    });

    test('a refused action records nothing: the event commits with the action or not at all', async () => {
      const owner = await api.signup();
      const member = await api.addMember(owner, 'agent');
      const refused = await recorded(owner.organization.id, async () => {
        await ok(api.call('POST', '/v1/environments', as(member, { name: 'Nope' })), 403);
        // The last owner cannot be demoted: 409 after the lock, before anything is written.
        await ok(
          api.call('PATCH', `/v1/agents/${owner.agent.id}`, as(owner, { role: 'agent' })),
          409,
        );
      });
      expect(refused).toEqual([]);
    });

    test('environments, API keys and webhooks; no secret reaches the log', async () => {
      const owner = await api.signup();
      const org = owner.organization.id;
      const secrets: string[] = [];
      const actions: string[] = [];
      const track = async (act: () => Promise<unknown>) => {
        const added = await recorded(org, act);
        for (const row of added) {
          expect(row.actor_id).toBe(owner.agent.id);
          expect(row.ip).toBe('203.0.113.7');
        }
        actions.push(...added.map((r) => r.action));
        return added;
      };

      let env: { id: string; identitySecret: string; pluginKey: string } | undefined;
      await track(async () => {
        env = await ok(
          api.call('POST', '/v1/environments', as(owner, { name: 'Production' })),
          201,
        );
      });
      if (!env) throw new Error('no environment');
      const envId = env.id;
      secrets.push(env.identitySecret);
      await track(() =>
        ok(
          api.call(
            'PATCH',
            `/v1/environments/${envId}`,
            as(owner, { name: 'Prod', allowedOrigins: ['https://shop.example.com'] }),
          ),
        ),
      );
      // A rename alone is not a security event.
      expect(
        await track(() =>
          ok(api.call('PATCH', `/v1/environments/${envId}`, as(owner, { name: 'P' }))),
        ),
      ).toEqual([]);
      await track(async () => {
        const rotated = await ok(
          api.call('POST', `/v1/environments/${envId}/plugin-key/rotate`, as(owner)),
        );
        expect(rotated.pluginKey).not.toBe(env?.pluginKey);
      });
      await track(async () => {
        const rotated = await ok(
          api.call('POST', `/v1/environments/${envId}/identity-secret/rotate`, as(owner)),
        );
        secrets.push(rotated.identitySecret);
      });
      await track(async () => {
        const revealed = await ok(
          api.call('POST', `/v1/environments/${envId}/identity-secret/reveal`, as(owner)),
        );
        secrets.push(revealed.identitySecret);
      });

      let key: { id: string; secret: string } | undefined;
      await track(async () => {
        key = await ok(
          api.call('POST', `/v1/environments/${envId}/api-keys`, as(owner, { name: 'CRM' })),
          201,
        );
      });
      secrets.push(key?.secret ?? 'missing');
      const revoke = () =>
        ok(api.call('DELETE', `/v1/environments/${envId}/api-keys/${key?.id}`, as(owner)), 204);
      await track(revoke);
      expect(await track(revoke)).toEqual([]); // idempotent, and recorded once

      let hook: { id: string; signingSecret: string } | undefined;
      await track(async () => {
        hook = await ok(
          api.call(
            'POST',
            `/v1/environments/${envId}/webhooks`,
            as(owner, {
              url: 'https://hooks.example.com/services/T0/B0/s3cr3tpath?token=abc',
              events: ['message.created'],
            }),
          ),
          201,
        );
      });
      secrets.push(hook?.signingSecret ?? 'missing', 's3cr3tpath', 'token=abc');
      const hookPath = `/v1/environments/${envId}/webhooks/${hook?.id}`;
      const updated = await track(() =>
        ok(api.call('PATCH', hookPath, as(owner, { enabled: false, events: ['contact.created'] }))),
      );
      expect(updated[0]?.details).toMatchObject({
        url: 'https://hooks.example.com',
        enabled: { before: true, after: false },
        events: { before: ['message.created'], after: ['contact.created'] },
      });
      await track(async () => {
        const rotated = await ok(
          api.call('POST', `/v1/webhooks/${hook?.id}/rotate-secret`, as(owner)),
        );
        secrets.push(rotated.signingSecret);
      });
      await track(() => ok(api.call('DELETE', hookPath, as(owner)), 204));
      await track(() => ok(api.call('DELETE', `/v1/environments/${envId}`, as(owner)), 204));

      expect(actions).toEqual([
        'environment.created',
        'environment.origins_changed',
        'environment.plugin_key_rotated',
        'environment.identity_secret_rotated',
        'environment.identity_secret_revealed',
        'api_key.created',
        'api_key.revoked',
        'webhook.created',
        'webhook.updated',
        'webhook.secret_rotated',
        'webhook.deleted',
        'environment.deleted',
      ]);

      // Nothing of any secret anywhere in the table, in any column.
      const [dump] = await api.deps.db.sql<{ text: string }[]>`
        select coalesce(string_agg(t::text, E'\\n'), '') as text from audit_events t`;
      expect(dump?.text).toContain('environment.identity_secret_rotated');
      for (const secret of [...secrets, owner.password, owner.refreshToken, owner.accessToken]) {
        expect(secret.length).toBeGreaterThan(8);
        expect(dump?.text).not.toContain(secret);
      }
    });

    test('a name typed like a credential is no 500: the action happens, the log blanks it', async () => {
      const owner = await api.signup();
      const env = await ok(
        api.call('POST', '/v1/environments', as(owner, { name: 'whsec_env' })),
        201,
      );
      const added = await recorded(owner.organization.id, () =>
        ok(
          api.call(
            'POST',
            `/v1/environments/${env.id}/api-keys`,
            as(owner, { name: 'flc_sk_named' }),
          ),
          201,
        ),
      );
      expect(added.map((r) => [r.action, r.details.name])).toEqual([
        ['api_key.created', '[redacted]'],
      ]);
    });

    test('the database refuses to change or remove an event, but lets its organization go', async () => {
      const owner = await api.signup();
      const org = owner.organization.id;
      const sql = api.deps.db.sql;
      await expect(
        sql`update audit_events set action = 'nothing.happened' where organization_id = ${org}`,
      ).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_events where organization_id = ${org}`).rejects.toThrow(
        /append-only/,
      );
      expect(await rows(org)).toHaveLength(1);

      // Erasing a tenant erases its log with it (the only way a row leaves).
      const other = await api.signup();
      await sql`delete from organizations where id = ${org}`;
      expect(await rows(org)).toEqual([]);
      expect(await rows(other.organization.id)).toHaveLength(1);
    });
  });
}
