import type { TargetResult } from '../measure.ts';

const median = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

/** The metering scenario's verdict: its runs are `results` of off, on, off, on… of one target. */
export interface MeteringComparison {
  target: string;
  rate: number;
  runs: number;
  offP99: number[];
  onP99: number[];
  /** Median p99 with metering over the median without. */
  ratio: number;
  /** PostgreSQL + the target's helper (workers), median percent of one core, off and on. */
  offStoreCpu: number;
  onStoreCpu: number;
}

/** Median p99 with and without metering, per target and rate, from alternating runs. */
export function compareMetering(runs: TargetResult[][]): MeteringComparison[] {
  const flat = runs.flat().filter((r) => !r.error);
  const out: MeteringComparison[] = [];
  for (const target of new Set(flat.map((r) => r.target))) {
    const own = flat.filter((r) => r.target === target);
    for (const rate of new Set(own.flatMap((r) => r.phases.map((p) => p.rate)))) {
      const side = (off: boolean) =>
        own
          .filter((r) => r.label.endsWith('(metering off)') === off)
          .flatMap((r) => r.phases.filter((p) => p.rate === rate));
      const off = side(true);
      const on = side(false);
      const storeCpu = (phases: typeof off) =>
        median(phases.map((p) => (p.postgresCpu ?? 0) + (p.helperCpu?.cpu ?? 0)));
      const offP99 = off.map((p) => p.p99);
      const onP99 = on.map((p) => p.p99);
      out.push({
        target: own[0]?.label.replace(/ \(.*\)$/, '') ?? target,
        rate,
        runs: Math.min(off.length, on.length),
        offP99,
        onP99,
        ratio: median(onP99) / median(offP99),
        offStoreCpu: storeCpu(off),
        onStoreCpu: storeCpu(on),
      });
    }
  }
  return out;
}

/** One paragraph per target and rate: every p99, the medians, their ratio, against ≤ 1.05. */
export function formatMeteringComparison(comparisons: MeteringComparison[]): string {
  return comparisons
    .map((c) => {
      const list = (values: number[]) => values.map((v) => fixed(v)).join(', ');
      const verdict = c.ratio <= 1.05 ? 'PASS' : 'FAIL';
      return [
        `${c.target} @ ${c.rate} msg/s, ${c.runs} runs each (alternating):`,
        `  p99 metering off: ${list(c.offP99)} ms (median ${fixed(median(c.offP99))})`,
        `  p99 metering on:  ${list(c.onP99)} ms (median ${fixed(median(c.onP99))})`,
        `  PostgreSQL + workers: ${fixed(c.offStoreCpu, 0)}% off, ${fixed(c.onStoreCpu, 0)}% on (median, of one core)`,
        `  ${verdict} metering costs ≤ 5% of p99: median on ÷ off = ${fixed(c.ratio, 2)}`,
      ].join('\n');
    })
    .join('\n');
}
