const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

// Random bytes are drawn 4 KiB at a time: one getRandomValues call per id cost a realtime node
// several percent of its CPU at 5,000 messages/s. Each id gets 16 fresh bytes of its own.
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;
const scratch = new Uint8Array(16);

function randomBytes16(): Uint8Array {
  if (poolOffset + 16 > POOL_BYTES) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  scratch.set(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return scratch;
}

// The default clock's last millisecond and 12-bit counter (RFC 9562, 6.2 method 1).
let lastMs = Number.NEGATIVE_INFINITY;
let lastCounter = 0;

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort by creation
 * time and index well. Written here rather than taken from `Bun.randomUUIDv7` because the
 * realtime nodes run on Node, and Node 20 has no v7 generator; Web Crypto is on both.
 *
 * Like Bun's, the ids of one process sort in creation order even within one millisecond: the
 * 12 bits after the version are a counter that starts at a random value below 2048 each new
 * millisecond and counts up; on overflow, or if the clock steps back, the id takes the next
 * millisecond after the last one instead. Keyset pages ordered by id rely on it. With an
 * explicit `now` those 12 bits stay random and the timestamp is exactly `now`.
 */
export function uuidv7(now?: number): string {
  const bytes = randomBytes16();
  let ms = now ?? Date.now();
  if (now === undefined) {
    ms = Math.max(ms, lastMs);
    let counter =
      ms === lastMs ? lastCounter + 1 : ((bytes[6] ?? 0) & 0x07) * 256 + (bytes[7] ?? 0);
    if (counter > 0xfff) {
      ms += 1;
      counter = 0;
    }
    lastMs = ms;
    lastCounter = counter;
    bytes[6] = counter >>> 8;
    bytes[7] = counter;
  }
  // Split the 48-bit timestamp in two, since bitwise operators work on 32 bits.
  const high = Math.floor(ms / 2 ** 32);
  const low = ms >>> 0;
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
