import { describe, expect, test } from 'bun:test';
import type { Message } from '../message.ts';
import { transcriptMail } from './mail.ts';

const message = (seq: number, body: string, type: 'visitor' | 'agent', name?: string): Message =>
  ({
    id: `m${seq}`,
    organizationId: 'o',
    conversationId: 'c',
    seq,
    sender: { type, id: `${type}-1`, ...(name ? { name } : {}) },
    body,
    createdAt: `2030-01-08T12:0${seq}:00.000Z`,
  }) as Message;

const input = {
  to: 'ada@example.com',
  contactName: 'Ada',
  organizationName: 'Acme <Support>',
  messages: [message(1, 'Is <b>this</b> safe?', 'visitor'), message(2, 'Yes & no', 'agent', 'Bo')],
  attachmentUrl: (id: string) => `https://chat.test/v1/attachments/${id}`,
  ratingUrl: (score: number) => `https://chat.test/v1/email/rating?token=t&score=${score}`,
  unsubscribeUrl: 'https://chat.test/v1/email/unsubscribe?token=u',
  messageId: '<transcript.c.2@reply.test>',
  references: [],
};

describe('transcriptMail', () => {
  test('every message with its author, five score links, everything escaped in HTML', () => {
    const mail = transcriptMail({ ...input, locale: null });
    expect(mail.subject).toBe('Your conversation with Acme <Support> (transcript)');
    expect(mail.text).toContain('You — 2030-01-08 12:01 UTC\nIs <b>this</b> safe?');
    expect(mail.text).toContain('Bo — 2030-01-08 12:02 UTC\nYes & no');
    expect(mail.text.match(/\/v1\/email\/rating\?token=t&score=\d/g)).toHaveLength(5);
    expect(mail.html).toContain('Is &lt;b&gt;this&lt;/b&gt; safe?');
    expect(mail.html).not.toContain('<b>this</b>');
    expect(mail.html).toContain('href="https://chat.test/v1/email/rating?token=t&amp;score=5"');
    expect(mail.headers?.['List-Unsubscribe']).toBe(`<${input.unsubscribeUrl}>`);
  });

  test('in Korean for a Korean contact; no rating links when the environment asks none', () => {
    const mail = transcriptMail({ ...input, locale: 'ko', ratingUrl: null });
    expect(mail.subject).toBe('[Acme <Support>] 대화 기록');
    expect(mail.html).toContain('<html lang="ko" dir="ltr">');
    expect(mail.text).toContain('나 — 2030-01-08 12:01 UTC');
    expect(mail.text).not.toContain('상담은 어떠셨나요?');
    expect(mail.text).not.toContain('/v1/email/rating');
  });
});
