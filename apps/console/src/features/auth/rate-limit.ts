import { useEffect, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { formatWait } from '../../lib/form-errors.ts';
import { t } from '../../lib/i18n/index.tsx';

/** When a 429 lets the agent try again (ms since the epoch); null for any other error. */
export function retryAt(error: unknown, now: number): number | null {
  if (!(error instanceof ApiError) || error.status !== 429) return null;
  // No retry-after (a proxy's 429): a short, honest wait rather than none.
  return now + (error.retryAfter ?? 30) * 1000;
}

/** Whole seconds left until `until`, 0 once it passed. */
export const secondsLeft = (until: number, now: number) =>
  Math.max(0, Math.ceil((until - now) / 1000));

export const tooManyAttempts = (seconds: number) =>
  t('acceptInvite.tooMany', { wait: formatWait(seconds) });

/** Seconds left until `until`, re-rendered every second; 0 when `until` is null or passed. */
export function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : secondsLeft(until, now);
}
