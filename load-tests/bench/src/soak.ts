import { rssKib } from './proc-stats.ts';

/** One reading of the server's resident set, `at` seconds after the first. */
export interface RssSample {
  at: number;
  rssKib: number;
}

/** The soak scenario's memory readings: the whole curve, and the figures the report quotes. */
export interface SoakResult {
  samples: RssSample[];
  /** Idle, all sockets connected, before any traffic. */
  startKib: number;
  peakKib: number;
  /** When the last phase's traffic stopped. */
  endOfTrafficKib: number;
  /** `--rest` seconds after the traffic stopped. */
  afterRestKib: number;
  /**
   * One minute into the traffic (the bound's base: caches and pools are warm by then), and the
   * highest reading after it; absent for a soak shorter than a minute.
   */
  firstMinuteKib?: number;
  peakAfterFirstMinuteKib?: number;
}

/** Seconds into the traffic after which the soak's growth is judged. */
export const SOAK_BASE_SECONDS = 60;

/** The figures the bound is judged on: the reading one minute in and the peak after it. */
export function afterFirstMinute(
  samples: RssSample[],
): Pick<SoakResult, 'firstMinuteKib' | 'peakAfterFirstMinuteKib'> {
  const later = samples.filter((s) => s.at >= SOAK_BASE_SECONDS);
  const base = later[0];
  if (!base) return {};
  return {
    firstMinuteKib: base.rssKib,
    peakAfterFirstMinuteKib: Math.max(...later.map((s) => s.rssKib)),
  };
}

/** Reads the process's RSS every `everyMs` until stopped; `mark()` takes one reading now. */
export function rssSampler(pid: number, everyMs: number) {
  const started = performance.now();
  const samples: RssSample[] = [];
  const mark = (): number => {
    const rss = rssKib(pid);
    samples.push({ at: Math.round((performance.now() - started) / 100) / 10, rssKib: rss });
    return rss;
  };
  const timer = setInterval(mark, everyMs);
  return {
    samples,
    mark,
    stop: () => clearInterval(timer),
  };
}

/** `start` / `peak` / `end of traffic` / `after rest`, in MiB, for the log and the notes. */
export function formatSoak(soak: SoakResult): string {
  const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
  const { firstMinuteKib: base, peakAfterFirstMinuteKib: peak } = soak;
  const growth =
    base === undefined || peak === undefined
      ? ''
      : `; after the first minute ${mib(base)} → peak ${mib(peak)} (${(peak / base).toFixed(2)}×)`;
  return (
    `RSS start ${mib(soak.startKib)}, peak ${mib(soak.peakKib)}, ` +
    `end of traffic ${mib(soak.endOfTrafficKib)}, after rest ${mib(soak.afterRestKib)}` +
    `${growth} (${soak.samples.length} samples)`
  );
}
