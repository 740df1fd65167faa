import type { ProcessRegistry, ProcessReport } from '@flc/core';
import type { JsonValue, Sql } from './database.ts';

interface Row {
  id: string;
  role: ProcessReport['role'];
  version: string;
  host: string;
  pid: number;
  started_at: Date;
  reported_at: Date;
  stats: Record<string, number>;
  problems: ProcessReport['problems'];
}

/** The processes' reports in the database every process of the install shares. */
export class PostgresProcessRegistry implements ProcessRegistry {
  constructor(private readonly sql: Sql) {}

  async report(r: ProcessReport): Promise<void> {
    await this.sql`
      insert into process_reports
        (id, role, version, host, pid, started_at, reported_at, stats, problems, visitors)
      values (${r.id}, ${r.role}, ${r.version}, ${r.host}, ${r.pid}, ${r.startedAt},
        ${r.reportedAt}, ${this.sql.json(r.stats)}, ${this.sql.json(r.problems as unknown as JsonValue)},
        ${this.sql.json(r.visitors ?? {})})
      on conflict (id) do update set
        reported_at = excluded.reported_at, stats = excluded.stats, problems = excluded.problems,
        visitors = excluded.visitors`;
  }

  async visitors(organizationIds: readonly string[], since: Date): Promise<Map<string, number>> {
    if (organizationIds.length === 0) return new Map();
    const rows = await this.sql<{ organization_id: string; visitors: number }[]>`
      select v.key as organization_id, sum(v.value::int)::int as visitors
      from process_reports p, jsonb_each_text(p.visitors) v
      where p.reported_at >= ${since} and v.key = any(${[...organizationIds]}::text[])
      group by v.key`;
    return new Map(rows.map((r) => [r.organization_id, r.visitors]));
  }

  async list(since: Date): Promise<ProcessReport[]> {
    const rows = await this.sql<Row[]>`
      select id, role, version, host, pid, started_at, reported_at, stats, problems
      from process_reports
      where reported_at >= ${since}
      order by role, host, pid, started_at`;
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      version: r.version,
      host: r.host,
      pid: r.pid,
      startedAt: r.started_at.toISOString(),
      reportedAt: r.reported_at.toISOString(),
      stats: r.stats,
      problems: r.problems,
    }));
  }

  async prune(before: Date): Promise<void> {
    await this.sql`delete from process_reports where reported_at < ${before}`;
  }

  async remove(id: string): Promise<void> {
    await this.sql`delete from process_reports where id = ${id}`;
  }
}
