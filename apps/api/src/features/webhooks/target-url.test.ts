import { describe, expect, test } from 'bun:test';
import { checkWebhookUrl, isPrivateHost, parseIpv6 } from './target-url.ts';

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

describe('isPrivateHost', () => {
  const hostOf = (url: string) => new URL(url).hostname;

  test('refuses loopback, private, link-local, CGNAT and this-network addresses', () => {
    for (const url of [
      'http://localhost/',
      'http://LOCALHOST./',
      'http://api.localhost/',
      'http://127.0.0.1/',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://0/',
      'http://0.1.2.3/',
      'http://10.20.30.40/',
      'http://172.16.0.1/',
      'http://172.31.255.255/',
      'http://192.168.1.1/',
      'http://169.254.169.254/',
      'http://100.64.0.1/',
      'http://100.127.255.255/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'http://[::1]/',
      'http://[::]/',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://[fc00::1]/',
      'http://[fd12:3456::1]/',
      'http://[fe80::1]/',
      'http://[febf::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:10.0.0.1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[::127.0.0.1]/',
      'http://[64:ff9b::192.168.0.1]/',
    ]) {
      expect({ url, refused: isPrivateHost(hostOf(url)) }).toEqual({ url, refused: true });
    }
  });

  test('lets public hosts and neighbouring public ranges through', () => {
    for (const url of [
      'https://example.com/',
      'https://localhost.example.com/',
      'http://8.8.8.8/',
      'http://1.0.0.1/',
      'http://172.15.255.255/',
      'http://172.32.0.1/',
      'http://100.63.255.255/',
      'http://100.128.0.1/',
      'http://169.253.1.1/',
      'http://192.169.0.1/',
      'http://11.0.0.1/',
      'http://[2001:db8::1]/',
      'http://[fec0::1]/',
      'http://[::ffff:8.8.8.8]/',
      'http://[64:ff9b::8.8.8.8]/',
    ]) {
      expect({ url, refused: isPrivateHost(hostOf(url)) }).toEqual({ url, refused: false });
    }
  });
});

describe('parseIpv6', () => {
  test('expands compressed forms and embedded IPv4', () => {
    expect(parseIpv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('fe80::')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIpv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test('rejects malformed addresses', () => {
    for (const bad of ['1::2::3', '1:2:3', '1:2:3:4:5:6:7:8:9', 'g::1', '1:2:3:4:5:6:7::8']) {
      expect({ bad, parsed: parseIpv6(bad) }).toEqual({ bad, parsed: null });
    }
  });
});
