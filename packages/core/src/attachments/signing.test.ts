import { expect, test } from 'bun:test';
import { AttachmentLinks } from './signing.ts';

const secret = 'a-secret-of-at-least-thirty-two-chars!!';

test('a link is good for its attachment until it expires, on any process with the secret', () => {
  let now = 1_700_000_000_000;
  const links = new AttachmentLinks(secret, 300, () => now);
  const url = new URL(`http://x${links.path('att-1')}`);
  expect(url.pathname).toBe('/v1/attachments/att-1');
  const exp = Number(url.searchParams.get('exp'));
  const sig = url.searchParams.get('sig') ?? '';
  expect(exp).toBe(1_700_000_300);
  const other = new AttachmentLinks(secret, 60, () => now);
  expect(other.verify('att-1', exp, sig)).toBe(true);
  expect(other.verify('att-2', exp, sig)).toBe(false); // another attachment
  expect(other.verify('att-1', exp + 1, sig)).toBe(false); // a longer life
  expect(other.verify('att-1', exp, `${sig.slice(0, -1)}A`)).toBe(false);
  expect(other.verify('att-1', exp, '')).toBe(false);
  expect(new AttachmentLinks(`${secret}x`, 300, () => now).verify('att-1', exp, sig)).toBe(false);
  now = exp * 1000 + 1;
  expect(other.verify('att-1', exp, sig)).toBe(false); // expired
  expect(other.check('att-1', exp, sig)).toBe('expired');
  expect(other.check('att-1', exp, `${sig.slice(0, -1)}A`)).toBe('invalid');
});
