/**
 * A small Prometheus registry shared by every process (api, realtime nodes, workers, the
 * standalone): counters, gauges and histograms, rendered in the text exposition format. Label
 * sets are bounded: past `maxSeries` distinct sets a family counts the rest under one set whose
 * every label is `other`, so a bug or a hostile input can never grow a scrape without limit.
 */
export type Labels = Readonly<Record<string, string>>;

const DEFAULT_MAX_SERIES = 500;
const escapeValue = (v: string) =>
  v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

function labelText(names: readonly string[], values: readonly string[], extra = ''): string {
  const parts = names.map((n, i) => `${n}="${escapeValue(values[i] ?? '')}"`);
  if (extra) parts.push(extra);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

const formatNumber = (n: number) =>
  Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';

interface Family {
  readonly name: string;
  render(): string;
}

/** Series of one family by their label values, bounded. */
class Series<V> {
  private readonly map = new Map<string, { values: string[]; value: V }>();
  constructor(
    private readonly names: readonly string[],
    private readonly make: () => V,
    private readonly maxSeries: number,
  ) {}

  get(labels: Labels | undefined): V {
    let values = this.names.map((n) => labels?.[n] ?? '');
    let key = values.join('\u0000');
    let entry = this.map.get(key);
    if (entry) return entry.value;
    if (this.map.size >= this.maxSeries) {
      values = this.names.map(() => 'other');
      key = values.join('\u0000');
      entry = this.map.get(key);
      if (entry) return entry.value;
    }
    entry = { values, value: this.make() };
    this.map.set(key, entry);
    return entry.value;
  }

  *entries(): IterableIterator<[string[], V]> {
    for (const { values, value } of this.map.values()) yield [values, value];
  }
}

const header = (name: string, help: string, type: string) =>
  `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;

export class Counter implements Family {
  private readonly series;
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly labelNames: readonly string[],
    maxSeries: number,
  ) {
    this.series = new Series(labelNames, () => ({ n: 0 }), maxSeries);
  }

  inc(labels?: Labels, by = 1): void {
    this.series.get(labels).n += by;
  }

  render(): string {
    let text = header(this.name, this.help, 'counter');
    for (const [values, { n }] of this.series.entries()) {
      text += `${this.name}${labelText(this.labelNames, values)} ${formatNumber(n)}\n`;
    }
    return text;
  }
}

export type Collect = () => number | ReadonlyArray<readonly [Labels, number]>;

/**
 * A value read when scraped, from `collect` (one value, or one per label set): a gauge, or a
 * counter kept elsewhere (a process's CPU time, a worker's totals).
 */
export class Gauge implements Family {
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly collect: Collect,
    private readonly type: 'gauge' | 'counter' = 'gauge',
  ) {}

  render(): string {
    const value = this.collect();
    let text = header(this.name, this.help, this.type);
    if (typeof value === 'number') return `${text}${this.name} ${formatNumber(value)}\n`;
    for (const [labels, n] of value) {
      const names = Object.keys(labels);
      text += `${this.name}${labelText(names, Object.values(labels))} ${formatNumber(n)}\n`;
    }
    return text;
  }
}

interface Buckets {
  counts: number[];
  sum: number;
  count: number;
}

/** Latencies in seconds (or any sizes), cumulative buckets as Prometheus expects. */
export class Histogram implements Family {
  private readonly series;
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly bounds: readonly number[],
    private readonly labelNames: readonly string[],
    maxSeries: number,
  ) {
    this.series = new Series<Buckets>(
      labelNames,
      () => ({ counts: bounds.map(() => 0), sum: 0, count: 0 }),
      maxSeries,
    );
  }

  observe(value: number, labels?: Labels): void {
    const b = this.series.get(labels);
    const i = this.bounds.findIndex((le) => value <= le);
    if (i >= 0) b.counts[i] = (b.counts[i] ?? 0) + 1;
    b.sum += value;
    b.count += 1;
  }

  render(): string {
    let text = header(this.name, this.help, 'histogram');
    for (const [values, b] of this.series.entries()) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += b.counts[i] ?? 0;
        const labels = labelText(this.labelNames, values, `le="${le}"`);
        text += `${this.name}_bucket${labels} ${cumulative}\n`;
      });
      const inf = labelText(this.labelNames, values, 'le="+Inf"');
      const own = labelText(this.labelNames, values);
      text += `${this.name}_bucket${inf} ${b.count}\n`;
      text += `${this.name}_sum${own} ${formatNumber(b.sum)}\n${this.name}_count${own} ${b.count}\n`;
    }
    return text;
  }
}

/** Latency buckets from 1 ms to 10 s, for request, append and delivery times. */
export const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

export class Registry {
  private readonly families = new Map<string, Family>();

  counter(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    maxSeries = DEFAULT_MAX_SERIES,
  ) {
    return this.add(new Counter(name, help, labelNames, maxSeries));
  }

  gauge(name: string, help: string, collect: Collect) {
    return this.add(new Gauge(name, help, collect));
  }

  /** A counter whose total is kept elsewhere and read when scraped. */
  collectedCounter(name: string, help: string, collect: Collect) {
    return this.add(new Gauge(name, help, collect, 'counter'));
  }

  histogram(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    bounds: readonly number[] = LATENCY_BUCKETS,
    maxSeries = DEFAULT_MAX_SERIES,
  ) {
    return this.add(new Histogram(name, help, bounds, labelNames, maxSeries));
  }

  render(): string {
    let text = '';
    for (const family of this.families.values()) text += family.render();
    return text;
  }

  private add<F extends Family>(family: F): F {
    if (this.families.has(family.name)) throw new Error(`metric ${family.name} registered twice`);
    this.families.set(family.name, family);
    return family;
  }
}
