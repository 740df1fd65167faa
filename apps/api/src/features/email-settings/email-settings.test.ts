import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { ReplyMailer } from '@flc/core';
import { startPlatformReplyMailer } from '@flc/storage/platform';
import {
  awaitMail,
  bootVisitor,
  type ChatTenant,
  chatTenant,
  mailsTo,
  openConversation,
  testMailServer,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

// The per-environment switch of email continuity: owners, admins and the environment's API keys
// turn it off (audited), and then no reply mail is scheduled or sent and the widget asks no
// away visitor for an email; on again, replies are mailed as before.
const mail = testMailServer();

for (const target of databaseTargets()) {
  describe.if(Boolean(mail))(`email continuity switch on ${target.name}`, () => {
    const { smtpUrl, api: mailpit } = mail ?? { smtpUrl: '', api: '' };
    let api: TestApi;
    let mailer: ReplyMailer;
    let tenant: ChatTenant;
    beforeAll(async () => {
      api = await createTestApi(target, {
        smtpUrl,
        mailFrom: 'Fast Light Chat <no-reply@chat.example.test>',
        publicUrl: 'https://chat.example.test',
        inboundMailDomain: 'reply.example.test',
        inboundMailSecret: 'inbound-secret-for-tests',
        emailReplyDelaySeconds: 60,
      });
      const started = startPlatformReplyMailer(api.deps, api.deps.mailer);
      if (!started) throw new Error('the reply mailer should be on');
      mailer = started;
      tenant = await chatTenant(api.rest, { name: 'Switchboard' });
    }, 60_000);
    afterAll(async () => {
      await mailer.stop();
      await api.close();
    });

    const path = (envId: string) => `/v1/environments/${envId}/email-continuity`;
    const put = (enabled: unknown, token = tenant.owner.accessToken, envId = tenant.env.id) =>
      api.call('PUT', path(envId), { token, body: { enabled } });
    const agentSays = async (conversationId: string, body: string) => {
      const res = await api.call('POST', `/v1/conversations/${conversationId}/messages`, {
        token: tenant.owner.accessToken,
        body: { body },
      });
      expect(res.status).toBe(201);
    };
    const due = async (conversationId: string) => {
      const [row] = await api.deps.db.sql<{ due_at: Date | null }[]>`
        select due_at from conversation_mail where conversation_id = ${conversationId}`;
      return row?.due_at ?? null;
    };
    const visitorWithEmail = async () => {
      const email = `switch-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const visitor = await bootVisitor(api.rest, tenant, { profile: { email } });
      const conversation = await openConversation(api.rest, visitor);
      return { email, conversationId: conversation.id };
    };

    test('on by default; the boot says so', async () => {
      const res = await api.call('GET', path(tenant.env.id), { token: tenant.owner.accessToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ enabled: true, updatedAt: null });
      const visitor = await bootVisitor(api.rest, tenant);
      expect(visitor).toMatchObject({ emailContinuity: true });
    });

    test('off: waiting mails are dropped, none is scheduled or sent, the widget is told; on again mails', async () => {
      const waiting = await visitorWithEmail();
      await agentSays(waiting.conversationId, 'Before the switch');
      expect(await due(waiting.conversationId)).toBeInstanceOf(Date);

      const off = await put(false);
      expect(off.status).toBe(200);
      expect(off.body.enabled).toBe(false);
      expect(off.body.updatedAt).toBeString();
      expect(await due(waiting.conversationId)).toBeNull();
      expect(await bootVisitor(api.rest, tenant)).toMatchObject({ emailContinuity: false });

      const later = await visitorWithEmail();
      await agentSays(later.conversationId, 'While it is off');
      expect(await due(later.conversationId)).toBeNull();
      await api.deps.db.sql`update conversation_mail set due_at = now()
        where conversation_id in (${waiting.conversationId}, ${later.conversationId})
          and due_at is not null`;
      expect(await mailer.tick()).toBe(0);

      // A row made due meanwhile (a reply recorded as it was switched off) is not mailed either.
      await api.deps.db.sql`update conversation_mail set due_at = now()
        where conversation_id = ${waiting.conversationId}`;
      expect(await mailer.tick()).toBe(0);
      expect(await mailsTo(mailpit, waiting.email)).toHaveLength(0);

      expect((await put(true)).body.enabled).toBe(true);
      await agentSays(later.conversationId, 'Back on');
      await api.deps.db.sql`update conversation_mail set due_at = now()
        where conversation_id = ${later.conversationId}`;
      expect(await mailer.tick()).toBe(1);
      const received = await awaitMail(mailpit, later.email);
      expect(received.Text).toContain('Back on');
    }, 30_000);

    test('each change is audited, by agents and API keys; a PUT that changes nothing is not', async () => {
      const byKey = await api.call('PUT', path(tenant.env.id), {
        headers: tenant.keyHeaders,
        body: { enabled: false },
      });
      expect(byKey.status).toBe(200);
      expect(
        (await api.call('GET', path(tenant.env.id), { headers: tenant.keyHeaders })).body,
      ).toEqual(byKey.body);
      expect((await put(false)).status).toBe(200); // no change
      expect((await put(true)).status).toBe(200);
      const audit = await api.call('GET', '/v1/audit-events?action=environment.email_continuity', {
        token: tenant.owner.accessToken,
      });
      const changes = audit.body.items.filter(
        (e: { action: string }) => e.action === 'environment.email_continuity_changed',
      );
      // Two in the test before, two here.
      expect(changes).toHaveLength(4);
      expect(changes.map((e: { actor: { kind: string } }) => e.actor.kind).sort()).toEqual([
        'agent',
        'agent',
        'agent',
        'api_key',
      ]);
      expect(changes[0].details).toEqual({ enabled: { before: false, after: true } });
    });

    test('agents get 403; other tenants and other environments’ keys 404; a bad body 422', async () => {
      const agent = await api.addMember(tenant.owner, 'agent');
      expect(
        (await api.call('GET', path(tenant.env.id), { token: agent.accessToken })).status,
      ).toBe(403);
      expect((await put(false, agent.accessToken)).status).toBe(403);
      const admin = await api.addMember(tenant.owner, 'admin');
      expect(
        (await api.call('GET', path(tenant.env.id), { token: admin.accessToken })).status,
      ).toBe(200);
      const other = await chatTenant(api.rest);
      expect((await put(false, other.owner.accessToken)).status).toBe(404);
      expect(
        (await api.call('GET', path(other.env.id), { headers: tenant.keyHeaders })).status,
      ).toBe(404);
      expect(
        (
          await api.call('PUT', path(other.env.id), {
            headers: tenant.keyHeaders,
            body: { enabled: false },
          })
        ).status,
      ).toBe(404);
      expect(
        (await api.call('GET', path(other.env.id), { token: other.owner.accessToken })).body,
      ).toEqual({ enabled: true, updatedAt: null });
      for (const body of [{}, { enabled: 'no' }, { enabled: null }]) {
        const res = await api.call('PUT', path(tenant.env.id), {
          token: tenant.owner.accessToken,
          body,
        });
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('validation');
      }
    });
  });
}
