import { errorReporter, type Logger, logger } from '@flc/log';
import { batchSpanOptions, traced, tracingEnabled } from '@flc/telemetry';
import type { BatchOutcome, Delivery, DeliverySource, Persister } from './persister.ts';

export interface ConsumeOptions {
  /** Aborting it stops the loop once the batch in flight is written and acknowledged. */
  signal: AbortSignal;
  onBatch?: (outcome: BatchOutcome) => void;
  onError?: (error: unknown) => void;
  /** Waits after a failure: full jitter, doubling from `baseMs` up to `capMs`. */
  backoff?: { baseMs: number; capMs: number };
  random?: () => number;
}

/**
 * The persister's loop: take a batch, write it, acknowledge it, until the signal aborts. A batch
 * that fails (the database or Redis away) is left pending and the loop backs off before the next
 * read, so a dead dependency is not hammered, and comes back to full speed after a good batch.
 */
export async function consume<D extends Delivery>(
  source: DeliverySource<D>,
  persister: Persister,
  options: ConsumeOptions,
): Promise<void> {
  const { signal, onBatch, backoff = { baseMs: 100, capMs: 5_000 } } = options;
  const onError = options.onError ?? errorReporter('persister', 'a batch failed');
  const random = options.random ?? Math.random;
  const log = logger('persister');
  let failures = 0;
  while (!signal.aborted) {
    let failed = false;
    try {
      const batch = await source.next();
      if (batch.length > 0) {
        const started = performance.now();
        // Traced only when tracing is on: the batch's span joins its first message's trace.
        const outcome = tracingEnabled()
          ? await traced('persister batch', batchOptions(batch), () =>
              persister.handle(batch, source),
            )
          : await persister.handle(batch, source);
        onBatch?.(outcome);
        failed = outcome.failed > 0;
        if (log.isLevelEnabled('debug')) logBatch(log, batch, outcome, started);
      }
    } catch (error) {
      onError(error);
      failed = true;
    }
    failures = failed ? failures + 1 : 0;
    if (failed) {
      const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** (failures - 1));
      await pause(random() * ceiling, signal);
    }
  }
}

const batchOptions = (batch: Delivery[]) =>
  batchSpanOptions(
    batch.map((d) => d.traceparent),
    { 'flc.entries': batch.length },
  );

/** One `debug` line per batch: its counts and the request ids of its messages (never a body). */
function logBatch(log: Logger, batch: Delivery[], outcome: BatchOutcome, started: number): void {
  const requestIds = [...new Set(batch.flatMap((d) => (d.requestId ? [d.requestId] : [])))];
  log.debug(
    {
      entries: batch.length,
      ...outcome,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      requestIds,
    },
    'persisted a batch',
  );
}

/** Waits `ms`, or less if the signal aborts first. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
