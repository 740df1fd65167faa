/** One key's value as this process last read it. */
interface Kept<V> {
  value: V;
  at: number;
  reading: boolean;
}

export interface KeptReadsOptions {
  /** How long a value is used before it is read again, in the background. */
  rereadMs: number;
  /** Keys kept; beyond, all are read again. */
  maxKept: number;
  now?: () => number;
}

/**
 * Values for a hot path that change rarely and whose changes are announced (`forget`): the first
 * ask of a key waits for its read; after that the value is at hand, and read again in the
 * background once it is older than `rereadMs` (a safety net for a lost announcement), so no later
 * ask waits. A read begun before a `forget` answers its caller but is not kept (it may hold the
 * old value).
 */
export class KeptReads<V> {
  private readonly kept = new Map<string, Kept<V>>();
  private forgets = 0;
  private readonly now: () => number;

  constructor(private readonly options: KeptReadsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The key's value, at hand or on its first `read`. */
  get(key: string, read: () => Promise<V>): V | Promise<V> {
    const kept = this.kept.get(key);
    if (!kept) return this.load(key, read);
    if (!kept.reading && this.now() - kept.at > this.options.rereadMs) {
      kept.reading = true;
      this.load(key, read).catch(() => {
        kept.reading = false;
      });
    }
    return kept.value;
  }

  /** Drops one key's value, or every one's (they changed, or changes may have been missed). */
  forget(key?: string): void {
    this.forgets++;
    if (key === undefined) this.kept.clear();
    else this.kept.delete(key);
  }

  private async load(key: string, read: () => Promise<V>): Promise<V> {
    const forgets = this.forgets;
    const value = await read();
    if (forgets !== this.forgets) return value;
    if (this.kept.size >= this.options.maxKept) this.kept.clear();
    this.kept.set(key, { value, at: this.now(), reading: false });
    return value;
  }
}
