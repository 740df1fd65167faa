import { describe, expect, test } from 'bun:test';
import { ApiError } from '../../lib/errors.ts';
import { normalizeOrigin, normalizeOrigins } from './origins.ts';

describe('normalizeOrigin', () => {
  test('accepts origins and normalizes them the way browsers send them', () => {
    expect(normalizeOrigin('https://Example.COM/')).toBe('https://example.com');
    expect(normalizeOrigin('  http://localhost:3000 ')).toBe('http://localhost:3000');
    expect(normalizeOrigin('https://shop.example.com:443')).toBe('https://shop.example.com');
    expect(normalizeOrigin('https://bücher.de')).toBe('https://xn--bcher-kva.de');
    expect(normalizeOrigin('http://[::1]:8080')).toBe('http://[::1]:8080');
  });

  test('refuses anything that is not scheme + host + port', () => {
    for (const bad of [
      '',
      'example.com',
      '*',
      'ftp://example.com',
      'javascript:alert(1)',
      'https://example.com/path',
      'https://example.com/?q=1',
      'https://example.com?',
      'https://example.com#x',
      'https://user:pw@example.com',
      'https://',
      'https://exa mple.com',
      'https://example.com:99999',
    ]) {
      expect({ bad, origin: normalizeOrigin(bad) }).toEqual({ bad, origin: null });
    }
  });
});

describe('normalizeOrigins', () => {
  test('de-duplicates after normalizing', () => {
    expect(normalizeOrigins(['https://a.com', 'https://A.com/', 'http://a.com'])).toEqual([
      'https://a.com',
      'http://a.com',
    ]);
  });

  test('names every bad entry by index', () => {
    try {
      normalizeOrigins(['https://ok.com', 'nope', 'https://x.com/p']);
      throw new Error('expected a validation error');
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      const err = e as ApiError;
      expect(err.status).toBe(422);
      expect(err.details?.map((d) => d.path)).toEqual([
        'body.allowedOrigins.1',
        'body.allowedOrigins.2',
      ]);
    }
  });
});
