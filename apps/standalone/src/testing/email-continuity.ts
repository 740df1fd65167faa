import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smtpMailer } from '@flc/mail';
import {
  awaitMail,
  bearer,
  bootVisitor,
  chatTenant,
  freePort,
  mailHeaders,
  mailsTo,
  openConversation,
  restClient,
  type Started,
  startProcess,
  TestClient,
  testMailServer,
} from '@flc/testkit';

/**
 * Email continuity in `bun start`, end to end: a visitor who read a reply over its socket is not
 * mailed it; a reply sent once it left is, after the delay; its answer through the SMTP listener
 * reaches the agent's socket live; and nothing of it (bodies, signed addresses, tokens, the
 * inbound secret) is printed. `env` adds to the process's environment (`REDIS_URL`: the replies
 * are then scheduled by the persister workers behind the Redis bus).
 */
const mail = testMailServer();
const SECRET = 'a-standalone-inbound-secret';
const DOMAIN = 'reply.example.test';

export const emailContinuitySuite = (name: string, env: Record<string, string> = {}) =>
  describe.if(Boolean(mail))(`email continuity in the standalone process${name}`, () => {
    const dataDir = join(tmpdir(), `flc-email-continuity-${crypto.randomUUID()}`);
    const port = freePort();
    const smtpPort = freePort();
    const origin = `http://127.0.0.1:${port}`;
    const ws = `${origin.replace('http', 'ws')}/v1/ws?token=`;
    let standalone: Started;
    beforeAll(async () => {
      standalone = await startProcess(
        ['bun', join(import.meta.dir, '..', 'main.ts')],
        {
          PORT: String(port),
          HOST: '127.0.0.1',
          FLC_DATA_DIR: dataDir,
          FLC_LOG_LEVEL: 'debug',
          FLC_SMTP_URL: mail?.smtpUrl ?? '',
          FLC_MAIL_FROM: 'no-reply@example.test',
          FLC_PUBLIC_URL: origin,
          FLC_INBOUND_MAIL_DOMAIN: DOMAIN,
          FLC_INBOUND_MAIL_SECRET: SECRET,
          FLC_INBOUND_SMTP_PORT: String(smtpPort),
          FLC_EMAIL_REPLY_DELAY_SECONDS: '1',
          ...env,
        },
        /Fast Light Chat is running at/,
        60_000,
      );
    }, 90_000);
    afterAll(async () => {
      await standalone?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('read in time is not mailed; a reply after the visitor left is, and the answer by mail reaches the agent live', async () => {
      const rest = restClient(() => origin);
      const tenant = await chatTenant(rest, { name: 'Wonka' });
      const email = `visitor-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const visitor = await bootVisitor(rest, tenant, { profile: { name: 'Charlie', email } });
      const conversation = await openConversation(rest, visitor);
      const agentSays = async (body: string) => {
        const res = await rest(
          'POST',
          `/v1/conversations/${conversation.id}/messages`,
          { body },
          tenant.ownerAuth,
        );
        expect(res.status).toBe(201);
        return res.body as { seq: number };
      };

      // The visitor is on the page and reads the first reply as it arrives.
      const page = await TestClient.connect(`${ws}${visitor.sessionToken}`);
      await page.next('ready');
      page.send({ t: 'subscribe', conversationId: conversation.id, afterSeq: 0 });
      await page.next('subscribed');
      const seen = await agentSays('A golden ticket is on its way');
      await page.next('message', (f) => f.seq === seen.seq);
      page.send({ t: 'read', conversationId: conversation.id, seq: seen.seq });
      await page.next('read', (f) => f.seq === seen.seq);
      page.close();
      await page.waitClose();

      // Gone: the next reply is mailed after the delay, alone, the first one only as context.
      const agent = await TestClient.connect(`${ws}${tenant.owner.accessToken}`);
      await agent.next('ready');
      agent.send({ t: 'subscribe', conversationId: conversation.id, afterSeq: 0 });
      await agent.next('subscribed');
      await agentSays('The factory opens at nine');
      const received = await awaitMail(mail?.api ?? '', email);
      expect(received.Subject).toBe('Your conversation with Wonka');
      const text = received.Text.replace(/\r\n/g, '\n');
      expect(text).toContain('Wonka replied to your conversation:');
      expect(text.indexOf('The factory opens at nine')).toBeLessThan(
        text.indexOf('Earlier in the conversation:'),
      );
      expect(text.indexOf('A golden ticket is on its way')).toBeGreaterThan(
        text.indexOf('Earlier in the conversation:'),
      );
      expect(await mailsTo(mail?.api ?? '', email)).toHaveLength(1);
      const headers = await mailHeaders(mail?.api ?? '', received.ID);
      const replyAddress = headers['Reply-To']?.[0] ?? '';
      const unsubscribe = headers['List-Unsubscribe']?.[0] ?? '';

      // The visitor answers from its mail client, through the SMTP listener.
      const client = smtpMailer(`smtp://127.0.0.1:${smtpPort}`, email);
      try {
        await client.send({
          to: replyAddress,
          subject: `Re: ${received.Subject}`,
          text: 'Can I bring Grandpa Joe?\n\nOn Fri, Dec 4, 2026 Wonka wrote:\n> The factory opens',
        });
      } finally {
        client.close();
      }
      const live = await agent.next('message', (f) => f.sender.type === 'visitor');
      expect(live).toMatchObject({
        conversationId: conversation.id,
        body: 'Can I bring Grandpa Joe?',
        sender: { type: 'visitor', id: visitor.contact.id, name: 'Charlie' },
      });
      agent.close();

      // The inbound endpoint refuses without the secret.
      const refused = await fetch(`${origin}/v1/inbound-mail`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', ...bearer('not-the-secret') },
        body: 'To: x@y.test\r\n\r\nhi',
      });
      expect(refused.status).toBe(401);

      expect(await standalone.stop()).toBe(0);
      const output = standalone.output();
      expect(output).toContain(`answers to @${DOMAIN}, SMTP on port ${smtpPort}`);
      for (const secret of [
        'The factory opens at nine',
        'Can I bring Grandpa Joe?',
        replyAddress.split('@')[0] ?? '',
        unsubscribe.replace(/^.*token=|>$/g, ''),
        SECRET,
        email,
      ]) {
        expect({ secret, logged: output.includes(secret) }).toEqual({ secret, logged: false });
      }
    }, 60_000);
  });
