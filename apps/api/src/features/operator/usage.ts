import type { UsageDay, UsageReport, UsageTotals } from '@flc/protocol/resources';
import type { Sql } from '@flc/storage/postgres';
import { type ErrorDetail, validation } from '../../lib/errors.ts';
import { toCsv } from '../reports/csv.ts';
import { MAX_USAGE_DAYS, type UsageQuery } from './model.ts';

const DAY_MS = 86_400_000;

/** Rows one report may hold: a month of 3,000 tenants; narrow the range or pick a tenant. */
export const MAX_USAGE_ROWS = 100_000;

interface UsageRow {
  organization_id: string;
  name: string;
  day: string;
  messages: number;
  active_visitors: number;
  agent_seats: number;
  storage_bytes: number;
  webhook_deliveries: number;
  computed_at: Date;
  closed_at: Date | null;
}

/** Days since the epoch of a real calendar day, NaN for one such as 2024-02-30. */
function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  const real =
    back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
  return real ? ms / DAY_MS : Number.NaN;
}
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * The operators' usage reports: the rollup's `usage_daily` rows over a range of UTC days, read
 * through its (day, organization_id) index, with each tenant's totals. Today's figures and any
 * day not closed yet are as of the last metering round (`computedAt`).
 */
export class UsageService {
  constructor(
    private readonly sql: Sql,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async report(query: Omit<UsageQuery, 'format'>): Promise<UsageReport> {
    const { from, to } = this.range(query);
    const rows = await this.sql<UsageRow[]>`
      select u.organization_id, o.name, to_char(u.day, 'YYYY-MM-DD') as day,
        u.messages::float8 as messages, u.active_visitors, u.agent_seats,
        u.storage_bytes::float8 as storage_bytes,
        u.webhook_deliveries::float8 as webhook_deliveries,
        greatest(u.computed_at, r.computed_at) as computed_at, u.closed_at
      from usage_daily u join organizations o on o.id = u.organization_id
        left join usage_rounds r on r.day = u.day
      where u.day between ${from}::date and ${to}::date
        ${query.organizationId ? this.sql`and u.organization_id = ${query.organizationId}` : this.sql``}
      order by u.day, o.name, u.organization_id
      limit ${MAX_USAGE_ROWS + 1}`;
    if (rows.length > MAX_USAGE_ROWS) {
      throw validation(
        `More than ${MAX_USAGE_ROWS} tenant-days: narrow the range or ask for one tenant`,
        [{ path: 'query.from', message: 'Too many rows' }],
      );
    }
    return { from, to, days: rows.map(toDay), tenants: totals(rows) };
  }

  /** A report as CSV: one row per tenant and day, by day then tenant name. */
  csv(report: UsageReport): { filename: string; body: string } {
    const names = new Map(report.tenants.map((t) => [t.organizationId, t.name]));
    const header = [
      'day',
      'organization_id',
      'tenant',
      'messages',
      'active_visitors',
      'agent_seats',
      'storage_bytes',
      'webhook_deliveries',
      'final',
    ];
    const rows = report.days.map((d) => [
      d.day,
      d.organizationId,
      names.get(d.organizationId) ?? '',
      d.messages,
      d.activeVisitors,
      d.agentSeats,
      d.storageBytes,
      d.webhookDeliveries,
      d.closedAt ? 'yes' : 'no',
    ]);
    return { filename: `usage-${report.from}-${report.to}.csv`, body: toCsv([header, ...rows]) };
  }

  /** This UTC month of one tenant so far, as its totals (null before any metering round). */
  async thisMonth(organizationId: string): Promise<UsageTotals | null> {
    const today = this.now().toISOString().slice(0, 10);
    const report = await this.report({ from: `${today.slice(0, 8)}01`, to: today, organizationId });
    return report.tenants[0] ?? null;
  }

  /** The query as a checked range: 422 with every problem. */
  private range(query: Pick<UsageQuery, 'from' | 'to'>) {
    const problems: ErrorDetail[] = [];
    const to = query.to ?? this.now().toISOString().slice(0, 10);
    const toDay = dayNumber(to);
    if (Number.isNaN(toDay)) problems.push({ path: 'query.to', message: 'Must be a calendar day' });
    const from = query.from ?? `${to.slice(0, 8)}01`;
    const fromDay = dayNumber(from);
    if (Number.isNaN(fromDay)) {
      problems.push({ path: 'query.from', message: 'Must be a calendar day' });
    }
    if (fromDay > toDay) problems.push({ path: 'query.from', message: 'Must not be after `to`' });
    if (toDay - fromDay + 1 > MAX_USAGE_DAYS) {
      problems.push({ path: 'query.from', message: `At most ${MAX_USAGE_DAYS} days in a report` });
    }
    if (problems.length > 0) throw validation('The request is invalid', problems);
    return { from: dayOf(fromDay), to: dayOf(toDay) };
  }
}

function toDay(r: UsageRow): UsageDay {
  return {
    organizationId: r.organization_id,
    day: r.day,
    messages: r.messages,
    activeVisitors: r.active_visitors,
    agentSeats: r.agent_seats,
    storageBytes: r.storage_bytes,
    webhookDeliveries: r.webhook_deliveries,
    computedAt: r.computed_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
  };
}

/** Sums over the days; seats and storage are levels, so their highest day. By tenant name. */
function totals(rows: UsageRow[]): UsageTotals[] {
  const byTenant = new Map<string, UsageTotals>();
  for (const r of rows) {
    const t = byTenant.get(r.organization_id) ?? {
      organizationId: r.organization_id,
      name: r.name,
      messages: 0,
      activeVisitors: 0,
      agentSeats: 0,
      storageBytes: 0,
      webhookDeliveries: 0,
      days: 0,
    };
    t.messages += r.messages;
    t.activeVisitors += r.active_visitors;
    t.agentSeats = Math.max(t.agentSeats, r.agent_seats);
    t.storageBytes = Math.max(t.storageBytes, r.storage_bytes);
    t.webhookDeliveries += r.webhook_deliveries;
    t.days += 1;
    byTenant.set(r.organization_id, t);
  }
  return [...byTenant.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.organizationId.localeCompare(b.organizationId),
  );
}
