/**
 * What a file is, told by its first bytes (never by its name or the type its sender claimed):
 * the images a browser shows inline, with their size so a layout can hold their place, and a
 * few document types. Anything else is `application/octet-stream`, served only as a download.
 */
export interface Sniffed {
  contentType: string;
  /** An image shown inline. */
  image: boolean;
  width?: number;
  height?: number;
}

const OCTET: Sniffed = { contentType: 'application/octet-stream', image: false };

const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0) =>
  b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, text: string, at = 0) =>
  startsWith(
    b,
    [...text].map((c) => c.charCodeAt(0)),
    at,
  );
const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 65_536 + u16be(b, at + 2);

const image = (contentType: string, width: number, height: number): Sniffed =>
  width > 0 && height > 0 ? { contentType, image: true, width, height } : OCTET;

export function sniff(b: Uint8Array): Sniffed {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && ascii(b, 'IHDR', 12)) {
    return image('image/png', u32be(b, 16), u32be(b, 20));
  }
  if (ascii(b, 'GIF87a') || ascii(b, 'GIF89a')) {
    return image('image/gif', u16le(b, 6), u16le(b, 8));
  }
  if (startsWith(b, [0xff, 0xd8, 0xff])) return jpeg(b);
  if (ascii(b, 'RIFF') && ascii(b, 'WEBP', 8)) return webp(b);
  if (ascii(b, '%PDF-')) return { contentType: 'application/pdf', image: false };
  if (text(b)) return { contentType: 'text/plain; charset=utf-8', image: false };
  return OCTET;
}

/** The frame header (SOFn) gives the size; the segments before it are skipped by their length. */
function jpeg(b: Uint8Array): Sniffed {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return OCTET;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const sof = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (sof) return image('image/jpeg', u16be(b, at + 7), u16be(b, at + 5));
    if (marker === 0xd9 || marker === 0xda) return OCTET; // end, or scan data before any size
    at += 2 + u16be(b, at + 2);
  }
  return OCTET;
}

function webp(b: Uint8Array): Sniffed {
  if (ascii(b, 'VP8X', 12)) return image('image/webp', u24le(b, 24) + 1, u24le(b, 27) + 1);
  if (ascii(b, 'VP8L', 12) && b[20] === 0x2f) {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return image('image/webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (ascii(b, 'VP8 ', 12) && startsWith(b, [0x9d, 0x01, 0x2a], 23)) {
    return image('image/webp', u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  return OCTET;
}

/** Valid UTF-8 without NUL or other control bytes than tab, new lines and form feed. */
function text(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  for (const byte of b) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) {
      return false;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}
