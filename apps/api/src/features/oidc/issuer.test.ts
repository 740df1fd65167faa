import { describe, expect, test } from 'bun:test';
import { checkIssuer } from './issuer.ts';

describe('checkIssuer', () => {
  test('a public https issuer passes; plain http only for an allowed private one', () => {
    expect(checkIssuer('https://login.example.com/realms/acme', false)).toMatchObject({ ok: true });
    expect(checkIssuer('http://login.example.com', true)).toMatchObject({ ok: false });
    expect(checkIssuer('http://10.0.0.5:8080', true)).toMatchObject({ ok: true });
    expect(checkIssuer('https://127.0.0.1', true)).toMatchObject({ ok: true });
  });

  test('private, loopback and link-local hosts need FLC_OIDC_ALLOW_PRIVATE_ISSUERS', () => {
    for (const issuer of [
      'https://127.0.0.1',
      'https://localhost:8443',
      'https://10.1.2.3',
      'https://192.168.0.1',
      'https://169.254.169.254',
      'https://[::1]',
    ]) {
      const check = checkIssuer(issuer, false);
      expect(check.ok, issuer).toBe(false);
      if (!check.ok) expect(check.message).toContain('FLC_OIDC_ALLOW_PRIVATE_ISSUERS');
    }
  });

  test('not a URL, another scheme, a query, a fragment or credentials are refused', () => {
    for (const issuer of [
      'login.example.com',
      'ftp://login.example.com',
      'https://login.example.com/?a=1',
      'https://login.example.com/#x',
      'https://user:pw@login.example.com',
    ]) {
      expect(checkIssuer(issuer, false).ok, issuer).toBe(false);
    }
  });
});
