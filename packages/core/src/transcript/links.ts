import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a transcript's rating links work: a month after the mail was written. */
export const RATING_LINK_DAYS = 30;

const TOKEN = /^([0-9a-f]{32})\.([0-9a-z]{1,10})\.([0-9a-f]{32})$/;

const hexOf = (uuid: string) => uuid.replaceAll('-', '').toLowerCase();
const uuidOf = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** What a rating token says once checked. */
export type RatingTokenCheck =
  | { ok: true; conversationId: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'expired' };

/**
 * The signed tokens of a transcript's "How did we do?" links: `<conversation>.<expiry>.<mac>`,
 * the mac an HMAC of both under a key derived from the server's secret for this one purpose (as
 * ReplyAddresses derives its own), so a token is neither forged, re-pointed at another
 * conversation, stretched past its expiry, nor usable as a reply address or unsubscribe token.
 * The score is not in the token: the page it opens lets the visitor change it before sending.
 */
export class RatingLinks {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('flc transcript rating v1').digest();
  }

  /** A token valid for RATING_LINK_DAYS from `now`. */
  token(conversationId: string, now = new Date()): string {
    const hex = hexOf(conversationId);
    const expiry = Math.floor(now.getTime() / 1000 + RATING_LINK_DAYS * 86_400).toString(36);
    return `${hex}.${expiry}.${this.mac(hex, expiry)}`;
  }

  check(token: string, now = new Date()): RatingTokenCheck {
    const match = TOKEN.exec(token.trim().toLowerCase());
    if (!match) return { ok: false, reason: 'invalid' };
    const [hex, expiry, mac] = [match[1] ?? '', match[2] ?? '', match[3] ?? ''];
    const expected = Buffer.from(this.mac(hex, expiry));
    if (!timingSafeEqual(Buffer.from(mac), expected)) return { ok: false, reason: 'invalid' };
    const expiresAt = new Date(Number.parseInt(expiry, 36) * 1000);
    if (expiresAt <= now) return { ok: false, reason: 'expired' };
    return { ok: true, conversationId: uuidOf(hex), expiresAt };
  }

  private mac(hex: string, expiry: string): string {
    return createHmac('sha256', this.key).update(`${hex}.${expiry}`).digest('hex').slice(0, 32);
  }
}
