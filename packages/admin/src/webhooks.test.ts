import { describe, expect, test } from 'bun:test';
import { signWebhook } from '@flc/core/webhooks/signing';
import { verifyWebhook, verifyWebhookSignature, WebhookVerificationError } from './webhooks.ts';

// The platform signs with @flc/core's signWebhook (the dispatcher's); the package verifies what
// a receiver gets, in the header shapes of fetch and of Node's http.
const secret = 'whsec_test_secret';
const now = 1_800_000_000;
const body = JSON.stringify({
  id: '0190f1c2-0000-7000-8000-000000000001',
  type: 'message.created',
  createdAt: '2027-01-15T08:00:00.000Z',
  organizationId: '0190f1c2-0000-7000-8000-000000000002',
  environmentId: '0190f1c2-0000-7000-8000-000000000003',
  data: { message: { body: 'Hello' } },
});

async function delivery(at = now, signedBody = body) {
  return {
    'x-flc-timestamp': String(at),
    'x-flc-signature': await signWebhook(secret, at, signedBody),
  };
}

describe('verifyWebhook', () => {
  test('answers the envelope of a genuine delivery, from fetch Headers and from Node headers', async () => {
    const headers = await delivery();
    for (const shape of [new Headers(headers), headers]) {
      const event = await verifyWebhook({ secret, body, headers: shape, nowSeconds: now });
      expect([event.type, event.data]).toEqual(['message.created', { message: { body: 'Hello' } }]);
    }
  });

  test('throws for a tampered body, another secret, a stale timestamp, no signature', async () => {
    const headers = await delivery();
    const refused = [
      { secret, body: body.replace('Hello', 'Hullo'), headers },
      { secret: 'whsec_other', body, headers },
      { secret, body, headers: await delivery(now - 301) },
      { secret, body, headers: { 'x-flc-timestamp': String(now) } },
      { secret, body, headers: { ...headers, 'x-flc-timestamp': `${now}.5` } },
    ];
    for (const input of refused) {
      const error = await verifyWebhook({ ...input, nowSeconds: now }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebhookVerificationError);
    }
  });

  test('toleranceSeconds widens or narrows the accepted age', async () => {
    const headers = await delivery(now - 301);
    expect(
      await verifyWebhookSignature({
        secret,
        body,
        headers,
        nowSeconds: now,
        toleranceSeconds: 600,
      }),
    ).toBe(true);
    const fresh = await delivery(now - 10);
    expect(
      await verifyWebhookSignature({
        secret,
        body,
        headers: fresh,
        nowSeconds: now,
        toleranceSeconds: 5,
      }),
    ).toBe(false);
  });

  test('any one of several signatures (a rotated secret) and a repeated Node header pass', async () => {
    const headers = await delivery();
    const several = `v1=${'0'.repeat(64)}, ${headers['x-flc-signature']}`;
    const input = { secret, body, nowSeconds: now };
    expect(
      await verifyWebhookSignature({
        ...input,
        headers: { ...headers, 'x-flc-signature': several },
      }),
    ).toBe(true);
    const repeated = {
      ...headers,
      'x-flc-signature': [`v1=${'f'.repeat(64)}`, headers['x-flc-signature']],
    };
    expect(await verifyWebhookSignature({ ...input, headers: repeated })).toBe(true);
  });

  test('refuses to run without a secret', async () => {
    const headers = await delivery();
    await expect(verifyWebhook({ secret: '', body, headers })).rejects.toThrow(TypeError);
  });
});
