import { expect, test } from 'bun:test';
import { socketUrl, tokenExpiry, uuid } from './env.ts';

test('socketUrl turns the platform address into the socket URL with the token', () => {
  expect(socketUrl('https://chat.example.com', '/v1/ws', 'a b')).toBe(
    'wss://chat.example.com/v1/ws?token=a+b',
  );
  expect(socketUrl('http://localhost:3000/base/', '/v1/ws', 't')).toBe(
    'ws://localhost:3000/base/v1/ws?token=t',
  );
  expect(socketUrl('wss://edge.example.com/v1/ws', '/v1/ws', 't')).toBe(
    'wss://edge.example.com/v1/ws?token=t',
  );
  expect(() => socketUrl('not a url', '/v1/ws', 't')).toThrow();
});

test('tokenExpiry reads a JWT exp (base64url, unpadded) and ignores anything else', () => {
  const payload = btoa(JSON.stringify({ sub: 'ü?>', exp: 1_700_000_000 }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  expect(tokenExpiry(`x.${payload}.y`)).toBe(1_700_000_000_000);
  expect(tokenExpiry('opaque-token')).toBeUndefined();
  expect(tokenExpiry('a.%%%.c')).toBeUndefined();
  expect(tokenExpiry(`a.${btoa('{"sub":"x"}')}.c`)).toBeUndefined();
});

test('uuid is a v4 UUID, also without crypto.randomUUID (plain-http pages)', () => {
  const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  expect(uuid()).toMatch(v4);
  const original = crypto.randomUUID;
  try {
    (crypto as { randomUUID?: unknown }).randomUUID = undefined;
    const ids = new Set(Array.from({ length: 100 }, () => uuid()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(v4);
  } finally {
    crypto.randomUUID = original;
  }
});
