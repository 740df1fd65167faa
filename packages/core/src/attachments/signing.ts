import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to an attachment's bytes: whoever may see the message gets its links,
 * and a link is good for a while only. The key is derived from the platform's secret, so a
 * link signed by one API process is good on every other.
 */
export class AttachmentLinks {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', secret).update('flc attachment links v1').digest();
  }

  /** `/v1/attachments/<id>?exp=<unix s>&sig=<hmac>`: good until `exp`. */
  path(id: string): string {
    const exp = Math.floor(this.now() / 1000) + this.ttlSeconds;
    return `/v1/attachments/${id}?exp=${exp}&sig=${this.sign(id, exp)}`;
  }

  /** True when `sig` is the signature of `id` until `exp`, and `exp` has not passed. */
  verify(id: string, exp: number, sig: string): boolean {
    return this.check(id, exp, sig) === 'valid';
  }

  /**
   * `expired` for a link this platform signed whose time is up (its holder may ask for a fresh
   * one), `invalid` for anything it did not sign as is.
   */
  check(id: string, exp: number, sig: string): 'valid' | 'invalid' | 'expired' {
    if (!Number.isSafeInteger(exp)) return 'invalid';
    const expected = Buffer.from(this.sign(id, exp));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return exp * 1000 < this.now() ? 'expired' : 'valid';
  }

  private sign(id: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${id}.${exp}`).digest('base64url');
  }
}
