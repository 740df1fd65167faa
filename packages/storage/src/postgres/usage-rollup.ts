import { type MessageStore, uuidv7 } from '@flc/core';
import type { UsageDailyEvent } from '@flc/protocol/resources';
import type { Sql } from './database.ts';

const DAY_MS = 86_400_000;

/** The UTC day of `at`, `YYYY-MM-DD`. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);

export interface UsageRollupOptions {
  /** Where messages live (PostgreSQL or MongoDB): their per-day counts come from there. */
  messages: Pick<MessageStore, 'dailyActivity'>;
  /** How long after its end a day stays open to late figures (a persister's backlog). */
  graceMs: number;
  /** Record a `usage.daily` report when a day closes (FLC_USAGE_WEBHOOK_URL is set). */
  report: boolean;
  /** Delivered `usage.daily` reports older than this are deleted by the rounds (0: kept). */
  reportRetentionMs?: number;
  newId?: () => string;
}

interface DatabaseFigures {
  id: string;
  agent_seats: number;
  storage_bytes: string;
  webhook_deliveries: number;
  opened_by: string[];
}

interface UsageRow {
  organization_id: string;
  day: string;
  messages: number;
  active_visitors: number;
  agent_seats: number;
  storage_bytes: number;
  webhook_deliveries: number;
  closed_at: Date;
}

/**
 * Usage metering's rollup: recomputes whole tenant-days from the stores and upserts them, so it is
 * idempotent by construction (run it twice, or on two processes at once: the same rows). It never
 * touches the message path: each round is a few grouped queries over the day's index ranges.
 */
export class PostgresUsageRollup {
  private readonly newId: () => string;

  constructor(
    private readonly sql: Sql,
    private readonly options: UsageRollupOptions,
  ) {
    this.newId = options.newId ?? uuidv7;
  }

  /**
   * Today, yesterday and any earlier day still open (a process was down) are recomputed; each
   * one over by the grace period is then closed. A day whose rows are all closed is skipped: its
   * figures are final. Answers the days computed, rows closed and old reports pruned.
   */
  async round(now = new Date()): Promise<{ days: string[]; closed: number; pruned: number }> {
    const today = utcDay(now);
    const yesterday = utcDay(new Date(now.getTime() - DAY_MS));
    const open = await this.sql<{ day: string }[]>`
      select distinct to_char(day, 'YYYY-MM-DD') as day from usage_daily
      where closed_at is null and day < ${yesterday}::date`;
    const final = await this.sql<{ day: string }[]>`
      select to_char(d.day, 'YYYY-MM-DD') as day
      from unnest(${[yesterday, today]}::date[]) as d(day)
      where exists (select 1 from usage_daily u where u.day = d.day)
        and not exists (select 1 from usage_daily u where u.day = d.day and u.closed_at is null)`;
    const skip = new Set(final.map((r) => r.day));
    const computed = [...new Set([...open.map((r) => r.day), yesterday, today])]
      .filter((day) => !skip.has(day))
      .sort();
    let closed = 0;
    for (const day of computed) {
      await this.compute(day);
      const over = dayStart(day).getTime() + DAY_MS + this.options.graceMs;
      if (over <= now.getTime()) closed += await this.close(day);
    }
    return { days: computed, closed, pruned: await this.prune(now) };
  }

  /** Deletes delivered reports older than the retention; pending ones are kept however old. */
  async prune(now = new Date()): Promise<number> {
    const retentionMs = this.options.reportRetentionMs ?? 0;
    if (retentionMs <= 0) return 0;
    const before = new Date(now.getTime() - retentionMs);
    const rows = await this.sql`
      delete from usage_reports
      where status = 'delivered' and delivered_at < ${before}`;
    return rows.count;
  }

  /**
   * One day's figures of every tenant that existed by its end, upserted unless closed. Only rows
   * whose figures changed are written (an unchanged row costs no dead tuple nor WAL); the day's
   * stamp in `usage_rounds` says the figures are as of this round.
   */
  async compute(day: string): Promise<void> {
    const start = dayStart(day);
    const end = new Date(start.getTime() + DAY_MS);
    const [activity, rows] = await Promise.all([
      this.options.messages.dailyActivity(start, end),
      // Per tenant: one probe of each index (agents, attachment_usage, conversations by
      // organization and time); the day's deliveries are one range of their `delivered_at` index.
      this.sql<DatabaseFigures[]>`
        select o.id,
          (select count(*) from agents a
           where a.organization_id = o.id and a.status = 'active')::int as agent_seats,
          coalesce((select u.bytes from attachment_usage u
                    where u.organization_id = o.id), 0)::text as storage_bytes,
          coalesce(d.delivered, 0)::int as webhook_deliveries,
          coalesce((select array_agg(distinct c.contact_id::text) from conversations c
                    where c.organization_id = o.id and c.created_at >= ${start}
                      and c.created_at < ${end}), '{}') as opened_by
        from organizations o
        left join (
          select w.organization_id, count(*) as delivered
          from webhook_deliveries wd join webhooks w on w.id = wd.webhook_id
          where wd.status = 'delivered' and wd.delivered_at >= ${start}
            and wd.delivered_at < ${end}
          group by w.organization_id) d on d.organization_id = o.id
        where o.created_at < ${end}
        order by o.id`,
    ]);
    if (rows.length === 0) return;
    await this.sql`
      insert into usage_rounds (day, computed_at) values (${day}::date, now())
      on conflict (day) do update set computed_at = excluded.computed_at`;
    const byOrganization = new Map(activity.map((a) => [a.organizationId, a]));
    const figures = rows.map((r) => {
      const messages = byOrganization.get(r.id);
      const visitors = new Set([...(messages?.visitors ?? []), ...r.opened_by]);
      return {
        organization_id: r.id,
        messages: messages?.messages ?? 0,
        active_visitors: visitors.size,
        agent_seats: r.agent_seats,
        storage_bytes: r.storage_bytes,
        webhook_deliveries: r.webhook_deliveries,
      };
    });
    // Rows in key order, so two processes upserting the same day wait for each other rather
    // than deadlock; a closed day keeps its final figures.
    await this.sql`
      insert into usage_daily (organization_id, day, messages, active_visitors, agent_seats,
        storage_bytes, webhook_deliveries, computed_at)
      select f.organization_id, ${day}::date, f.messages, f.active_visitors, f.agent_seats,
        f.storage_bytes, f.webhook_deliveries, now()
      from json_to_recordset(${JSON.stringify(figures)}::text::json) as f(
        organization_id uuid, messages bigint, active_visitors integer, agent_seats integer,
        storage_bytes bigint, webhook_deliveries bigint)
      on conflict (organization_id, day) do update set
        messages = excluded.messages, active_visitors = excluded.active_visitors,
        agent_seats = excluded.agent_seats, storage_bytes = excluded.storage_bytes,
        webhook_deliveries = excluded.webhook_deliveries, computed_at = excluded.computed_at
      where usage_daily.closed_at is null
        and (usage_daily.messages, usage_daily.active_visitors, usage_daily.agent_seats,
          usage_daily.storage_bytes, usage_daily.webhook_deliveries)
        is distinct from (excluded.messages, excluded.active_visitors, excluded.agent_seats,
          excluded.storage_bytes, excluded.webhook_deliveries)`;
  }

  /**
   * Closes the day's open rows and records their `usage.daily` reports in the same transaction:
   * a second process closing the same day at once finds the rows closed (its update waits for
   * the first and then matches nothing), so each tenant-day is reported exactly once.
   */
  async close(day: string): Promise<number> {
    return this.sql.begin(async (tx) => {
      const rows = await tx<UsageRow[]>`
        update usage_daily set closed_at = now()
        where day = ${day}::date and closed_at is null
        returning organization_id, to_char(day, 'YYYY-MM-DD') as day, messages::float8 as messages,
          active_visitors, agent_seats, storage_bytes::float8 as storage_bytes,
          webhook_deliveries::float8 as webhook_deliveries, closed_at`;
      if (rows.length === 0 || !this.options.report) return rows.length;
      const reports = rows.map((r) => {
        const event: UsageDailyEvent = {
          id: this.newId(),
          type: 'usage.daily',
          createdAt: r.closed_at.toISOString(),
          data: {
            organizationId: r.organization_id,
            day: r.day,
            messages: r.messages,
            activeVisitors: r.active_visitors,
            agentSeats: r.agent_seats,
            storageBytes: r.storage_bytes,
            webhookDeliveries: r.webhook_deliveries,
            closedAt: r.closed_at.toISOString(),
          },
        };
        return { organization_id: r.organization_id, event_id: event.id, payload: event };
      });
      await tx`
        insert into usage_reports (organization_id, day, event_id, payload)
        select r.organization_id, ${day}::date, r.event_id, r.payload
        from json_to_recordset(${JSON.stringify(reports)}::text::json) as r(
          organization_id uuid, event_id uuid, payload json)
        on conflict do nothing`;
      return rows.length;
    });
  }
}
