/**
 * The Redis Cluster slot of a key or sharded channel: CRC16 (XMODEM: polynomial 0x1021, initial
 * value 0) of its hash tag, the text between the first `{` and the next `}` when that is not
 * empty, else of the whole name, modulo 16384. The cluster specification defines it; every
 * client and server must agree on it, which the cluster suite checks against `CLUSTER KEYSLOT`.
 */
export const SLOTS = 16_384;

const table = new Uint16Array(256);
for (let byte = 0; byte < 256; byte++) {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
  table[byte] = crc & 0xffff;
}

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ (table[((crc >> 8) ^ byte) & 0xff] ?? 0)) & 0xffff;
  return crc;
}

const encoder = new TextEncoder();

/** The part of a name that decides its slot. */
export function hashTag(name: string): string {
  const open = name.indexOf('{');
  if (open < 0) return name;
  const close = name.indexOf('}', open + 1);
  return close > open + 1 ? name.slice(open + 1, close) : name;
}

export const keySlot = (name: string): number => crc16(encoder.encode(hashTag(name))) % SLOTS;
