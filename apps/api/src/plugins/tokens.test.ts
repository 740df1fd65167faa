import { describe, expect, test } from 'bun:test';
import { jwt } from '@elysiajs/jwt';
import { loadConfig } from '@flc/config';
import { uuidv7, verifyPlatformToken } from '@flc/core';
import { accessTokens } from './auth.ts';
import { visitorTokens } from './visitor-auth.ts';

// The realtime nodes verify with @flc/core what this API signs with @elysiajs/jwt: one secret,
// two libraries, so the two must agree on every token.
const jwtSecret = `test-secret-${uuidv7()}`;
const deps = { config: loadConfig({ NODE_ENV: 'test' }), jwtSecret };
const accessJwt = accessTokens(deps).decorator.accessJwt;
const visitorJwt = visitorTokens(deps).decorator.visitorJwt;
const now = () => Math.floor(Date.now() / 1000);

describe('verifyPlatformToken reads what the API signs', () => {
  test('an agent access token', async () => {
    const sub = uuidv7();
    const before = now();
    const token = await accessJwt.sign({ sub, typ: 'agent' });
    const claims = await verifyPlatformToken(jwtSecret, token);
    expect(claims).toMatchObject({ sub, typ: 'agent' });
    expect(claims?.exp).toBeGreaterThanOrEqual(before + deps.config.accessTokenTtl);
    expect(claims?.exp).toBeLessThanOrEqual(now() + deps.config.accessTokenTtl);
    expect<unknown>(claims).toEqual(await accessJwt.verify(token));
  });

  test('a visitor session token, as the widget boot signs it', async () => {
    const [sub, org, env] = [uuidv7(), uuidv7(), uuidv7()];
    const exp = now() + deps.config.visitorTokenTtl;
    const token = await visitorJwt.sign({ sub, org, env, typ: 'visitor', exp });
    const claims = await verifyPlatformToken(jwtSecret, token);
    expect(claims).toMatchObject({ sub, org, env, typ: 'visitor', exp });
    expect<unknown>(claims).toEqual(await visitorJwt.verify(token));
  });
});

describe('verifyPlatformToken refuses what the API refuses', () => {
  test('an expired token', async () => {
    const token = await visitorJwt.sign({ sub: uuidv7(), typ: 'visitor', exp: now() - 10 });
    expect(await visitorJwt.verify(token)).toBe(false);
    expect(await verifyPlatformToken(jwtSecret, token)).toBeNull();
  });

  test('a token signed with another secret', async () => {
    const other = accessTokens({ ...deps, jwtSecret: `${jwtSecret}-other` }).decorator.accessJwt;
    const token = await other.sign({ sub: uuidv7(), typ: 'agent' });
    expect(await accessJwt.verify(token)).toBe(false);
    expect(await verifyPlatformToken(jwtSecret, token)).toBeNull();
  });

  test('a token whose claims were changed after signing', async () => {
    const [header, , signature] = (await accessJwt.sign({ sub: uuidv7(), typ: 'visitor' })).split(
      '.',
    );
    const payload = Buffer.from(JSON.stringify({ sub: uuidv7(), typ: 'agent' })).toString(
      'base64url',
    );
    const forged = `${header}.${payload}.${signature}`;
    expect(await accessJwt.verify(forged)).toBe(false);
    expect(await verifyPlatformToken(jwtSecret, forged)).toBeNull();
  });

  test('an unsigned token and garbage', async () => {
    const none = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const unsigned = `${none({ alg: 'none', typ: 'JWT' })}.${none({ sub: uuidv7(), typ: 'agent' })}.`;
    for (const token of [unsigned, 'forged', '', 'a.b.c']) {
      expect(await verifyPlatformToken(jwtSecret, token)).toBeNull();
    }
  });

  test('another HMAC algorithm than the HS256 the API signs with', async () => {
    const hs512 = jwt({ name: 'hs512', secret: jwtSecret, alg: 'HS512', exp: '1h' }).decorator
      .hs512;
    const token = await hs512.sign({ sub: uuidv7(), typ: 'agent' });
    expect(await hs512.verify(token)).not.toBe(false);
    expect(await verifyPlatformToken(jwtSecret, token)).toBeNull();
  });
});
