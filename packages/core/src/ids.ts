const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort by creation
 * time and index well. Written here rather than taken from `Bun.randomUUIDv7` because the
 * realtime nodes run on Node, and Node 20 has no v7 generator; Web Crypto is on both.
 * Ids made in the same millisecond are not ordered among themselves: order within a
 * conversation is `seq`'s job.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // Split the 48-bit timestamp in two, since bitwise operators work on 32 bits.
  const high = Math.floor(now / 2 ** 32);
  const low = now >>> 0;
  bytes[0] = high >>> 8;
  bytes[1] = high;
  bytes[2] = low >>> 24;
  bytes[3] = low >>> 16;
  bytes[4] = low >>> 8;
  bytes[5] = low;
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f); // version 7
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // variant 10
  let id = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) id += '-';
    id += HEX[bytes[i] ?? 0];
  }
  return id;
}
