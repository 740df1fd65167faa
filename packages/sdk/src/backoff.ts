export interface BackoffOptions {
  /** The first retry waits up to this long (default 500 ms). */
  baseMs?: number;
  /** No retry waits longer (default 30 s). */
  capMs?: number;
  /** A connection that stayed ready this long resets the attempts (default 5 s). */
  resetAfterMs?: number;
}

export const defaultBackoff: Required<BackoffOptions> = {
  baseMs: 500,
  capMs: 30_000,
  resetAfterMs: 5_000,
};

/**
 * Full jitter: a uniform delay between 0 and min(cap, base × 2^(attempt − 1)), so clients that
 * lost the same node spread their reconnects instead of arriving together.
 */
export function backoffDelay(
  attempt: number,
  options: Pick<Required<BackoffOptions>, 'baseMs' | 'capMs'>,
  random: () => number,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
