import { directionOf, type VisitorLocale } from '@flc/protocol';
import type { Message } from '../message.ts';
import type { OutgoingMail } from './ports.ts';
import { type MailWords, mailWords } from './words.ts';

export interface ReplyMailInput {
  to: string;
  /** The visitor's language (its widget's); English when null. */
  locale: VisitorLocale | null;
  contactName: string | null;
  organizationName: string;
  /** The replies the visitor has not seen, oldest first. */
  fresh: Message[];
  /** A few messages before them, oldest first, for context. */
  earlier: Message[];
  replyTo: string;
  unsubscribeUrl: string;
  messageId: string;
  references: string[];
}

/** "2030-01-08 12:00 UTC": one reading for every mail client, whatever its time zone. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Names and subjects go in headers and on one line: no line breaks, no control characters. */
const oneLine = (s: string) =>
  s
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const escapeHtml = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

function author(m: Message, organization: string, words: MailWords): string {
  if (m.sender.type === 'visitor') return words.you;
  return oneLine(m.sender.name ?? '') || organization;
}

function heading(m: Message, organization: string, words: MailWords): string {
  return `${author(m, organization, words)} — ${utc(m.createdAt)}`;
}

function files(m: Message, words: MailWords): string | null {
  const names = (m.attachments ?? []).map((a) => oneLine(a.fileName));
  return names.length > 0 ? `${words.attached} ${names.join(', ')}` : null;
}

function textOf(m: Message, organization: string, words: MailWords): string {
  const lines = [heading(m, organization, words)];
  if (m.body) lines.push(m.body);
  const attached = files(m, words);
  if (attached) lines.push(attached);
  return lines.join('\n');
}

function htmlOf(m: Message, organization: string, words: MailWords): string {
  const attached = files(m, words);
  return `<div style="margin: 0 0 16px">
<div style="color: #555; font-size: 13px">${escapeHtml(heading(m, organization, words))}</div>
${m.body ? `<div style="white-space: pre-wrap">${escapeHtml(m.body)}</div>` : ''}${attached ? `<div style="color: #555">${escapeHtml(attached)}</div>` : ''}
</div>`;
}

/**
 * The mail of a conversation's replies the visitor has not seen: the replies, then a few earlier
 * messages for context, as text and HTML (every value escaped), answerable through `replyTo`,
 * with a one-click unsubscribe (RFC 8058) and Message-ID / References so mail clients thread it.
 */
export function replyMail(input: ReplyMailInput): OutgoingMail {
  const organization = oneLine(input.organizationName);
  const name = input.contactName ? oneLine(input.contactName) || null : null;
  const words = mailWords(input.locale);
  const lang = input.locale ?? 'en';
  const text = [
    words.greeting(name),
    '',
    words.replied(organization, input.fresh.length),
    '',
    ...input.fresh.flatMap((m) => [textOf(m, organization, words), '']),
    ...(input.earlier.length > 0
      ? [words.earlier, '', ...input.earlier.flatMap((m) => [textOf(m, organization, words), ''])]
      : []),
    words.answer,
    `${words.unsubscribe} ${input.unsubscribeUrl}`,
  ].join('\n');
  const earlier =
    input.earlier.length > 0
      ? `<p style="margin-top: 24px; color: #555">${escapeHtml(words.earlier)}</p>
${input.earlier.map((m) => htmlOf(m, organization, words)).join('\n')}`
      : '';
  const html = `<!doctype html>
<html lang="${lang}" dir="${directionOf(input.locale)}"><body style="font-family: sans-serif; line-height: 1.5">
<p>${escapeHtml(words.greeting(name))}</p>
<p>${escapeHtml(words.replied(organization, input.fresh.length))}</p>
${input.fresh.map((m) => htmlOf(m, organization, words)).join('\n')}
${earlier}
<p>${escapeHtml(words.answer)}</p>
<p style="font-size: 12px; color: #555">${escapeHtml(words.unsubscribe)} <a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(words.unsubscribeLink)}</a></p>
</body></html>`;
  return {
    to: input.to,
    subject: words.subject(organization),
    text,
    html,
    fromName: organization,
    replyTo: input.replyTo,
    messageId: input.messageId,
    references: input.references,
    headers: {
      'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
