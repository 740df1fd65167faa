import { directionOf, type VisitorLocale } from '@flc/protocol';
import type { Message } from '../message.ts';
import type { OutgoingMail } from '../reply-mail/ports.ts';
import { type MailWords, mailWords } from '../reply-mail/words.ts';

export interface TranscriptMailInput {
  to: string;
  /** The visitor's language (its widget's); English when null. */
  locale: VisitorLocale | null;
  contactName: string | null;
  organizationName: string;
  /** The conversation's messages, oldest first, notes and deleted ones left out. */
  messages: Message[];
  /** An attachment's absolute, signed link. */
  attachmentUrl: (attachmentId: string) => string;
  /** The rating page's link for a score, 1 to 5; null: the environment asks for no rating. */
  ratingUrl: ((score: number) => string) | null;
  unsubscribeUrl: string;
  messageId: string;
  references: string[];
  replyTo?: string;
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
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

function heading(m: Message, organization: string, words: MailWords): string {
  const who =
    m.sender.type === 'visitor' ? words.you : oneLine(m.sender.name ?? '') || organization;
  return `${who} — ${utc(m.createdAt)}`;
}

function textOf(m: Message, organization: string, words: MailWords, input: TranscriptMailInput) {
  const lines = [heading(m, organization, words)];
  if (m.body) lines.push(m.body);
  for (const a of m.attachments ?? []) {
    lines.push(`${words.attached} ${oneLine(a.fileName)} ${input.attachmentUrl(a.id)}`);
  }
  return lines.join('\n');
}

function htmlOf(m: Message, organization: string, words: MailWords, input: TranscriptMailInput) {
  const files = (m.attachments ?? [])
    .map(
      (a) =>
        `<div>${escapeHtml(words.attached)} <a href="${escapeHtml(input.attachmentUrl(a.id))}">${escapeHtml(oneLine(a.fileName))}</a></div>`,
    )
    .join('');
  return `<div style="margin: 0 0 16px">
<div style="color: #555; font-size: 13px">${escapeHtml(heading(m, organization, words))}</div>
${m.body ? `<div style="white-space: pre-wrap">${escapeHtml(m.body)}</div>` : ''}${files}
</div>`;
}

function rating(words: MailWords, scores: { label: string; url: string }[]): string {
  const links = scores.map(
    (s) =>
      `<a href="${escapeHtml(s.url)}" style="display: inline-block; margin: 0 8px 8px 0">${escapeHtml(s.label)}</a>`,
  );
  return `<h2 style="font-size: 16px">${escapeHtml(words.howDidWeDo)}</h2>
<p>${links.join('\n')}</p>`;
}

/**
 * The transcript of a closed conversation: its messages (text and HTML, every value escaped,
 * attachments as signed links), then, when the environment asks for ratings, "How did we do?"
 * with one link per score to the rating page (which asks before it records), and the
 * unsubscribe link of email continuity.
 */
export function transcriptMail(input: TranscriptMailInput): OutgoingMail {
  const organization = oneLine(input.organizationName);
  const name = input.contactName ? oneLine(input.contactName) || null : null;
  const words = mailWords(input.locale);
  const lang = input.locale ?? 'en';
  const { ratingUrl } = input;
  const scores = ratingUrl
    ? words.scores.map((label, i) => ({ label, url: ratingUrl(i + 1) }))
    : [];
  const ask = scores.length > 0;
  const text = [
    words.greeting(name),
    '',
    words.transcriptIntro(organization),
    '',
    ...input.messages.flatMap((m) => [textOf(m, organization, words, input), '']),
    ...(ask ? [words.howDidWeDo, ...scores.map((s) => `${s.label}: ${s.url}`), ''] : []),
    `${words.unsubscribe} ${input.unsubscribeUrl}`,
  ].join('\n');
  const html = `<!doctype html>
<html lang="${lang}" dir="${directionOf(input.locale)}"><body style="font-family: sans-serif; line-height: 1.5">
<p>${escapeHtml(words.greeting(name))}</p>
<p>${escapeHtml(words.transcriptIntro(organization))}</p>
${input.messages.map((m) => htmlOf(m, organization, words, input)).join('\n')}
${ask ? rating(words, scores) : ''}
<p style="font-size: 12px; color: #555">${escapeHtml(words.unsubscribe)} <a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(words.unsubscribeLink)}</a></p>
</body></html>`;
  return {
    to: input.to,
    subject: words.transcriptSubject(organization),
    text,
    html,
    fromName: organization,
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    messageId: input.messageId,
    references: input.references,
    headers: {
      'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
