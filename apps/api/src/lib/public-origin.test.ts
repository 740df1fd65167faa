import { describe, expect, test } from 'bun:test';
import { publicOrigin } from './public-origin.ts';

const request = (headers: Record<string, string> = {}) =>
  new Request('http://api:3000/v1/auth/oidc/start', { headers });
const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'chat.example.com:8443' };

describe('publicOrigin', () => {
  test('FLC_PUBLIC_URL wins over the request and its headers', () => {
    const config = { publicUrl: 'https://chat.example.com/some/path', trustProxy: true };
    expect(publicOrigin(request(forwarded), config)).toBe('https://chat.example.com');
  });

  test("a proxy's X-Forwarded-Proto and -Host count only with FLC_TRUST_PROXY", () => {
    expect(publicOrigin(request(forwarded), { trustProxy: true })).toBe(
      'https://chat.example.com:8443',
    );
    expect(publicOrigin(request(forwarded), { trustProxy: false })).toBe('http://api:3000');
  });

  test('a forwarded host that is not a host, or another scheme, is ignored', () => {
    const odd = { 'x-forwarded-proto': 'javascript', 'x-forwarded-host': 'a b/c' };
    expect(publicOrigin(request(odd), { trustProxy: true })).toBe('http://api:3000');
  });
});
