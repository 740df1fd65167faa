import { describe, expect, test } from 'bun:test';
import { isPrivateHost, parseIpv6 } from './private-address.ts';

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
      // Reserved ranges and the IPv6 forms that carry an IPv4 address.
      'http://198.18.0.1/',
      'http://198.19.255.255/',
      'http://192.0.2.10/',
      'http://203.0.113.5/',
      'http://[::ffff:0:7f00:1]/',
      'http://[2002:7f00:1::1]/',
      'http://[2002:a9fe:a9fe::]/',
      'http://[fec0::1]/',
      'http://[2001:db8::1]/',
      'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/',
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
      'http://198.20.0.1/',
      'http://[2001:4860:4860::8888]/',
      'http://[2002:808:808::1]/',
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
