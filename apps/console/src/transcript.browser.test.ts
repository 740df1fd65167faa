import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  awaitMail,
  bootVisitor,
  chatTenant,
  freePort,
  openConversation,
  restClient,
  testMailServer,
  testRedisUrl,
  visitorSays,
} from '@flc/testkit';
// By path, not as a package (see settings.browser.test.ts).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';

// A closed conversation's transcript as `bun start` sends it, embedded and with Redis (where the
// persisters store the messages a moment after the close): the mail reaches Mailpit, and its
// rating link opens a page in Chromium, checked with axe, whose form the visitor sends by
// keyboard. English on the embedded profile, Korean with Redis.
const mail = testMailServer();
const redisUrl = testRedisUrl();

const profiles = [
  {
    name: 'embedded',
    env: {} as Record<string, string>,
    locale: 'en' as const,
    subject: 'Your conversation with Parcel Desk (transcript)',
    words: { score: '4 – Good', comment: 'Anything you would like to add? (optional)' },
    send: 'Send rating',
    thanks: 'Thank you: your rating was recorded.',
  },
  ...(redisUrl
    ? [
        {
          name: 'Redis',
          env: { REDIS_URL: redisUrl } as Record<string, string>,
          locale: 'ko' as const,
          subject: '[Parcel Desk] 대화 기록',
          words: { score: '4 – 만족', comment: '더 남기실 말씀이 있나요? (선택)' },
          send: '평가 보내기',
          thanks: '감사합니다. 평가가 저장되었습니다.',
        },
      ]
    : []),
];

for (const profile of profiles) {
  describe.if(browserSuiteRuns('console-transcript') && Boolean(mail))(
    `transcript and rating page in Chromium (${profile.name})`,
    () => {
      const { smtpUrl, api: mailpit } = mail ?? { smtpUrl: '', api: '' };
      let h: BrowserHarness;
      let origin = '';
      beforeAll(async () => {
        const port = freePort();
        origin = `http://127.0.0.1:${port}`;
        h = await startBrowserHarness({
          label: `console-transcript-${profile.name}`,
          env: {
            PORT: String(port),
            FLC_SMTP_URL: smtpUrl,
            FLC_MAIL_FROM: 'Support <no-reply@example.test>',
            FLC_PUBLIC_URL: origin,
            FLC_INBOUND_MAIL_DOMAIN: 'reply.example.test',
            FLC_INBOUND_MAIL_SECRET: 'a-chromium-inbound-secret',
            ...profile.env,
          },
        });
      }, 120_000);
      afterAll(() => h?.stop());

      test('closing mails the transcript; its link rates the conversation once', async () => {
        const rest = restClient(() => origin);
        const tenant = await chatTenant(rest, { name: 'Parcel Desk' });
        const email = `ada-${crypto.randomUUID().slice(0, 8)}@example.com`;
        // The environment asks for ratings (its CSAT switch): the transcript carries the links.
        const csat = await rest(
          'PUT',
          `/v1/environments/${tenant.env.id}/pre-chat-form`,
          { enabled: false, intro: '', fields: [], csatEnabled: true },
          tenant.ownerAuth,
        );
        expect(csat.status).toBe(200);
        const visitor = await bootVisitor(rest, tenant, {
          profile: { name: 'Ada', email },
          locale: profile.locale,
        });
        const { id } = await openConversation(rest, visitor);
        await visitorSays(rest, visitor, id, 'Where is my parcel?');
        const said = await rest(
          'POST',
          `/v1/conversations/${id}/messages`,
          { body: 'It left this morning' },
          tenant.ownerAuth,
        );
        expect(said.status).toBe(201);
        const closed = await rest(
          'PATCH',
          `/v1/conversations/${id}`,
          { status: 'closed' },
          tenant.ownerAuth,
        );
        expect(closed.status).toBe(200);

        const received = await awaitMail(mailpit, email);
        expect(received.Subject).toBe(profile.subject);
        expect(received.Text).toContain('Where is my parcel?');
        expect(received.Text).toContain('It left this morning');
        const links = [...received.Text.matchAll(/(http:\/\/\S+\/v1\/email\/rating\?\S+)/g)].map(
          (m) => m[1] ?? '',
        );
        expect(links).toHaveLength(5);

        const page = await h.page('rating: ');
        await page.goto(links[3] ?? '');
        expect(await page.locator('html').getAttribute('lang')).toBe(profile.locale);
        const four = page.getByRole('radio', { name: profile.words.score });
        expect(await four.isChecked()).toBe(true);
        await expectAccessible(page, 'the rating page');
        await h.screenshot(page, `rating-page-${profile.name}`);
        // Opening it recorded nothing.
        const before = await rest('GET', `/v1/conversations/${id}`, undefined, tenant.ownerAuth);
        expect(before.body.rating).toBeNull();

        const comment = page.getByRole('textbox', { name: profile.words.comment });
        await comment.fill('Quick answer, thanks');
        await page.getByRole('button', { name: profile.send }).press('Enter');
        await page.getByRole('status').getByText(profile.thanks).waitFor();
        await expectAccessible(page, 'the rating recorded');
        await h.screenshot(page, `rating-done-${profile.name}`);

        const after = await rest('GET', `/v1/conversations/${id}`, undefined, tenant.ownerAuth);
        expect(after.body.rating).toMatchObject({ score: 4, comment: 'Quick answer, thanks' });
        expect(h.pageErrors).toEqual([]);
      }, 60_000);
    },
  );
}
