import type { ApiDeps } from '../deps.ts';
import { rateLimited } from '../lib/errors.ts';

/**
 * Token buckets in memory, one per key: each holds up to `burst` tokens and refills at `rate`
 * per second; a request takes one. Enough for one API process (several processes each allow
 * the rate). A bucket that has refilled to full is the same as none, so those are dropped when
 * the map grows, which bounds memory by the keys active within `burst / rate` seconds.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  /** Takes a token: 0 when there was one, else the seconds until there is. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket
      ? Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate)
      : this.burst;
    if (tokens < 1) {
      if (bucket) Object.assign(bucket, { tokens, at: now });
      return (1 - tokens) / this.rate;
    }
    if (bucket) Object.assign(bucket, { tokens: tokens - 1, at: now });
    else this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 10_000) this.sweep(now);
    return 0;
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.rate >= this.burst) this.buckets.delete(key);
    }
  }
}

const limiters = new WeakMap<ApiDeps, TokenBuckets | null>();

/**
 * Counts a request of the API key named by `X-API-Key` against its bucket (`FLC_API_KEY_RATE`
 * per second, `FLC_API_KEY_BURST` at once) and refuses it with 429 and `retry-after` when the
 * bucket is empty. It runs before the key is checked, so a key over its limit costs no database
 * read; one bucket per API instance, shared by every route that takes keys.
 */
export function limitApiKey(deps: ApiDeps, key: string | undefined): void {
  // Missing or absurd keys are refused by the check itself, without a bucket.
  if (!key || key.length > 200) return;
  let limiter = limiters.get(deps);
  if (limiter === undefined) {
    const { apiKeyRate, apiKeyBurst } = deps.config;
    limiter = apiKeyRate > 0 ? new TokenBuckets(apiKeyRate, apiKeyBurst) : null;
    limiters.set(deps, limiter);
  }
  const wait = limiter?.take(key) ?? 0;
  if (wait > 0) throw rateLimited(wait);
}
