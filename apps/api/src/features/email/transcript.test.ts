import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { RatingLinks, type TranscriptMailer } from '@flc/core';
import { startPlatformTranscriptMailer } from '@flc/storage/platform';
import {
  awaitMail,
  bootVisitor,
  type ChatTenant,
  chatTenant,
  mailHeaders,
  mailsTo,
  openConversation,
  pixelPng,
  testMailServer,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

// A closed conversation's transcript against a real SMTP server (Mailpit): one mail per close
// with the messages and five rating links; the links' page records only on POST, once.
const PUBLIC_URL = 'https://chat.example.test';
const mail = testMailServer();
const newEmail = () => `visitor-${crypto.randomUUID().slice(0, 8)}@example.com`;

for (const target of databaseTargets()) {
  describe.if(Boolean(mail))(`transcript mails on ${target.name}`, () => {
    const mailpit = mail?.api ?? '';
    let api: TestApi;
    let mailer: TranscriptMailer;
    beforeAll(async () => {
      api = await createTestApi(target, {
        smtpUrl: mail?.smtpUrl ?? '',
        mailFrom: 'Fast Light Chat <no-reply@chat.example.test>',
        publicUrl: PUBLIC_URL,
        inboundMailDomain: 'reply.example.test',
        inboundMailSecret: 'inbound-secret-for-tests',
        emailReplyDelaySeconds: 3600,
      });
      const started = startPlatformTranscriptMailer(api.deps, api.deps.mailer);
      if (!started) throw new Error('the transcript mailer should be on');
      mailer = started;
    }, 60_000);
    afterAll(async () => {
      await mailer.stop();
      await api.close();
    });

    async function chatWithEmail(
      organization: string,
      email: string | null = newEmail(),
      csatEnabled = true,
    ) {
      const tenant = await chatTenant(api.rest, { name: organization });
      const csat = await api.call('PUT', `/v1/environments/${tenant.env.id}/pre-chat-form`, {
        token: tenant.owner.accessToken,
        body: { enabled: false, intro: '', fields: [], csatEnabled },
      });
      expect(csat.status).toBe(200);
      const profile = email ? { name: 'Ada', email } : { name: 'Ada' };
      const visitor = await bootVisitor(api.rest, tenant, { profile });
      const conversation = await openConversation(api.rest, visitor);
      return { tenant, email: email ?? '', visitor, conversationId: conversation.id };
    }
    const say = (tenant: ChatTenant, id: string, body: string, kind?: 'note') =>
      api.call('POST', `/v1/conversations/${id}/messages`, {
        token: tenant.owner.accessToken,
        body: kind ? { body, kind } : { body },
      });
    const setStatus = (tenant: ChatTenant, id: string, status: string) =>
      api.call('PATCH', `/v1/conversations/${id}`, {
        token: tenant.owner.accessToken,
        body: { status },
      });
    const page = (method: 'GET' | 'POST', path: string, form?: Record<string, string>) =>
      api.handle(
        new Request(`http://localhost${path}`, {
          method,
          headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
          ...(form ? { body: new URLSearchParams(form).toString() } : {}),
        }),
      );
    const ratingOf = async (tenant: ChatTenant, id: string) =>
      (await api.call('GET', `/v1/conversations/${id}`, { token: tenant.owner.accessToken })).body
        .rating;

    test('a close mails one transcript: messages, no notes, five links; rated once by POST', async () => {
      const { tenant, email, visitor, conversationId } = await chatWithEmail('Initech');
      await visitorSays(api.rest, visitor, conversationId, 'My <stapler> is gone');
      expect((await say(tenant, conversationId, 'We will find it & return it.')).status).toBe(201);
      await say(tenant, conversationId, 'Secret team note', 'note');
      expect((await setStatus(tenant, conversationId, 'closed')).status).toBe(200);
      // Closing again changes nothing: still one transcript.
      expect((await setStatus(tenant, conversationId, 'closed')).status).toBe(200);
      expect(await mailer.tick()).toBe(1);
      expect(await mailer.tick()).toBe(0);

      const received = await awaitMail(mailpit, email);
      expect(received.Subject).toBe('Your conversation with Initech (transcript)');
      expect(received.Text).toContain('My <stapler> is gone');
      expect(received.Text).toContain('We will find it & return it.');
      expect(received.Text).not.toContain('Secret team note');
      expect(received.HTML).toContain('My &lt;stapler&gt; is gone');
      expect(received.Text).toContain('How did we do?');
      const links = [
        ...received.Text.matchAll(/(https:\/\/chat\.example\.test\/v1\/email\/rating\?\S+)/g),
      ].map((m) => m[1] ?? '');
      expect(links).toHaveLength(5);
      expect(links.map((l) => new URL(l).searchParams.get('score'))).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
      ]);
      const headers = await mailHeaders(mailpit, received.ID);
      expect(headers['Message-Id']?.[0]).toMatch(/^<transcript\./);
      expect((await mailsTo(mailpit, email)).length).toBe(1);

      const path = (link: string) => {
        const url = new URL(link);
        return `${url.pathname}${url.search}`;
      };
      // Opening a link (a mail scanner does) records nothing.
      const shown = await page('GET', path(links[3] ?? ''));
      expect(shown.status).toBe(200);
      expect(shown.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await shown.text();
      expect(html).toContain('id="score-4" name="score" value="4" required checked');
      expect(html).not.toContain('<script');
      expect(await ratingOf(tenant, conversationId)).toBeNull();

      const token = new URL(links[0] ?? '').searchParams.get('token') ?? '';
      const posted = await page('POST', `/v1/email/rating?token=${token}`, {
        score: '4',
        comment: '  Found it, thanks  ',
      });
      expect(posted.status).toBe(200);
      expect(await posted.text()).toContain('your rating was recorded');
      expect(await ratingOf(tenant, conversationId)).toMatchObject({
        conversationId,
        score: 4,
        comment: 'Found it, thanks',
      });

      const again = await page('POST', `/v1/email/rating?token=${token}`, { score: '1' });
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('already been rated');
      expect((await ratingOf(tenant, conversationId)).score).toBe(4);

      const bad = await page('POST', `/v1/email/rating?token=${token}`, { score: '9' });
      expect(bad.status).toBe(422);
    });

    test('a tampered or expired token is refused with a page, and rates nothing', async () => {
      const { tenant, conversationId } = await chatWithEmail('Hooli');
      await setStatus(tenant, conversationId, 'closed');
      const links = new RatingLinks(api.deps.jwtSecret);
      const good = links.token(conversationId);
      const tampered = good.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      const expired = links.token(conversationId, new Date(Date.now() - 31 * 86_400_000));
      const forged = new RatingLinks('not the server secret').token(conversationId);
      for (const [token, status, words] of [
        [tampered, 404, 'not valid'],
        [forged, 404, 'not valid'],
        [expired, 410, 'expired'],
      ] as const) {
        for (const method of ['GET', 'POST'] as const) {
          const form = method === 'POST' ? { score: '5' } : undefined;
          const res = await page(method, `/v1/email/rating?token=${token}&score=5`, form);
          expect(res.status).toBe(status);
          expect(await res.text()).toContain(words);
        }
      }
      expect(await ratingOf(tenant, conversationId)).toBeNull();
      // A reopened conversation is not rated through an old link either.
      await setStatus(tenant, conversationId, 'open');
      const reopened = await page('POST', `/v1/email/rating?token=${good}`, { score: '5' });
      expect(reopened.status).toBe(409);
      expect(await ratingOf(tenant, conversationId)).toBeNull();
    });

    test('no transcript without an email, once unsubscribed, or with the switch off', async () => {
      const none = await chatWithEmail('Vandelay', null);
      await say(none.tenant, none.conversationId, 'Hello');
      await setStatus(none.tenant, none.conversationId, 'closed');

      const gone = await chatWithEmail('Soylent');
      await say(gone.tenant, gone.conversationId, 'Hello');
      const addresses = (await import('@flc/storage/platform')).replyAddressesOf(api.deps);
      const unsubscribe = addresses?.unsubscribeToken(gone.conversationId) ?? '';
      expect((await page('POST', `/v1/email/unsubscribe?token=${unsubscribe}`)).status).toBe(200);
      await setStatus(gone.tenant, gone.conversationId, 'closed');

      const off = await chatWithEmail('Umbrella');
      await say(off.tenant, off.conversationId, 'Hello');
      const put = await api.call('PUT', `/v1/environments/${off.tenant.env.id}/email-continuity`, {
        token: off.tenant.owner.accessToken,
        body: { enabled: false },
      });
      expect(put.status).toBe(200);
      await setStatus(off.tenant, off.conversationId, 'closed');

      // Switched off after a close: the queued transcript is dropped when its turn comes.
      const late = await chatWithEmail('Wonka');
      await say(late.tenant, late.conversationId, 'Hello');
      await setStatus(late.tenant, late.conversationId, 'closed');
      await api.call('PUT', `/v1/environments/${late.tenant.env.id}/email-continuity`, {
        token: late.tenant.owner.accessToken,
        body: { enabled: false },
      });

      expect(await mailer.tick()).toBe(0);
      for (const email of [gone.email, off.email, late.email]) {
        expect(await mailsTo(mailpit, email)).toEqual([]);
      }
      const [queued] = await api.deps.db.sql<{ n: number }[]>`
        select count(*)::int as n from conversation_transcripts
        where conversation_id = ${late.conversationId} and due_at is null`;
      expect(queued?.n).toBe(1);
    });

    test('an attachment is a signed link good for 30 days; CSAT off, the transcript asks for no rating', async () => {
      const { tenant, email, conversationId } = await chatWithEmail('Stark', newEmail(), false);
      const form = new FormData();
      form.set('file', new Blob([pixelPng]), 'shot.png');
      const uploaded = await api.handle(
        new Request(`http://localhost/v1/conversations/${conversationId}/attachments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tenant.owner.accessToken}` },
          body: form,
        }),
      );
      expect(uploaded.status).toBe(201);
      const { id } = (await uploaded.json()) as { id: string };
      const sent = await api.call('POST', `/v1/conversations/${conversationId}/messages`, {
        token: tenant.owner.accessToken,
        body: { body: 'Here is the picture', attachments: [id] },
      });
      expect(sent.status).toBe(201);
      await setStatus(tenant, conversationId, 'closed');
      expect(await mailer.tick()).toBe(1);
      const received = await awaitMail(mailpit, email);
      const link = new RegExp(
        `Attached: shot\\.png (https://chat\\.example\\.test(/v1/attachments/${id}\\?\\S+))`,
      ).exec(received.Text);
      expect(link).not.toBeNull();
      expect(received.HTML).toContain('>shot.png</a>');
      expect(received.Text).not.toContain('How did we do?');
      expect(received.Text).not.toContain('/v1/email/rating');
      expect(received.Text).toContain('Here is the picture');
      const exp = Number(new URL(link?.[1] ?? '').searchParams.get('exp'));
      expect(exp * 1000 - Date.now()).toBeGreaterThan(29 * 86_400_000);
      const bytes = await api.handle(new Request(`http://localhost${link?.[2] ?? ''}`));
      expect(bytes.status).toBe(200);
      expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(pixelPng);
    });

    test('closed, reopened by a new message and closed again: a second transcript', async () => {
      const { tenant, email, visitor, conversationId } = await chatWithEmail('Acme');
      await say(tenant, conversationId, 'First answer');
      await setStatus(tenant, conversationId, 'closed');
      expect(await mailer.tick()).toBe(1);
      await visitorSays(api.rest, visitor, conversationId, 'One more thing');
      await say(tenant, conversationId, 'Second answer');
      await setStatus(tenant, conversationId, 'closed');
      expect(await mailer.tick()).toBe(1);
      const second = await awaitMail(mailpit, email, 1);
      expect(second.Text).toContain('Second answer');
      expect(second.Text).toContain('First answer');
    });
  });
}
