import { createHmac, timingSafeEqual } from 'node:crypto';

const UUID_HEX = /^[0-9a-f]{32}$/;
/** 96 bits of HMAC-SHA256: a forged address is a 2^-96 guess, and the local part stays short. */
const MAC_HEX = 24;
const REPLY = /^reply\+([0-9a-f]{32})([0-9a-f]{24})@(.+)$/;
const UNSUBSCRIBE = /^([0-9a-f]{32})\.([0-9a-f]{24})$/;

const hexOf = (uuid: string) => uuid.replaceAll('-', '').toLowerCase();
const uuidOf = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/**
 * The signed addresses and links of email continuity. A visitor replies to
 * `reply+<conversation><mac>@<inbound domain>` and stops the mail with an unsubscribe token
 * `<conversation>.<mac>`; each mac is an HMAC of the conversation id under a key derived from
 * the server's secret for that one purpose, so neither can be forged, pointed at another
 * conversation (or tenant), or used as the other. Lower-case hex only: mail systems may change
 * the case of an address.
 */
export class ReplyAddresses {
  private readonly replyKey: Buffer;
  private readonly unsubscribeKey: Buffer;

  constructor(
    secret: string,
    /** `FLC_INBOUND_MAIL_DOMAIN`, lower case. */
    readonly domain: string,
  ) {
    const derive = (purpose: string) => createHmac('sha256', secret).update(purpose).digest();
    this.replyKey = derive('flc reply address v1');
    this.unsubscribeKey = derive('flc mail unsubscribe v1');
  }

  /** The Reply-To of the conversation's mail. */
  replyTo(conversationId: string): string {
    const hex = hexOf(conversationId);
    return `reply+${hex}${this.mac(this.replyKey, hex)}@${this.domain}`;
  }

  /** The conversation a reply address names, or null when it is not one this server signed. */
  conversationOfAddress(address: string): string | null {
    const match = REPLY.exec(address.trim().toLowerCase());
    if (!match || match[3] !== this.domain) return null;
    const [hex, mac] = [match[1] ?? '', match[2] ?? ''];
    return this.verified(this.replyKey, hex, mac) ? uuidOf(hex) : null;
  }

  /** The token of the conversation's unsubscribe link. */
  unsubscribeToken(conversationId: string): string {
    const hex = hexOf(conversationId);
    return `${hex}.${this.mac(this.unsubscribeKey, hex)}`;
  }

  /** The conversation an unsubscribe token names, or null when it is not one this server signed. */
  conversationOfToken(token: string): string | null {
    const match = UNSUBSCRIBE.exec(token.trim().toLowerCase());
    if (!match) return null;
    const [hex, mac] = [match[1] ?? '', match[2] ?? ''];
    return this.verified(this.unsubscribeKey, hex, mac) ? uuidOf(hex) : null;
  }

  private mac(key: Buffer, hex: string): string {
    if (!UUID_HEX.test(hex)) throw new Error('not a conversation id');
    return createHmac('sha256', key).update(hex).digest('hex').slice(0, MAC_HEX);
  }

  private verified(key: Buffer, hex: string, mac: string): boolean {
    const expected = Buffer.from(this.mac(key, hex));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
