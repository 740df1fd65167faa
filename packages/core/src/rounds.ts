/** Rounds of background work, one after the other, every few seconds. */

/**
 * Runs `round` every `everyMs` after the previous one ended, and on `tick()`. Rounds never
 * overlap; a failed round is reported and the next one tries again.
 */
export function startRounds<A extends unknown[], T>(
  round: (...args: A) => Promise<T>,
  empty: T,
  everyMs: number,
  onError: (error: unknown) => void,
): { tick(...args: A): Promise<T>; stop(): Promise<void> } {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<T> = Promise.resolve(empty);
  const tick = (...args: A): Promise<T> => {
    const next = inFlight.then(() => round(...args));
    inFlight = next.catch(() => empty);
    return next;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      (tick as () => Promise<T>)().catch(onError).finally(schedule);
    }, everyMs);
    // A process with nothing else to do may exit.
    (timer as { unref?: () => void }).unref?.();
  };
  schedule();
  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
