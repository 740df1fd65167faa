import { describe, expect, test } from 'bun:test';
import { ReplyAddresses } from '../reply-mail/addresses.ts';
import { RATING_LINK_DAYS, RatingLinks } from './links.ts';

const conversation = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const other = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const links = new RatingLinks('a server secret');
const now = new Date('2030-01-01T00:00:00Z');

describe('RatingLinks', () => {
  test('a token names its conversation until it expires', () => {
    const token = links.token(conversation, now);
    expect(links.check(token, now)).toMatchObject({ ok: true, conversationId: conversation });
    expect(links.check(token.toUpperCase(), now)).toMatchObject({ ok: true });
    const late = new Date(now.getTime() + RATING_LINK_DAYS * 86_400_000 + 1000);
    expect(links.check(token, late)).toEqual({ ok: false, reason: 'expired' });
  });

  test('forged, re-pointed, stretched or other-secret tokens are invalid', () => {
    const token = links.token(conversation, now);
    const [hex = '', expiry = '', mac = ''] = token.split('.');
    const flipped = `${hex}.${expiry}.${mac.replace(/^./, (c) => (c === '0' ? '1' : '0'))}`;
    const repointed = `${other.replaceAll('-', '')}.${expiry}.${mac}`;
    const stretched = `${hex}.${(Number.parseInt(expiry, 36) + 86_400).toString(36)}.${mac}`;
    for (const bad of [flipped, repointed, stretched, 'junk', `${hex}.${expiry}`]) {
      expect(links.check(bad, now)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(new RatingLinks('another secret').check(token, now).ok).toBe(false);
    // An unsubscribe token of the same secret is no rating token.
    const unsubscribe = new ReplyAddresses('a server secret', 'x.test').unsubscribeToken(
      conversation,
    );
    expect(links.check(unsubscribe, now).ok).toBe(false);
  });
});
