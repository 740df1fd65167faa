import { expect, test } from 'bun:test';
import type { Message } from '../message.ts';
import { replyMail } from './mail.ts';

const files: Message = {
  id: 'm-2',
  organizationId: 'o',
  conversationId: 'c',
  seq: 2,
  sender: { type: 'agent', id: 'a', name: 'Grace' },
  body: '',
  createdAt: '2026-01-05T10:00:00.000Z',
  attachments: [
    {
      id: 'f-1',
      fileName: 'invoice.pdf',
      contentType: 'application/pdf',
      size: 1200,
      image: false,
      url: '/v1/attachments/f-1?exp=1&sig=x',
    },
  ],
};

test('a reply of files alone is mailed by their names, without an empty body', () => {
  const mail = replyMail({
    to: 'ada@example.com',
    locale: null,
    contactName: 'Ada',
    organizationName: 'Acme',
    fresh: [files],
    earlier: [],
    replyTo: 'reply+t@in.example.com',
    unsubscribeUrl: 'https://chat.example.com/u',
    messageId: '<m@example.com>',
    references: [],
  });
  expect(mail.text).toContain('Grace — 2026-01-05 10:00 UTC\nAttached: invoice.pdf\n');
  expect(mail.html).toContain('Attached: invoice.pdf');
  expect(mail.html).not.toContain('white-space: pre-wrap');
  // The link is not mailed: it expires, and the mail may be read days later.
  expect(mail.text).not.toContain('/v1/attachments/');
});
