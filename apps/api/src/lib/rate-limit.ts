/**
 * Fixed-window counters kept in memory: enough for one API process. Keys are dropped once their
 * window ends, so memory stays bounded by the keys seen within one window.
 */
export class WindowCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it is under its limit. */
  retryAfter(key: string): number {
    const w = this.current(key);
    return w && w.count >= this.limit ? (w.resetAt - this.now()) / 1000 : 0;
  }

  /**
   * Takes one of the key's slots at once, or answers the seconds to wait when none is left: an
   * attempt counts before its (slow) check runs, so concurrent attempts cannot all slip in under
   * the limit. `giveBack` returns the slot of an attempt that turned out not to count.
   */
  take(key: string): number {
    const wait = this.retryAfter(key);
    if (wait > 0) return wait;
    this.hit(key);
    return 0;
  }

  giveBack(key: string): void {
    const w = this.current(key);
    if (w && w.count > 0) w.count -= 1;
  }

  hit(key: string): void {
    const w = this.current(key);
    if (w) w.count += 1;
    else this.windows.set(key, { count: 1, resetAt: this.now() + this.windowMs });
    if (this.windows.size > 10_000) this.sweep();
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string) {
    const w = this.windows.get(key);
    if (w && w.resetAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}
