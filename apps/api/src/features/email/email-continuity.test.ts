import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { ReplyMailer } from '@flc/core';
import { smtpMailer } from '@flc/mail';
import { startPlatformReplyMailer } from '@flc/storage/platform';
import {
  awaitMail,
  bootVisitor,
  type ChatTenant,
  chatTenant,
  mailHeaders,
  mailsTo,
  openConversation,
  type ReceivedMail,
  testMailServer,
  type Visitor,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { startInboundSmtpOf } from './index.ts';

// Email continuity against a real SMTP server (Mailpit): an agent's replies the visitor has not
// seen are mailed once their delay is over, one mail for all of them; the visitor's answer, as
// the raw mail a provider posts, lands in the conversation once.
const PUBLIC_URL = 'https://chat.example.test';
const DOMAIN = 'reply.example.test';
const SECRET = 'inbound-secret-for-tests';
const mail = testMailServer();

const newEmail = () => `visitor-${crypto.randomUUID().slice(0, 8)}@example.com`;

/** The reply a mail client makes of a received mail: text above, the mail quoted below. */
function replyTo(
  received: ReceivedMail,
  headers: Record<string, string[]>,
  options: { from: string; text: string; messageId?: string; to?: string },
): string {
  const quoted = received.Text.replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => `> ${line}`);
  return [
    `From: Ada <${options.from}>`,
    `To: ${options.to ?? headers['Reply-To']?.[0]}`,
    `Subject: Re: ${received.Subject}`,
    `Message-ID: ${options.messageId ?? `<${crypto.randomUUID()}@mail.example.com>`}`,
    `In-Reply-To: ${headers['Message-Id']?.[0]}`,
    `References: ${headers['Message-Id']?.[0]}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    options.text,
    '',
    `On Fri, Dec 4, 2026 at 10:00 AM ${received.From.Name} <${received.From.Address}> wrote:`,
    ...quoted,
    '',
  ].join('\r\n');
}

for (const target of databaseTargets()) {
  describe.if(Boolean(mail))(`email continuity on ${target.name}`, () => {
    const { smtpUrl, api: mailpit } = mail ?? { smtpUrl: '', api: '' };
    let api: TestApi;
    let mailer: ReplyMailer;
    beforeAll(async () => {
      api = await createTestApi(target, {
        smtpUrl,
        mailFrom: 'Fast Light Chat <no-reply@chat.example.test>',
        publicUrl: PUBLIC_URL,
        inboundMailDomain: DOMAIN,
        inboundMailSecret: SECRET,
        emailReplyDelaySeconds: 2,
      });
      const started = startPlatformReplyMailer(api.deps, api.deps.mailer);
      if (!started) throw new Error('the reply mailer should be on');
      mailer = started;
    }, 60_000);
    afterAll(async () => {
      await mailer.stop();
      await api.close();
    });

    /** A tenant named `organization` with a visitor who gave its email, in a conversation. */
    async function chatWithEmail(organization: string) {
      const tenant = await chatTenant(api.rest, { name: organization });
      const email = newEmail();
      const visitor = await bootVisitor(api.rest, tenant, { profile: { name: 'Ada', email } });
      const conversation = await openConversation(api.rest, visitor);
      return { tenant, email, visitor, conversationId: conversation.id };
    }

    const agentSays = async (tenant: ChatTenant, conversationId: string, body: string) => {
      const res = await api.call('POST', `/v1/conversations/${conversationId}/messages`, {
        token: tenant.owner.accessToken,
        body: { body },
      });
      expect(res.status).toBe(201);
      return res.body as { seq: number; createdAt: string };
    };

    const postMail = (
      raw: string,
      headers: Record<string, string> = { 'x-flc-inbound-secret': SECRET },
    ) =>
      api.handle(
        new Request('http://localhost/v1/inbound-mail', {
          method: 'POST',
          headers: { 'content-type': 'message/rfc822', ...headers },
          body: raw,
        }),
      );

    const history = async (tenant: ChatTenant, conversationId: string) => {
      const res = await api.call('GET', `/v1/conversations/${conversationId}/messages?limit=100`, {
        token: tenant.owner.accessToken,
      });
      return res.body.items as {
        seq: number;
        body: string;
        sender: { type: string; id: string; name?: string };
        via?: string;
      }[];
    };

    /** Makes whatever waits for a mail due now and runs a round: no waiting on the clock. */
    const roundNow = async () => {
      await api.deps.db.sql`update conversation_mail set due_at = now() where due_at is not null`;
      return mailer.tick();
    };

    const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

    test('replies the visitor has not seen go out as one mail after the delay, and the reply by mail lands once', async () => {
      const { tenant, email, visitor, conversationId } = await chatWithEmail('Globex');
      const asked = (await visitorSays(
        api.rest,
        visitor,
        conversationId,
        'My <printer> & I are not friends',
      )) as { createdAt?: string };
      const first = await agentSays(tenant, conversationId, 'Have you tried turning it off?');
      const second = await agentSays(tenant, conversationId, 'And on again <b>twice</b>.');
      // A private note is never mailed.
      await api.call('POST', `/v1/conversations/${conversationId}/messages`, {
        token: tenant.owner.accessToken,
        body: { body: 'Secret team note', kind: 'note' },
      });

      const received = await awaitMail(mailpit, email);
      expect(received.To.map((t) => t.Address)).toEqual([email]);
      expect(received.From).toEqual({ Name: 'Globex', Address: 'no-reply@chat.example.test' });
      expect(received.Subject).toBe('Your conversation with Globex');
      const headers = await mailHeaders(mailpit, received.ID);
      const replyAddress = headers['Reply-To']?.[0] ?? '';
      expect(replyAddress).toMatch(/^reply\+[0-9a-f]{56}@reply\.example\.test$/);
      const messageId = headers['Message-Id']?.[0] ?? '';
      expect(messageId).toBe(`<reply.${conversationId}.${second.seq}@${DOMAIN}>`);
      const unsubscribe =
        /^<(https:\/\/chat\.example\.test\/v1\/email\/unsubscribe\?token=[0-9a-f.]+)>$/.exec(
          headers['List-Unsubscribe']?.[0] ?? '',
        )?.[1];
      expect(unsubscribe).toBeString();
      expect(headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);
      const owner = tenant.owner.agent.name;
      expect(received.Text.replace(/\r\n/g, '\n').trim()).toBe(
        [
          'Hello Ada,',
          '',
          'Globex sent you 2 replies in your conversation:',
          '',
          `${owner} — ${utc(first.createdAt)}`,
          'Have you tried turning it off?',
          '',
          `${owner} — ${utc(second.createdAt)}`,
          'And on again <b>twice</b>.',
          '',
          'Earlier in the conversation:',
          '',
          `You — ${utc(asked.createdAt ?? '')}`,
          'My <printer> & I are not friends',
          '',
          'Reply to this email to answer: your reply is added to the conversation.',
          `No more emails about this conversation: ${unsubscribe}`,
        ].join('\n'),
      );
      // Everything in the HTML part is escaped; the note is in neither part.
      expect(received.HTML).toContain('And on again &lt;b&gt;twice&lt;/b&gt;.');
      expect(received.HTML).toContain('My &lt;printer&gt; &amp; I are not friends');
      expect(received.HTML).not.toContain('<b>twice');
      expect(`${received.Text}${received.HTML}`).not.toContain('Secret team note');
      // One mail for both replies, and a round now has nothing more to send.
      expect(await roundNow()).toBe(0);
      expect(await mailsTo(mailpit, email)).toHaveLength(1);

      // The visitor answers by mail: the text above the quote becomes its message, live.
      const events: string[] = [];
      const frames: string[] = [];
      const stop = await api.deps.bus.subscribe(
        { kind: 'conversation', organizationId: tenant.owner.organization.id, conversationId },
        (event) => {
          if (event.type === 'message') {
            events.push(`${event.message.body} (${event.message.via ?? 'direct'})`);
            frames.push(event.frame);
          }
        },
      );
      const raw = replyTo(received, headers, {
        from: email.toUpperCase(),
        text: 'Off and on worked, thanks!',
        messageId: '<answer-1@mail.example.com>',
      });
      const res = await postMail(raw);
      expect(res.status).toBe(200);
      const appended = (await res.json()) as {
        status: string;
        conversationId: string;
        seq: number;
      };
      expect(appended).toEqual({ status: 'appended', conversationId, seq: second.seq + 2 });
      stop();
      expect(events).toEqual(['Off and on worked, thanks! (email)']);
      // The frame followers get says so too.
      expect(JSON.parse(frames[0] ?? '{}')).toMatchObject({ t: 'message', via: 'email' });
      // The same mail again (a provider's retry): nothing new.
      const again = await postMail(raw);
      expect(await again.json()).toEqual({
        status: 'duplicate',
        conversationId,
        seq: appended.seq,
      });
      const items = await history(tenant, conversationId);
      const fromMail = items.filter((m) => m.body === 'Off and on worked, thanks!');
      expect(fromMail).toHaveLength(1);
      expect(fromMail[0]?.sender).toEqual({ type: 'visitor', id: visitor.contact.id, name: 'Ada' });
      // Marked as a reply by mail, in the history REST gives; nothing else is.
      expect(fromMail[0]?.via).toBe('email');
      expect(items.filter((m) => m.via !== undefined)).toHaveLength(1);

      // The next reply threads under the first mail.
      await agentSays(tenant, conversationId, 'Glad it works!');
      const next = await awaitMail(mailpit, email, 1);
      const nextHeaders = await mailHeaders(mailpit, next.ID);
      expect(nextHeaders.References?.[0]).toBe(messageId);
      expect(nextHeaders['In-Reply-To']?.[0]).toBe(messageId);
      expect(next.Text).toContain('Globex replied to your conversation:');
      expect(next.Text).toContain('Earlier in the conversation:');
      expect(next.Text).toContain('Off and on worked, thanks!');
    }, 30_000);

    test('a visitor who read the replies in time gets no mail', async () => {
      const { tenant, email, visitor, conversationId } = await chatWithEmail('Initech');
      const reply = await agentSays(tenant, conversationId, 'Seen this?');
      // The widget's `read` frame, as the gateway applies it.
      await api.deps.conversationService.markRead(
        { type: 'visitor', id: visitor.contact.id, organizationId: tenant.owner.organization.id },
        conversationId,
        reply.seq,
      );
      expect(await roundNow()).toBe(0);
      expect(await mailsTo(mailpit, email)).toEqual([]);
      const [row] = await api.deps.db.sql`
        select due_at, mailed_seq from conversation_mail where conversation_id = ${conversationId}`;
      expect(row).toEqual({ due_at: null, mailed_seq: reply.seq });
    });

    test('no mail without an email, nor after the visitor unsubscribed', async () => {
      const tenant = await chatTenant(api.rest, { name: 'Nomail' });
      const anonymous: Visitor = await bootVisitor(api.rest, tenant);
      const silent = await openConversation(api.rest, anonymous);
      await agentSays(tenant, silent.id, 'Anyone there?');
      const [none] = await api.deps.db.sql`
        select 1 from conversation_mail where conversation_id = ${silent.id}`;
      expect(none).toBeUndefined();

      const { tenant: other, email, conversationId } = await chatWithEmail('Umbrella');
      await agentSays(other, conversationId, 'First');
      const received = await awaitMail(mailpit, email);
      const headers = await mailHeaders(mailpit, received.ID);
      const link = /<(.+)>/.exec(headers['List-Unsubscribe']?.[0] ?? '')?.[1] ?? '';
      const path = link.replace(PUBLIC_URL, '');
      // The link asks first (a mail scanner following it changes nothing) …
      const page = await api.handle(
        new Request(`http://localhost${path}`, {
          headers: { 'accept-language': 'ko-KR,ko;q=0.9' },
        }),
      );
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toStartWith('text/html');
      const html = await page.text();
      expect(html).toContain('lang="ko"');
      expect(html).toContain('<form method="post"');
      // … and a mail client's one-click POST stops the mail.
      const done = await api.handle(
        new Request(`http://localhost${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        }),
      );
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('You will get no more emails about this conversation.');
      await agentSays(other, conversationId, 'Second');
      expect(await roundNow()).toBe(0);
      expect(await mailsTo(mailpit, email)).toHaveLength(1);
      // A forged token is refused.
      const forged = await api.handle(
        new Request(`http://localhost${path.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`, {
          method: 'POST',
        }),
      );
      expect(forged.status).toBe(404);
    }, 30_000);

    test('forged or foreign recipients, other senders and bad credentials are refused; nothing is appended', async () => {
      const { tenant, email, conversationId } = await chatWithEmail('Hooli');
      const reply = await agentSays(tenant, conversationId, 'Hello from Hooli');
      const received = await awaitMail(mailpit, email);
      const headers = await mailHeaders(mailpit, received.ID);
      const address = headers['Reply-To']?.[0] ?? '';
      const before = await history(tenant, conversationId);
      const answer = (options: Parameters<typeof replyTo>[2]) =>
        replyTo(received, headers, options);

      const refusals: [string, Response, number, string | null][] = [];
      const forgedTo = address.replace(/[0-9a-f](?=@)/, (c) => (c === '0' ? '1' : '0'));
      refusals.push([
        'forged address',
        await postMail(answer({ from: email, text: 'x', to: forgedTo })),
        422,
        'unknown_recipient',
      ]);
      // Another tenant's conversation, with the address of this one's mail: the signature binds
      // the address to its conversation, so only the signed conversation can be named.
      const otherTenant = await chatWithEmail('Pied Piper');
      const repointed = address.replace(
        conversationId.replaceAll('-', ''),
        otherTenant.conversationId.replaceAll('-', ''),
      );
      refusals.push([
        'address pointed at another tenant',
        await postMail(answer({ from: otherTenant.email, text: 'x', to: repointed })),
        422,
        'unknown_recipient',
      ]);
      refusals.push([
        'another sender',
        await postMail(answer({ from: 'mallory@example.com', text: 'x' })),
        403,
        'sender_not_allowed',
      ]);
      refusals.push([
        'only quoted text',
        await postMail(answer({ from: email, text: '' })),
        422,
        'empty_reply',
      ]);
      refusals.push([
        'no secret',
        await postMail(answer({ from: email, text: 'x' }), {}),
        401,
        null,
      ]);
      refusals.push([
        'wrong secret',
        await postMail(answer({ from: email, text: 'x' }), { 'x-flc-inbound-secret': 'wrong' }),
        401,
        null,
      ]);
      refusals.push([
        'too large',
        await postMail(answer({ from: email, text: 'x' }), {
          'x-flc-inbound-secret': SECRET,
          'content-length': String(11 * 1024 * 1024),
        }),
        413,
        'too_large',
      ]);
      refusals.push([
        'JSON body',
        await api.handle(
          new Request('http://localhost/v1/inbound-mail', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-flc-inbound-secret': SECRET },
            body: '{}',
          }),
        ),
        415,
        'unsupported_media_type',
      ]);
      for (const [what, res, status, code] of refusals) {
        const body = (await res.json()) as { error: { code: string } };
        expect({ what, status: res.status, code: code && body.error.code }).toEqual({
          what,
          status,
          code,
        });
      }
      expect(await history(tenant, conversationId)).toEqual(before);
      expect(await history(otherTenant.tenant, otherTenant.conversationId)).toHaveLength(0);

      // Basic authentication's password works as well; an automatic answer is ignored.
      const basic = { authorization: `Basic ${btoa(`provider:${SECRET}`)}` };
      const auto = answer({ from: email, text: 'I am out of office' }).replace(
        'MIME-Version: 1.0',
        'Auto-Submitted: auto-replied\r\nMIME-Version: 1.0',
      );
      const ignored = await postMail(auto, basic);
      expect(await ignored.json()).toEqual({ status: 'ignored', conversationId, seq: null });
      const ok = await postMail(answer({ from: email, text: 'Hi back' }), basic);
      expect(await ok.json()).toEqual({ status: 'appended', conversationId, seq: reply.seq + 1 });
    }, 30_000);

    test('the SMTP listener takes a reply to a signed address and refuses any other recipient', async () => {
      const { tenant, email, conversationId } = await chatWithEmail('Vandelay');
      await agentSays(tenant, conversationId, 'Latex samples are on their way');
      const received = await awaitMail(mailpit, email);
      const headers = await mailHeaders(mailpit, received.ID);
      const address = headers['Reply-To']?.[0] ?? '';
      const smtp = await startInboundSmtpOf({
        ...api.deps,
        config: { ...api.deps.config, inboundSmtpPort: 0, host: '127.0.0.1' },
      });
      if (!smtp) throw new Error('the SMTP listener should be on');
      const visitorMailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, email);
      try {
        await visitorMailer.send({
          to: address,
          subject: `Re: ${received.Subject}`,
          text: 'Received them, thank you!\n\nOn Fri, Dec 4, 2026 Vandelay wrote:\n> Latex samples',
        });
        const items = await history(tenant, conversationId);
        expect(items.at(-1)).toMatchObject({
          body: 'Received them, thank you!',
          sender: { type: 'visitor' },
        });
        const forged = address.replace(/[0-9a-f](?=@)/, (c) => (c === '0' ? '1' : '0'));
        await expect(
          visitorMailer.send({ to: forged, subject: 'x', text: 'Forged' }),
        ).rejects.toThrow(/550/);
        const stranger = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'mallory@example.com');
        try {
          await expect(
            stranger.send({ to: address, subject: 'x', text: 'Me too' }),
          ).rejects.toThrow(/550/);
        } finally {
          stranger.close();
        }
        expect(await history(tenant, conversationId)).toEqual(items);
      } finally {
        visitorMailer.close();
        await smtp.close();
      }
    }, 30_000);
  });
}
