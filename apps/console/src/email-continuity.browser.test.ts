import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  awaitMail,
  chatTenant,
  freePort,
  mailHeaders,
  restClient,
  testMailServer,
} from '@flc/testkit';
// By path, not as a package (see settings.browser.test.ts).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';

// Email continuity as a new user of `bun start` sees it, in Debian's Chromium with the test SMTP
// server (Mailpit): with nobody online the widget asks for an email and the visitor leaves one
// by keyboard, writes, and leaves; the agent answers in the console; the visitor gets the answer
// by mail and replies to it; the reply (posted raw, as an inbound mail provider would) shows in
// the agent's open conversation live. Screens checked with axe-core.
const mail = testMailServer();
const DOMAIN = 'reply.example.test';
const SECRET = 'a-chromium-inbound-secret';

describe.if(browserSuiteRuns('console-email-continuity') && Boolean(mail))(
  'email continuity in Chromium',
  () => {
    const { smtpUrl, api: mailpit } = mail ?? { smtpUrl: '', api: '' };
    let h: BrowserHarness;
    let origin = '';
    beforeAll(async () => {
      // The links in the mail point at FLC_PUBLIC_URL, so the port is chosen before the start.
      const port = freePort();
      origin = `http://127.0.0.1:${port}`;
      h = await startBrowserHarness({
        label: 'console-email-continuity',
        env: {
          PORT: String(port),
          FLC_SMTP_URL: smtpUrl,
          FLC_MAIL_FROM: 'Support <no-reply@example.test>',
          FLC_PUBLIC_URL: origin,
          FLC_INBOUND_MAIL_DOMAIN: DOMAIN,
          FLC_INBOUND_MAIL_SECRET: SECRET,
          FLC_EMAIL_REPLY_DELAY_SECONDS: '1',
        },
      });
    }, 120_000);
    afterAll(() => h?.stop());

    test('a visitor who left gets the answer by mail, and its reply by mail reaches the console', async () => {
      const rest = restClient(() => origin);
      const tenant = await chatTenant(rest, { name: 'Parcel Desk' });
      const email = `ada-${crypto.randomUUID().slice(0, 8)}@example.com`;

      // Nobody is online: the widget says so and asks for an email, which the visitor leaves.
      const visitor = await h.browser.newContext({ locale: 'en-US' });
      const widget = h.track(await visitor.newPage(), 'widget: ');
      await widget.goto(`${origin}/demo?pluginKey=${tenant.env.pluginKey}`);
      await widget.getByRole('button', { name: 'Open chat' }).press('Enter');
      const field = widget.getByLabel('Your email');
      await field.fill(email);
      await field.press('Enter');
      await widget.getByRole('status').getByText(`Thanks! We'll reply to ${email}.`).waitFor();
      const composer = widget.getByRole('textbox', { name: 'Write a message…' });
      await composer.fill('Where is my parcel?');
      await composer.press('Enter');
      await widget
        .getByRole('log')
        .locator('.m.mine:not(.sending)', { hasText: 'Where is my parcel?' })
        .waitFor();
      const stored = await visitor.storageState(); // what the browser keeps of the site
      await visitor.close(); // the visitor leaves the site

      // The agent answers in the console.
      const list = await rest('GET', '/v1/conversations', undefined, tenant.ownerAuth);
      const conversationId: string = list.body.items[0].id;
      const page = await h.signedIn(tenant.owner, `/inbox/${conversationId}`);
      const history = page.getByRole('log', { name: 'Messages' });
      await history.locator('.msg', { hasText: 'Where is my parcel?' }).waitFor();
      const reply = page.getByRole('textbox', { name: 'Reply' });
      await reply.fill('It left our warehouse this morning');
      await reply.press('Enter');
      await history.locator('.msg', { hasText: 'It left our warehouse this morning' }).waitFor();

      // The visitor gets it by mail, with a reply address of this conversation.
      const received = await awaitMail(mailpit, email);
      expect(received.Subject).toBe('Your conversation with Parcel Desk');
      expect(received.Text).toContain('It left our warehouse this morning');
      const headers = await mailHeaders(mailpit, received.ID);
      const replyTo = headers['Reply-To']?.[0] ?? '';
      expect(replyTo).toEndWith(`@${DOMAIN}`);

      // The visitor answers from its mail client; the provider posts the raw mail.
      const raw = [
        `From: Ada <${email}>`,
        `To: ${replyTo}`,
        `Subject: Re: ${received.Subject}`,
        `Message-ID: <${crypto.randomUUID()}@example.com>`,
        `In-Reply-To: ${headers['Message-ID']?.[0] ?? ''}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        "Thank you! I'll be home all day.",
        '',
        'On Fri, Dec 4, 2026 Parcel Desk wrote:',
        '> It left our warehouse this morning',
        '',
      ].join('\r\n');
      const posted = await fetch(`${origin}/v1/inbound-mail`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', 'x-flc-inbound-secret': SECRET },
        body: raw,
      });
      expect(posted.status).toBe(200);
      expect(await posted.json()).toMatchObject({ status: 'appended', conversationId });

      // Live in the agent's open conversation, without the quoted history.
      const mailed = history.locator('.msg', { hasText: "Thank you! I'll be home all day." });
      await mailed.waitFor();
      expect(await history.getByText('Parcel Desk wrote:').count()).toBe(0);
      // It says it came by mail; the visitor's message from the widget does not.
      await mailed.getByText('via email').waitFor();
      const typed = history.locator('.msg', { hasText: 'Where is my parcel?' });
      expect(await typed.getByText('via email').count()).toBe(0);
      await expectAccessible(page, 'the answer by mail in the conversation');
      await h.screenshot(page, 'console-email-reply');

      // Back on the site, the visitor finds its reply by mail in the chat, marked as such.
      const back = await h.browser.newContext({ locale: 'en-US', storageState: stored });
      const again = h.track(await back.newPage(), 'widget: ');
      await again.goto(`${origin}/demo?pluginKey=${tenant.env.pluginKey}`);
      await again.getByRole('button', { name: 'Open chat' }).press('Enter');
      const line = again
        .getByRole('log')
        .locator('.m.mine', { hasText: "Thank you! I'll be home all day." });
      await line.getByText('Sent by email').waitFor();
      expect(
        await again
          .getByRole('log')
          .locator('.m.mine', { hasText: 'Where is my parcel?' })
          .getByText('Sent by email')
          .count(),
      ).toBe(0);
      await expectAccessible(again, 'the reply by mail in the widget');
      await back.close();
    }, 60_000);

    test('a visitor whose browser speaks Korean is mailed in Korean', async () => {
      const rest = restClient(() => origin);
      const tenant = await chatTenant(rest, { name: 'Hanbit' });
      const email = `jimin-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const visitor = await h.browser.newContext({ locale: 'ko-KR' });
      const widget = h.track(await visitor.newPage(), 'widget: ');
      await widget.goto(`${origin}/demo?pluginKey=${tenant.env.pluginKey}`);
      await widget.getByRole('button', { name: '채팅 열기' }).press('Enter');
      const field = widget.getByLabel('이메일', { exact: true });
      await field.fill(email);
      await field.press('Enter');
      await widget.getByRole('status').getByText(email).waitFor();
      const composer = widget.getByRole('textbox', { name: '메시지를 입력하세요…' });
      await composer.fill('택배가 어디쯤 있나요?');
      await composer.press('Enter');
      await widget
        .getByRole('log')
        .locator('.m.mine:not(.sending)', { hasText: '택배가 어디쯤 있나요?' })
        .waitFor();
      await visitor.close();

      const list = await rest('GET', '/v1/conversations', undefined, tenant.ownerAuth);
      const conversationId: string = list.body.items[0].id;
      const sent = await rest(
        'POST',
        `/v1/conversations/${conversationId}/messages`,
        { body: '오늘 아침에 출고되었습니다' },
        tenant.ownerAuth,
      );
      expect(sent.status).toBe(201);
      const received = await awaitMail(mailpit, email);
      expect(received.Subject).toBe('[Hanbit] 문의하신 대화에 답장이 왔습니다');
      expect(received.Text).toContain('Hanbit에서 대화에 답장했습니다:');
      expect(received.Text).toContain('오늘 아침에 출고되었습니다');
      expect(received.Text).toContain('이 이메일에 회신하면 답장이 대화에 추가됩니다.');
    }, 60_000);
  },
);
