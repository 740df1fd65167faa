import type { Registry } from './registry.ts';

const TICK_MS = 20;
const MAX_SAMPLES = 15_000;

/**
 * How late a 20 ms timer fires, sample by sample, until `reset` (the runtimes' own monitors do
 * not agree: Bun's reports no delay for a blocked loop). Samples are bounded (5 minutes' worth).
 */
function watchEventLoop() {
  let samples: number[] = [];
  let expected = performance.now() + TICK_MS;
  const timer = setInterval(() => {
    const now = performance.now();
    if (samples.length < MAX_SAMPLES) samples.push(Math.max(0, now - expected));
    expected = now + TICK_MS;
  }, TICK_MS);
  timer.unref?.();
  return {
    percentile(q: number): number {
      if (samples.length === 0) return 0;
      const sorted = samples.toSorted((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    },
    max: () => samples.reduce((a, b) => Math.max(a, b), 0),
    reset() {
      samples = [];
    },
  };
}

/**
 * The process's own health: memory, CPU, uptime, and how late the event loop runs its
 * callbacks (the worst and the 99th percentile since the previous scrape). A realtime node whose
 * loop lags delivers late to every socket it holds, whatever the rest looks like.
 */
export function registerProcessMetrics(registry: Registry): void {
  const lag = watchEventLoop();
  const started = performance.now();
  registry.gauge(
    'process_resident_memory_bytes',
    'Resident memory size in bytes.',
    () => process.memoryUsage().rss,
  );
  registry.gauge(
    'process_heap_used_bytes',
    'JavaScript heap in use, in bytes.',
    () => process.memoryUsage().heapUsed,
  );
  registry.collectedCounter(
    'process_cpu_seconds_total',
    'User and system CPU time spent, in seconds.',
    () => {
      const cpu = process.cpuUsage();
      return (cpu.user + cpu.system) / 1e6;
    },
  );
  registry.gauge('process_uptime_seconds', 'Seconds since the process started.', () =>
    Number(((performance.now() - started) / 1000).toFixed(3)),
  );
  // Both read one window: the p99 is rendered first, the max after it starts the next window.
  registry.gauge(
    'flc_event_loop_lag_p99_seconds',
    '99th percentile of the event loop delay since the previous scrape, in seconds.',
    () => lag.percentile(0.99) / 1000,
  );
  registry.gauge(
    'flc_event_loop_lag_max_seconds',
    'Longest event loop delay since the previous scrape, in seconds.',
    () => {
      const max = lag.max() / 1000;
      lag.reset();
      return max;
    },
  );
}
