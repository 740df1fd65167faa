import { describe, expect, test } from 'bun:test';
import { ReplyAddresses } from './addresses.ts';

const conversation = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const other = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const addresses = new ReplyAddresses('a server secret', 'reply.acme.test');

describe('ReplyAddresses', () => {
  test('a reply address names its conversation, whatever the case mail systems give it', () => {
    const address = addresses.replyTo(conversation);
    expect(address).toMatch(/^reply\+[0-9a-f]{56}@reply\.acme\.test$/);
    expect(address.split('@')[0]?.length).toBeLessThanOrEqual(64);
    expect(addresses.conversationOfAddress(address)).toBe(conversation);
    expect(addresses.conversationOfAddress(address.toUpperCase())).toBe(conversation);
  });

  test('forged, re-pointed, foreign-domain or other-secret addresses name nothing', () => {
    const address = addresses.replyTo(conversation);
    const flipped = address.replace(/[0-9a-f](?=@)/, (c) => (c === '0' ? '1' : '0'));
    const hexOf = (id: string) => id.replaceAll('-', '');
    const repointed = address.replace(hexOf(conversation), hexOf(other));
    expect(addresses.conversationOfAddress(flipped)).toBeNull();
    expect(addresses.conversationOfAddress(repointed)).toBeNull();
    expect(
      addresses.conversationOfAddress(address.replace('reply.acme.test', 'evil.test')),
    ).toBeNull();
    const elsewhere = new ReplyAddresses('another secret', 'reply.acme.test');
    expect(elsewhere.conversationOfAddress(address)).toBeNull();
    expect(addresses.conversationOfAddress('reply+nothex@reply.acme.test')).toBeNull();
    expect(addresses.conversationOfAddress('support@reply.acme.test')).toBeNull();
  });

  test('an unsubscribe token is not a reply address, and the reverse', () => {
    const token = addresses.unsubscribeToken(conversation);
    expect(addresses.conversationOfToken(token)).toBe(conversation);
    const mac = addresses.replyTo(conversation).slice(6 + 32, 6 + 56);
    expect(addresses.conversationOfToken(`${conversation.replaceAll('-', '')}.${mac}`)).toBeNull();
    expect(addresses.conversationOfToken('junk')).toBeNull();
  });
});
