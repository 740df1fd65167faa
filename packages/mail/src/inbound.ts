import type { Address } from 'postal-mime';

/** What the platform reads of a mail someone sent it. */
export interface InboundMail {
  /** The `Message-ID` header, without its angle brackets; null when the mail has none. */
  messageId: string | null;
  /** The sender's address (`From`), lower case; null when there is none. */
  from: string | null;
  /** Every address it went to (`To`, `Cc`, `Delivered-To`, `X-Original-To`), lower case. */
  recipients: string[];
  /** The text part (or the HTML part's text when there is none), line ends as `\n`. */
  text: string;
  /** An automatic answer (out of office, bounce, list mail): never a visitor's reply. */
  automatic: boolean;
}

const flat = (addresses: Address[] | Address | undefined): string[] =>
  (Array.isArray(addresses) ? addresses : addresses ? [addresses] : []).flatMap((a) =>
    a.group ? a.group.map((m) => m.address) : [a.address],
  );

const header = (mail: { headers: { key: string; value: string }[] }, key: string) =>
  mail.headers.filter((h) => h.key === key).map((h) => h.value.trim());

/** Text of an HTML part: what was quoted (`<blockquote>`) and every tag dropped. */
function htmlText(html: string): string {
  return html
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Parses a raw mail (RFC 5322, as an inbound-mail provider or an SMTP client hands it over) with
 * postal-mime. Nothing of it is logged.
 */
export async function parseInboundMail(raw: Uint8Array | string): Promise<InboundMail> {
  // Loaded on the first inbound mail: most processes never parse one.
  const { default: PostalMime } = await import('postal-mime');
  const mail = await PostalMime.parse(raw);
  const recipients = [
    ...flat(mail.to),
    ...flat(mail.cc),
    ...(mail.deliveredTo ? [mail.deliveredTo] : []),
    ...header(mail, 'x-original-to'),
  ]
    .map((a) => a.trim().replace(/^<|>$/g, '').toLowerCase())
    .filter((a, i, all) => a !== '' && all.indexOf(a) === i);
  const from = flat(mail.from)[0]?.trim().toLowerCase() || null;
  const autoSubmitted = header(mail, 'auto-submitted').some((v) => v.toLowerCase() !== 'no');
  const precedence = header(mail, 'precedence').some((v) =>
    ['bulk', 'junk', 'list', 'auto_reply'].includes(v.toLowerCase()),
  );
  const automatic =
    autoSubmitted ||
    precedence ||
    header(mail, 'x-autoreply').length > 0 ||
    header(mail, 'x-autorespond').length > 0;
  const text = (mail.text ?? (mail.html ? htmlText(mail.html) : '')).replace(/\r\n?/g, '\n');
  const messageId = mail.messageId?.trim().replace(/^<|>$/g, '') || null;
  return { messageId, from, recipients, text, automatic };
}
