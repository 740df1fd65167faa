import { describe, expect, test } from 'bun:test';
import { checkWebhookUrl } from './target-url.ts';

const strict = { allowPrivate: false };

describe('checkWebhookUrl', () => {
  test('accepts public http(s) URLs and returns their canonical form', () => {
    expect(checkWebhookUrl('https://Hooks.Example.com/flc?x=1', strict)).toEqual({
      ok: true,
      url: 'https://hooks.example.com/flc?x=1',
    });
    expect(checkWebhookUrl('http://93.184.216.34:8080/', strict).ok).toBe(true);
    expect(checkWebhookUrl('https://[2606:4700::1111]/hook', strict).ok).toBe(true);
  });

  test('refuses other schemes, relative and oversized URLs', () => {
    for (const bad of [
      'ftp://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      '/relative',
      'example.com/hook',
      `https://example.com/${'a'.repeat(2048)}`,
    ]) {
      expect({ bad, ok: checkWebhookUrl(bad, strict).ok }).toEqual({ bad, ok: false });
    }
  });

  test('refuses private hosts unless allowed', () => {
    const url = 'http://127.0.0.1:4000/hook';
    expect(checkWebhookUrl(url, strict).ok).toBe(false);
    expect(checkWebhookUrl(url, { allowPrivate: true })).toEqual({ ok: true, url });
  });
});
