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
  return (
    `RSS start ${mib(soak.startKib)}, peak ${mib(soak.peakKib)}, ` +
    `end of traffic ${mib(soak.endOfTrafficKib)}, after rest ${mib(soak.afterRestKib)} ` +
    `(${soak.samples.length} samples)`
  );
}
