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

/**
 * One round over a queue of claimed work: claims `batch` items at a time and handles each, until
 * a claim comes back short. An item that throws is reported; its claim runs out and a later round
 * takes it again. Resolves with how many were handled (`handle` said true).
 */
export async function drainClaims<T>(
  claim: (batch: number) => Promise<T[]>,
  handle: (item: T) => Promise<boolean>,
  batch: number,
  onError: (error: unknown) => void,
): Promise<number> {
  let handled = 0;
  for (;;) {
    const due = await claim(batch);
    for (const item of due) {
      try {
        if (await handle(item)) handled += 1;
      } catch (error) {
        onError(error);
      }
    }
    if (due.length < batch) return handled;
  }
}
