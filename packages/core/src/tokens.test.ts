import { expect, test } from 'bun:test';
import { SignJWT } from 'jose';
import { verifyPlatformToken } from './tokens.ts';

const secret = 'core-test-secret';
const key = new TextEncoder().encode(secret);
const signed = (claims: Record<string, unknown>, alg = 'HS256') =>
  new SignJWT(claims).setProtectedHeader({ alg }).setIssuedAt().sign(key);

test('an HS256 token over the secret string verifies to its claims', async () => {
  const exp = Math.floor(Date.now() / 1000) + 60;
  const token = await signed({ sub: 'a', typ: 'agent', exp });
  expect(await verifyPlatformToken(secret, token)).toMatchObject({ sub: 'a', typ: 'agent', exp });
});

test('expired, not yet valid, forged or malformed tokens are null', async () => {
  const now = Math.floor(Date.now() / 1000);
  const tokens = [
    await signed({ sub: 'a', exp: now - 5 }),
    await signed({ sub: 'a', nbf: now + 60 }),
    await signed({ sub: 'a' }, 'HS384'),
    await new SignJWT({ sub: 'a' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('another secret')),
    'not.a.token',
    '',
  ];
  for (const token of tokens) expect(await verifyPlatformToken(secret, token)).toBeNull();
});
