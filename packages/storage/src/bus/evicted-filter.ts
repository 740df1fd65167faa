/** 2^25 bits (4 MiB): about 0.06% false positives after a million evictions, 5% after five. */
const BITS_LOG2 = 25;
const MASK = (1 << BITS_LOG2) - 1;
const HASHES = 3;

/** 32-bit FNV-1a of a string's UTF-16 code units, from a given basis. */
function fnv1a(text: string, basis: number): number {
  let hash = basis;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A Bloom filter of the keys a cache evicted: "never evicted" is certain, "maybe evicted" is
 * usually right and otherwise costs one needless store lookup. Its size is fixed and it is only
 * allocated at the first eviction; as it fills up it answers "maybe" more often, which stays
 * correct, only slower.
 */
export class EvictedFilter {
  private bits: Uint32Array | undefined;

  add(key: string): void {
    this.bits ??= new Uint32Array((MASK + 1) / 32);
    const bits = this.bits;
    this.forEachBit(key, (bit) => {
      bits[bit >>> 5] = (bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
    });
  }

  mayHold(key: string): boolean {
    const bits = this.bits;
    if (!bits) return false;
    let all = true;
    this.forEachBit(key, (bit) => {
      if (((bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) all = false;
    });
    return all;
  }

  /** Double hashing: bit i is h1 + i·h2 (Kirsch and Mitzenmacher). */
  private forEachBit(key: string, visit: (bit: number) => void): void {
    const h1 = fnv1a(key, 0x811c9dc5);
    const h2 = fnv1a(key, 0x050c5d1f) | 1;
    for (let i = 0; i < HASHES; i++) visit((h1 + Math.imul(i, h2)) & MASK);
  }
}
