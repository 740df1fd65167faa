import { expect, test } from 'bun:test';
import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './signing.ts';

const secret = 'whsec_test';
const body = '{"id":"1","type":"message.created"}';

test('the signature is hex HMAC-SHA256 of "timestamp.body", as any HMAC library computes it', async () => {
  const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
  expect(await signWebhook(secret, 1_700_000_000, body)).toBe(`v1=${expected}`);
});

test('verification needs the secret, the exact body and a timestamp within five minutes', async () => {
  const timestamp = '1700000000';
  const signature = await signWebhook(secret, 1_700_000_000, body);
  const at = (nowSeconds: number) => ({ secret, body, timestamp, signature, nowSeconds });
  expect(await verifyWebhook(at(1_700_000_000))).toBe(true);
  expect(await verifyWebhook(at(1_700_000_300))).toBe(true);
  expect(await verifyWebhook(at(1_700_000_301))).toBe(false);
  expect(await verifyWebhook(at(1_699_999_699))).toBe(false);
  const now = at(1_700_000_010);
  expect(await verifyWebhook({ ...now, secret: 'whsec_other' })).toBe(false);
  expect(await verifyWebhook({ ...now, body: `${body}\n` })).toBe(false);
  expect(await verifyWebhook({ ...now, timestamp: '1700000001' })).toBe(false);
  expect(await verifyWebhook({ ...now, signature: signature.replace('v1=', 'v0=') })).toBe(false);
  expect(await verifyWebhook({ ...now, signature: 'v1=zz' })).toBe(false);
  expect(await verifyWebhook({ ...now, signature: null })).toBe(false);
  expect(await verifyWebhook({ ...now, timestamp: 'soon' })).toBe(false);
  // Several signatures (a secret being rotated): any one that matches will do.
  expect(await verifyWebhook({ ...now, signature: `v1=${'0'.repeat(64)}, ${signature}` })).toBe(
    true,
  );
});
