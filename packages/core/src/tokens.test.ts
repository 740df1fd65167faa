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

test('a validly signed token without an expiry is null: every token the platform signs has one', async () => {
  expect(await verifyPlatformToken(secret, await signed({ sub: 'a', typ: 'agent' }))).toBeNull();
});

test('claims that are not NumericDates, payloads that are not objects, crit headers: null', async () => {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const sign = async (header: object, payload: unknown) => {
    const input = `${encode(header)}.${encode(payload)}`;
    const mac = await crypto.subtle.sign(
      'HMAC',
      await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
      new TextEncoder().encode(input),
    );
    return `${input}.${Buffer.from(mac).toString('base64url')}`;
  };
  const good = await sign({ alg: 'HS256' }, { sub: 'a', exp: now + 60 });
  expect(await verifyPlatformToken(secret, good)).toMatchObject({ sub: 'a' });
  const [head, body, mac = ''] = good.split('.');
  const tokens = [
    await sign({ alg: 'HS256' }, { sub: 'a', exp: String(now + 60) }),
    await sign({ alg: 'HS256' }, { sub: 'a', iat: 'yesterday' }),
    await sign({ alg: 'HS256' }, { sub: 'a', exp: now }),
    await sign({ alg: 'HS256' }, ['a']),
    await sign({ alg: 'HS256', crit: ['exp'] }, { sub: 'a' }),
    await sign({ alg: 'HS256', b64: false }, { sub: 'a' }),
    `${head}.${body}.${mac.slice(0, -1)}`,
    `${head}.${body}.${mac}A`,
    `${head}.${body}.${mac}.`,
    `${head}.${body}!.${mac}`,
  ];
  for (const token of tokens) expect(await verifyPlatformToken(secret, token)).toBeNull();
});
