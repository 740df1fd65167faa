/**
 * Issuers' discovery documents kept for a while, so a sign-in (its start and its callback) does
 * not fetch the issuer twice, and a burst of starts fetches it once. An entry is keyed by the
 * connection's settings (a saved change makes a new key); a failed fetch is not kept, so the next
 * sign-in tries again. The oldest entries go first past `max`.
 */
export class DiscoveryCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly max = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}
