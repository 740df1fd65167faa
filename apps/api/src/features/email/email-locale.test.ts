import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { ReplyMailer } from '@flc/core';
import { startPlatformReplyMailer } from '@flc/storage/platform';
import {
  awaitMail,
  bootVisitor,
  chatTenant,
  mailHeaders,
  openConversation,
  testMailServer,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

// Mails in the visitor's language: the widget says at boot which catalog it speaks (`locale`),
// the contact keeps it, and its reply mails and unsubscribe page are in it (English otherwise).
const mail = testMailServer();

for (const target of databaseTargets()) {
  describe.if(Boolean(mail))(`mails in the visitor's language on ${target.name}`, () => {
    const { smtpUrl, api: mailpit } = mail ?? { smtpUrl: '', api: '' };
    let api: TestApi;
    let mailer: ReplyMailer;
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
    }, 60_000);
    afterAll(async () => {
      await mailer.stop();
      await api.close();
    });

    const localeOf = async (contactId: string) => {
      const [row] = await api.deps.db.sql<{ locale: string | null }[]>`
        select locale from contacts where id = ${contactId}`;
      return row?.locale;
    };

    /** A reply to the visitor, mailed now rather than after the delay. */
    async function mailedReply(
      tenant: Awaited<ReturnType<typeof chatTenant>>,
      id: string,
      body = '프린터를 껐다 켜 보셨나요?',
    ) {
      const res = await api.call('POST', `/v1/conversations/${id}/messages`, {
        token: tenant.owner.accessToken,
        body: { body },
      });
      expect(res.status).toBe(201);
      await api.deps.db.sql`
        update conversation_mail set due_at = now() where conversation_id = ${id}`;
      expect(await mailer.tick()).toBe(1);
    }

    test("a Korean visitor's reply mail and unsubscribe page are in Korean", async () => {
      const tenant = await chatTenant(api.rest, { name: 'Hanbit' });
      const email = `ko-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const visitor = await bootVisitor(api.rest, tenant, {
        profile: { name: '지민', email },
        locale: 'ko',
      });
      expect(await localeOf(visitor.contact.id)).toBe('ko');
      const conversation = await openConversation(api.rest, visitor);
      await mailedReply(tenant, conversation.id);

      const received = await awaitMail(mailpit, email);
      expect(received.Subject).toBe('[Hanbit] 문의하신 대화에 답장이 왔습니다');
      const text = received.Text.replace(/\r\n/g, '\n');
      expect(text).toStartWith('지민님, 안녕하세요.\n\nHanbit에서 대화에 답장했습니다:');
      expect(text).toContain('프린터를 껐다 켜 보셨나요?');
      expect(text).toContain('이 이메일에 회신하면 답장이 대화에 추가됩니다.');
      expect(text).toContain('이 대화에 관한 이메일을 그만 받으려면:');
      expect(text).not.toContain('Reply to this email');
      expect(received.HTML).toContain('<html lang="ko" dir="ltr">');
      expect(received.HTML).toContain('이메일 그만 받기</a>');

      // The page its link opens speaks Korean too, whatever the browser that opens it prefers.
      const headers = await mailHeaders(mailpit, received.ID);
      const link = /<(.+)>/.exec(headers['List-Unsubscribe']?.[0] ?? '')?.[1] ?? '';
      const path = link.replace('https://chat.example.test', '');
      const page = await api.handle(
        new Request(`http://localhost${path}`, { headers: { 'accept-language': 'en-US' } }),
      );
      const html = await page.text();
      expect(html).toContain('lang="ko"');
      expect(html).toContain('이 대화에 관한 이메일을 그만 받으시겠어요?');
    }, 30_000);

    test('a visitor whose widget never said gets English; a later boot changes the language', async () => {
      const tenant = await chatTenant(api.rest, { name: 'Acme' });
      const email = `en-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const visitor = await bootVisitor(api.rest, tenant, { profile: { email } });
      expect(await localeOf(visitor.contact.id)).toBeNull();
      const conversation = await openConversation(api.rest, visitor);
      await mailedReply(tenant, conversation.id);
      const received = await awaitMail(mailpit, email);
      expect(received.Subject).toBe('Your conversation with Acme');
      expect(received.HTML).toContain('<html lang="en" dir="ltr">');

      // The same visitor's widget, now in Korean (its stored visitor token): kept for next time.
      await bootVisitor(api.rest, tenant, { visitorToken: visitor.visitorToken, locale: 'ko' });
      expect(await localeOf(visitor.contact.id)).toBe('ko');
      await bootVisitor(api.rest, tenant, { visitorToken: visitor.visitorToken, locale: 'en' });
      expect(await localeOf(visitor.contact.id)).toBe('en');
    }, 30_000);

    test("a French visitor's reply mail is in French; an Arabic one's is right to left", async () => {
      const tenant = await chatTenant(api.rest, { name: 'Boulangerie' });
      const email = `fr-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const visitor = await bootVisitor(api.rest, tenant, {
        profile: { name: 'Camille', email },
        locale: 'fr',
      });
      expect(await localeOf(visitor.contact.id)).toBe('fr');
      const conversation = await openConversation(api.rest, visitor);
      await mailedReply(tenant, conversation.id, 'Votre commande part demain.');
      const received = await awaitMail(mailpit, email);
      expect(received.Subject).toBe('Votre conversation avec Boulangerie');
      const text = received.Text.replace(/\r\n/g, '\n');
      expect(text).toStartWith(
        'Bonjour Camille,\n\nBoulangerie a répondu à votre conversation\u00a0:',
      );
      expect(text).toContain('Votre commande part demain.');
      expect(text).toContain('votre réponse sera ajoutée à la conversation.');
      expect(text).not.toContain('Reply to this email');
      expect(received.HTML).toContain('<html lang="fr" dir="ltr">');

      const arEmail = `ar-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const arVisitor = await bootVisitor(api.rest, tenant, {
        profile: { email: arEmail },
        locale: 'ar',
      });
      const arConversation = await openConversation(api.rest, arVisitor);
      await mailedReply(tenant, arConversation.id, 'سيصل طلبك غدًا.');
      const arMail = await awaitMail(mailpit, arEmail);
      expect(arMail.Subject).toBe('محادثتك مع Boulangerie');
      expect(arMail.HTML).toContain('<html lang="ar" dir="rtl">');
      // Its unsubscribe page too, whatever the browser prefers.
      const headers = await mailHeaders(mailpit, arMail.ID);
      const link = /<(.+)>/.exec(headers['List-Unsubscribe']?.[0] ?? '')?.[1] ?? '';
      const page = await api.handle(
        new Request(`http://localhost${link.replace('https://chat.example.test', '')}`, {
          headers: { 'accept-language': 'fr-FR' },
        }),
      );
      const html = await page.text();
      expect(html).toContain('<html lang="ar" dir="rtl">');
      expect(html).toContain('هل تريد إيقاف رسائل البريد الإلكتروني بشأن هذه المحادثة؟');
    }, 30_000);

    test("an environment that fixed its widget's language keeps that one on its contacts", async () => {
      const tenant = await chatTenant(api.rest, { name: 'Sakura' });
      const set = await api.call('PATCH', `/v1/environments/${tenant.env.id}`, {
        token: tenant.owner.accessToken,
        body: { widgetLanguage: 'ja' },
      });
      expect(set.status).toBe(200);
      const visitor = await bootVisitor(api.rest, tenant, { locale: 'en' });
      expect(visitor.widgetLanguage).toBe('ja');
      expect(await localeOf(visitor.contact.id)).toBe('ja');
      const silent = await bootVisitor(api.rest, tenant);
      expect(await localeOf(silent.contact.id)).toBe('ja');
    });

    test('a language the widget has no catalog for is refused with 422, and nothing changes', async () => {
      const tenant = await chatTenant(api.rest, { name: 'Polyglot' });
      const visitor = await bootVisitor(api.rest, tenant, { locale: 'ko' });
      for (const locale of ['pt', 'zh-TW', 'ko-KR', 'KO', 'zh-hans', '', 7]) {
        const res = await api.call('POST', '/v1/widget/boot', {
          headers: { 'x-plugin-key': tenant.env.pluginKey },
          body: { visitorToken: visitor.visitorToken, locale },
        });
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('validation');
      }
      expect(await localeOf(visitor.contact.id)).toBe('ko');
    });
  });
}
