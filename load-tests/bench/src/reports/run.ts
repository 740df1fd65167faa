import { PostgresReports, type ReportRange, type Sql } from '@flc/storage/postgres';
import type { ReportTenant } from './seed.ts';

export interface QueryTiming {
  name: string;
  /** Milliseconds of each run, after one unmeasured warm-up run. */
  runs: number[];
  /** What the query found, to see it did its work (conversations opened, or rows). */
  found: number;
}

const DAY_MS = 86_400_000;
const daysBefore = (date: string, n: number) =>
  new Date(Date.parse(date) - n * DAY_MS).toISOString().slice(0, 10);

/** The reports the console asks for, over the seeded tenant, each timed `repeat` times. */
export async function timeReportQueries(
  sql: Sql,
  tenant: ReportTenant,
  repeat: number,
): Promise<QueryTiming[]> {
  const reports = new PostgresReports(sql);
  const year: ReportRange = {
    organizationId: tenant.organizationId,
    from: tenant.from,
    to: tenant.to,
    timeZone: 'UTC',
  };
  const month: ReportRange = { ...year, from: daysBefore(tenant.to, 29), timeZone: 'Asia/Seoul' };
  const production = {
    ...year,
    timeZone: 'America/New_York',
    environmentId: tenant.environmentIds[0],
  };
  const cases: [string, () => Promise<number>][] = [
    ['overview, year, UTC', async () => (await reports.overview(year)).totals.opened],
    [
      'overview, year, New York, one environment',
      async () => (await reports.overview(production)).totals.opened,
    ],
    ['overview, 30 days, Seoul', async () => (await reports.overview(month)).totals.opened],
    ['agents, year', async () => (await reports.agents(year)).length],
    ['teams, year', async () => (await reports.teams(year)).length],
  ];
  const timings: QueryTiming[] = [];
  for (const [name, run] of cases) {
    const found = await run();
    const runs: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const t0 = performance.now();
      await run();
      runs.push(performance.now() - t0);
    }
    timings.push({ name, runs, found });
  }
  return timings;
}

export function formatTimings(
  tenant: ReportTenant,
  timings: QueryTiming[],
  where: string,
): string[] {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return [
    `reports over ${tenant.messages.toLocaleString('en')} messages, ${tenant.conversations.toLocaleString('en')} conversations, ${tenant.from} to ${tenant.to} (${where})`,
    'query                                        found   median ms      max ms',
    ...timings.map(
      (t) =>
        `${t.name.padEnd(42)} ${String(t.found).padStart(7)} ${median(t.runs).toFixed(1).padStart(11)} ${Math.max(
          ...t.runs,
        )
          .toFixed(1)
          .padStart(11)}`,
    ),
  ];
}
