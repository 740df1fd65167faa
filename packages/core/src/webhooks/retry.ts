/**
 * The wait before the next attempt after `attempts` failed ones, or null to give up once the
 * schedule (`FLC_WEBHOOK_RETRY_SCHEDULE`, e.g. 10s,1m,10m,1h,6h: exponential) is spent. Up to a
 * quarter is added at random, so deliveries that failed together (a receiver down) do not all
 * come back in the same instant.
 */
export function retryDelay(
  schedule: readonly number[],
  attempts: number,
  random: () => number = Math.random,
): number | null {
  const base = schedule[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + random() / 4));
}
