import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { sniff } from './sniff.ts';

// Images made by Chromium's encoders (OffscreenCanvas.convertToBlob), so real files.
const fixture = async (name: string) =>
  new Uint8Array(await Bun.file(join(import.meta.dir, 'fixtures', name)).arrayBuffer());

test('images are told by their bytes, with their size', async () => {
  expect(sniff(await fixture('pixel.png'))).toEqual({
    contentType: 'image/png',
    image: true,
    width: 31,
    height: 17,
  });
  expect(sniff(await fixture('pixel.jpg'))).toEqual({
    contentType: 'image/jpeg',
    image: true,
    width: 40,
    height: 23,
  });
  expect(sniff(await fixture('pixel.webp'))).toEqual({
    contentType: 'image/webp',
    image: true,
    width: 53,
    height: 29,
  });
  // The smallest GIF: 1×1, one color.
  const gif = Uint8Array.from(
    atob('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=='),
    (c) => c.charCodeAt(0),
  );
  expect(sniff(gif)).toEqual({ contentType: 'image/gif', image: true, width: 1, height: 1 });
});

test('a name or a claimed type counts for nothing: HTML, SVG and scripts are not images', () => {
  const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
  expect(sniff(html)).toEqual({ contentType: 'text/plain; charset=utf-8', image: false });
  const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
  expect(sniff(svg).image).toBe(false);
  expect(sniff(new TextEncoder().encode('%PDF-1.7\n')).contentType).toBe('application/pdf');
});

test('binary, broken or truncated files are plain downloads', async () => {
  const octet = { contentType: 'application/octet-stream', image: false };
  expect(sniff(Uint8Array.of(0x00, 0x01, 0x02))).toEqual(octet);
  expect(sniff(Uint8Array.of(0xc3, 0x28))).toEqual(octet); // not UTF-8
  expect(sniff(new Uint8Array(0))).toEqual(octet);
  const png = await fixture('pixel.png');
  expect(sniff(png.slice(0, 20))).toEqual(octet); // the size is cut off
  const jpg = await fixture('pixel.jpg');
  expect(sniff(jpg.slice(0, 12))).toEqual(octet);
  const zeroWide = png.slice();
  zeroWide.set([0, 0, 0, 0], 16);
  expect(sniff(zeroWide)).toEqual(octet);
});
