import { describe, expect, test } from 'bun:test';
import { parseInboundMail } from './inbound.ts';

const crlf = (lines: string[]) => lines.join('\r\n');

describe('parseInboundMail', () => {
  test('reads the sender, every recipient, the Message-ID and the text part', async () => {
    const raw = crlf([
      'From: "Ada Lovelace" <Ada@Example.com>',
      'To: "Acme" <reply+abc@reply.acme.test>',
      'Cc: other@example.com',
      'Delivered-To: reply+abc@reply.acme.test',
      'Subject: Re: Your conversation with Acme',
      'Message-ID: <m1@mail.example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Gr=C3=BC=C3=9Fe, it works.',
      '--b',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Grüße, it works.</p>',
      '--b--',
      '',
    ]);
    const mail = await parseInboundMail(new TextEncoder().encode(raw));
    expect({ ...mail, text: mail.text.trim() }).toEqual({
      messageId: 'm1@mail.example.com',
      from: 'ada@example.com',
      recipients: ['reply+abc@reply.acme.test', 'other@example.com'],
      text: 'Grüße, it works.',
      automatic: false,
    });
  });

  test('an HTML-only mail gives its text without the quoted blockquote', async () => {
    const raw = crlf([
      'From: ada@example.com',
      'To: reply+abc@reply.acme.test',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<div>Sounds good &amp; thanks<br>Ada</div><blockquote>old &lt;stuff&gt;</blockquote>',
    ]);
    const mail = await parseInboundMail(raw);
    expect(mail.text.trim()).toBe('Sounds good & thanks\nAda');
    expect(mail.messageId).toBeNull();
  });

  test('automatic answers are told apart', async () => {
    for (const header of ['Auto-Submitted: auto-replied', 'Precedence: bulk', 'X-Autoreply: yes']) {
      const raw = crlf(['From: ada@example.com', 'To: x@y.test', header, '', 'Out of office']);
      expect((await parseInboundMail(raw)).automatic).toBe(true);
    }
    const raw = crlf(['From: ada@example.com', 'To: x@y.test', 'Auto-Submitted: no', '', 'Hi']);
    expect((await parseInboundMail(raw)).automatic).toBe(false);
  });
});
