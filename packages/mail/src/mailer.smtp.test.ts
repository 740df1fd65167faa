import { describe, expect, test } from 'bun:test';
import { awaitMail, testMailServer } from '@flc/testkit';
import { createMailer, smtpMailer } from './mailer.ts';

const server = testMailServer();

describe('createMailer', () => {
  test('is off without an SMTP server or a sender', () => {
    expect(createMailer({ smtpUrl: undefined, mailFrom: 'a@example.com' })).toBeUndefined();
    expect(createMailer({ smtpUrl: 'smtp://localhost:25', mailFrom: undefined })).toBeUndefined();
  });
});

describe.if(Boolean(server))('the SMTP mailer against Mailpit', () => {
  const { smtpUrl, api } = server ?? { smtpUrl: '', api: '' };

  test('delivers the text and HTML parts from the configured sender, with authentication', async () => {
    const mailer = createMailer({ smtpUrl, mailFrom: 'Acme Support <support@acme.test>' });
    if (!mailer) throw new Error('mailer expected');
    const to = `someone-${crypto.randomUUID()}@example.com`;
    try {
      await mailer.send({
        to,
        subject: 'Grüße — a test',
        text: 'Plain words.',
        html: '<p>Some <b>bold</b> words.</p>',
      });
    } finally {
      mailer.close();
    }
    const mail = await awaitMail(api, to);
    expect(mail.Subject).toBe('Grüße — a test');
    expect(mail.From).toEqual({ Name: 'Acme Support', Address: 'support@acme.test' });
    expect(mail.To.map((r) => r.Address)).toEqual([to]);
    expect(mail.Text.trim()).toBe('Plain words.');
    expect(mail.HTML).toContain('<b>bold</b>');
  });

  test('a server that is not there fails the send', async () => {
    const closed = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
    const port = closed.port;
    closed.stop(true);
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'a@example.com');
    try {
      await expect(mailer.send({ to: 'b@example.com', subject: 's', text: 't' })).rejects.toThrow();
    } finally {
      mailer.close();
    }
  });
});
