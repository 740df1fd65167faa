import type {
  AgentReport,
  ReportDay,
  ReportDurations,
  ReportOverview,
  ReportSatisfaction,
  TeamReport,
} from '@flc/protocol/resources';
import type { Queryable } from './database.ts';

/**
 * One report's filter. `from` and `to` are calendar days (`YYYY-MM-DD`, both included) in
 * `timeZone` (an IANA name the caller has checked), which also buckets days and hours.
 */
export interface ReportRange {
  organizationId: string;
  environmentId?: string | undefined;
  from: string;
  to: string;
  timeZone: string;
}

// The figures' shapes are the API's (`@flc/protocol/resources`), one definition each.
export type DurationFigures = ReportDurations;
export type SatisfactionFigures = ReportSatisfaction;
export type DayFigures = ReportDay;
/** The overview without the range it echoes (the API adds it). */
export type OverviewFigures = Omit<ReportOverview, 'from' | 'to' | 'timeZone'>;
export type AgentFigures = AgentReport;
export type TeamFigures = TeamReport;

/** Aggregated columns every grouped query below selects, under these names. */
interface FigureRow {
  opened: number;
  frt_count: number;
  frt_median: number | null;
  frt_p90: number | null;
  closed: number;
  res_median: number | null;
  res_p90: number | null;
  rated: number;
  average: number | null;
}

// To the millisecond: interpolation in floating point leaves noise such as 24840.000000000007.
const ms = (seconds: number | null) =>
  seconds === null ? null : Math.round(seconds * 1000) / 1000;
const durations = (count: number, median: number | null, p90: number | null) => ({
  count,
  median: ms(median),
  p90: ms(p90),
});
const firstResponseOf = (r: FigureRow) => durations(r.frt_count, r.frt_median, r.frt_p90);
const resolutionOf = (r: FigureRow) => durations(r.closed, r.res_median, r.res_p90);
const satisfactionOf = (r: FigureRow): SatisfactionFigures => ({
  count: r.rated,
  average: r.average,
});

/**
 * The console's reports, computed by SQL over the conversations and their ratings (never the
 * messages, which may live in MongoDB). Each query scans one organization's range through its
 * (organization_id, time) index: opened by `created_at`, closed by `closed_at`, ratings by
 * `rated_at`. First response and resolution count from when the conversation was opened.
 */
export class PostgresReports {
  constructor(private readonly sql: Queryable) {}

  /**
   * Opened, closed and rated by day (and in all: `rollup`), each one scan of its index, then
   * every day of the range filled in here (no join in SQL: the days are known).
   */
  async overview(range: ReportRange): Promise<OverviewFigures> {
    const sql = this.sql;
    const day = (column: string) => this.localDay(range, column);
    type Keyed<T> = (T & { day: string | null })[];
    const [opened, closed, rated, heatmap, scores] = await Promise.all([
      sql<Keyed<Pick<FigureRow, 'opened' | 'frt_count'> & { frt: number[] | null }>>`
        select to_char(day, 'YYYY-MM-DD') as day, count(*)::int as opened, count(frt)::int as frt_count,
          percentile_cont(array[0.5, 0.9]) within group (order by frt) as frt
        from (
          select ${day('c.created_at')} as day, ${firstResponse(sql)} as frt
          from conversations c where ${this.opened(range)}
        ) c
        group by rollup (day)`,
      sql<Keyed<{ closed: number; res: number[] | null }>>`
        select to_char(day, 'YYYY-MM-DD') as day, count(*)::int as closed,
          percentile_cont(array[0.5, 0.9]) within group (order by res) as res
        from (
          select ${day('c.closed_at')} as day, ${resolution(sql)} as res
          from conversations c where ${this.closed(range)}
        ) c
        group by rollup (day)`,
      sql<Keyed<{ rated: number; average: number | null }>>`
        select to_char(day, 'YYYY-MM-DD') as day, count(*)::int as rated, ${average(sql)} as average
        from (
          select ${day('r.rated_at')} as day, r.score
          from conversation_ratings r where ${this.rated(range)}
        ) r
        group by rollup (day)`,
      this.heatmap(range),
      this.scores(range),
    ]);
    const byDay = <T extends { day: string | null }>(rows: T[]) =>
      new Map(rows.map((r) => [r.day, r]));
    const [o, x, r] = [byDay(opened), byDay(closed), byDay(rated)];
    const figures = (key: string | null): Omit<DayFigures, 'date'> => {
      const a = o.get(key);
      const b = x.get(key);
      const c = r.get(key);
      return {
        opened: a?.opened ?? 0,
        closed: b?.closed ?? 0,
        firstResponse: durations(a?.frt_count ?? 0, a?.frt?.[0] ?? null, a?.frt?.[1] ?? null),
        resolution: durations(b?.closed ?? 0, b?.res?.[0] ?? null, b?.res?.[1] ?? null),
        satisfaction: { count: c?.rated ?? 0, average: c?.average ?? null },
      };
    };
    return {
      totals: { ...figures(null), scores },
      days: daysOf(range).map((date) => ({ date, ...figures(date) })),
      heatmap,
    };
  }

  async agents(range: ReportRange): Promise<AgentFigures[]> {
    const sql = this.sql;
    const rows = await sql<(FigureRow & { id: string; name: string })[]>`
      with f as (
        select c.first_reply_agent_id as id, count(*)::int as frt_count,
          percentile_cont(array[0.5, 0.9]) within group (order by ${firstResponse(sql)}) as frt
        from conversations c where ${this.opened(range)} and c.first_reply_agent_id is not null
        group by 1
      ), x as (
        select c.assignee_id as id, count(*)::int as closed,
          percentile_cont(array[0.5, 0.9]) within group (order by ${resolution(sql)}) as res
        from conversations c where ${this.closed(range)} and c.assignee_id is not null
        group by 1
      ), s as (
        select r.assignee_id as id, count(*)::int as rated, ${average(sql)} as average
        from conversation_ratings r where ${this.rated(range)} and r.assignee_id is not null
        group by 1
      )
      select a.id, a.name, 0 as opened, coalesce(f.frt_count, 0) as frt_count,
        f.frt[1] as frt_median, f.frt[2] as frt_p90, coalesce(x.closed, 0) as closed,
        x.res[1] as res_median, x.res[2] as res_p90, coalesce(s.rated, 0) as rated, s.average
      from agents a
        left join f on f.id = a.id left join x on x.id = a.id left join s on s.id = a.id
      where a.organization_id = ${range.organizationId}
        and (a.status = 'active' or f.id is not null or x.id is not null or s.id is not null)
      order by lower(a.name), a.id`;
    return rows.map((r) => ({
      agentId: r.id,
      name: r.name,
      firstResponse: firstResponseOf(r),
      resolution: resolutionOf(r),
      satisfaction: satisfactionOf(r),
    }));
  }

  async teams(range: ReportRange): Promise<TeamFigures[]> {
    const sql = this.sql;
    const rows = await sql<(FigureRow & { id: string; name: string })[]>`
      with o as (
        select c.team_id as id, count(*)::int as opened,
          count(c.first_reply_at)::int as frt_count,
          percentile_cont(array[0.5, 0.9]) within group (order by ${firstResponse(sql)}) as frt
        from conversations c where ${this.opened(range)} and c.team_id is not null
        group by 1
      ), x as (
        select c.team_id as id, count(*)::int as closed,
          percentile_cont(array[0.5, 0.9]) within group (order by ${resolution(sql)}) as res
        from conversations c where ${this.closed(range)} and c.team_id is not null
        group by 1
      ), s as (
        select c.team_id as id, count(*)::int as rated, ${average(sql)} as average
        from conversation_ratings r join conversations c on c.id = r.conversation_id
        where ${this.rated(range)} and c.team_id is not null
        group by 1
      )
      select t.id, t.name, coalesce(o.opened, 0) as opened, coalesce(o.frt_count, 0) as frt_count,
        o.frt[1] as frt_median, o.frt[2] as frt_p90, coalesce(x.closed, 0) as closed,
        x.res[1] as res_median, x.res[2] as res_p90, coalesce(s.rated, 0) as rated, s.average
      from teams t
        left join o on o.id = t.id left join x on x.id = t.id left join s on s.id = t.id
      where t.organization_id = ${range.organizationId}
      order by lower(t.name), t.id`;
    return rows.map((r) => ({
      teamId: r.id,
      name: r.name,
      opened: r.opened,
      firstResponse: firstResponseOf(r),
      resolution: resolutionOf(r),
      satisfaction: satisfactionOf(r),
    }));
  }

  /** 7 rows (Monday first) of 24 hours: conversations opened then, in the time zone. */
  private async heatmap(range: ReportRange): Promise<number[][]> {
    const sql = this.sql;
    const rows = await sql<{ weekday: number; hour: number; opened: number }[]>`
      select extract(isodow from c.created_at at time zone ${range.timeZone})::int as weekday,
        extract(hour from c.created_at at time zone ${range.timeZone})::int as hour,
        count(*)::int as opened
      from conversations c where ${this.opened(range)}
      group by 1, 2`;
    const cells = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
    for (const r of rows) (cells[r.weekday - 1] as number[])[r.hour] = r.opened;
    return cells;
  }

  private async scores(range: ReportRange): Promise<number[]> {
    const sql = this.sql;
    const rows = await sql<{ score: number; n: number }[]>`
      select r.score::int as score, count(*)::int as n
      from conversation_ratings r where ${this.rated(range)}
      group by 1`;
    const scores = [0, 0, 0, 0, 0];
    for (const r of rows) scores[r.score - 1] = r.n;
    return scores;
  }

  /** The calendar day of `column` in the report's time zone. */
  private localDay(range: ReportRange, column: string) {
    const sql = this.sql;
    return sql`(${sql.unsafe(column)} at time zone ${range.timeZone})::date`;
  }

  private opened(range: ReportRange) {
    return this.within(range, 'c', 'created_at');
  }

  private closed(range: ReportRange) {
    return this.within(range, 'c', 'closed_at');
  }

  private rated(range: ReportRange) {
    return this.within(range, 'r', 'rated_at');
  }

  private within(range: ReportRange, alias: 'c' | 'r', column: string) {
    const sql = this.sql;
    const at = sql.unsafe(`${alias}.${column}`);
    const env = sql.unsafe(`${alias}.environment_id`);
    // The range as instants: from the first day's midnight to the one after the last, in the
    // zone (a stable expression, so the index scan takes it as its bounds).
    const lo = sql`(${range.from}::date)::timestamp at time zone ${range.timeZone}`;
    const hi = sql`(${range.to}::date + 1)::timestamp at time zone ${range.timeZone}`;
    return sql`${sql.unsafe(alias)}.organization_id = ${range.organizationId}
      and ${at} >= ${lo} and ${at} < ${hi}
      ${range.environmentId ? sql`and ${env} = ${range.environmentId}` : sql``}`;
  }
}

const DAY_MS = 86_400_000;

/** Every day of the range, `YYYY-MM-DD`, in order. */
function daysOf(range: ReportRange): string[] {
  const first = Date.parse(`${range.from}T00:00:00Z`);
  const count = Math.round((Date.parse(`${range.to}T00:00:00Z`) - first) / DAY_MS) + 1;
  return Array.from({ length: count }, (_, i) =>
    new Date(first + i * DAY_MS).toISOString().slice(0, 10),
  );
}

// Seconds since opened, never below zero (the app's and the database's clocks may differ by a
// little); null without the time, which the aggregates skip (`greatest` alone would not).
const since = (column: string) =>
  `(case when ${column} is not null
    then greatest(0, extract(epoch from ${column} - c.created_at))::float8 end)`;
const firstResponse = (sql: Queryable) => sql.unsafe(since('c.first_reply_at'));
const resolution = (sql: Queryable) => sql.unsafe(since('c.closed_at'));
const average = (sql: Queryable) => sql.unsafe('round(avg(score), 2)::float8');
