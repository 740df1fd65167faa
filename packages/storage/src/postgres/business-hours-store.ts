import type { BusinessHoursStore, StoredBusinessHours } from '@flc/core';
import type { BusinessHoursPut } from '@flc/protocol/resources';
import type { Sql } from './database.ts';
import { tickBatch } from './tick-batch.ts';
import { isUuid } from './uuid.ts';

interface Row {
  environment_id: string;
  organization_id: string;
  enabled: boolean;
  time_zone: string;
  weekly: BusinessHoursPut['weekly'];
  holidays: string[];
  hide_outside_hours: boolean;
  away_message: string | null;
  reply_time_minutes: number | null;
  updated_at: Date;
}

const columns = `environment_id, organization_id, enabled, time_zone, weekly, holidays, hide_outside_hours, away_message,
  reply_time_minutes, updated_at`;

const toHours = (r: Row): StoredBusinessHours => ({
  enabled: r.enabled,
  timeZone: r.time_zone,
  weekly: r.weekly,
  holidays: r.holidays,
  hideOutsideHours: r.hide_outside_hours,
  awayMessage: r.away_message,
  replyTimeMinutes: r.reply_time_minutes,
  updatedAt: r.updated_at.toISOString(),
});

/** Business hours in the `business_hours` table, one row per environment (PostgreSQL, PGlite). */
export class PostgresBusinessHoursStore implements BusinessHoursStore {
  /**
   * The environments asked in one turn of the event loop, read by one query: a realtime node
   * reads the hours of every environment whose visitors connect, and a connect storm brings
   * thousands of them at once.
   */
  private readonly rows;

  constructor(private readonly sql: Sql) {
    this.rows = tickBatch(async (environmentIds) => {
      const rows = await sql<Row[]>`
        select ${sql.unsafe(columns)} from business_hours
        where environment_id = any(${environmentIds}::uuid[])`;
      return new Map(rows.map((r) => [r.environment_id, r]));
    });
  }

  async get(organizationId: string, environmentId: string) {
    if (!isUuid(organizationId) || !isUuid(environmentId)) return null;
    const row = await this.rows(environmentId);
    return row && row.organization_id === organizationId ? toHours(row) : null;
  }

  async put(organizationId: string, environmentId: string, h: BusinessHoursPut) {
    const sql = this.sql;
    // The environment must be the organization's: a foreign id inserts nothing.
    const [row] = await sql<Row[]>`
      insert into business_hours (environment_id, organization_id, enabled, time_zone, weekly,
        holidays, hide_outside_hours, away_message, reply_time_minutes)
      select e.id, e.organization_id, ${h.enabled}, ${h.timeZone}, ${sql.json(h.weekly)},
        ${sql.json(h.holidays)}, ${h.hideOutsideHours}, ${h.awayMessage}, ${h.replyTimeMinutes}
      from environments e where e.id = ${environmentId} and e.organization_id = ${organizationId}
      on conflict (environment_id) do update set
        enabled = excluded.enabled, time_zone = excluded.time_zone, weekly = excluded.weekly,
        holidays = excluded.holidays, hide_outside_hours = excluded.hide_outside_hours,
        away_message = excluded.away_message, reply_time_minutes = excluded.reply_time_minutes,
        updated_at = clock_timestamp()
      returning ${sql.unsafe(columns)}`;
    if (!row) throw new Error(`no environment ${environmentId} in organization ${organizationId}`);
    return toHours(row);
  }

  async remove(organizationId: string, environmentId: string) {
    if (!isUuid(organizationId) || !isUuid(environmentId)) return;
    await this.sql`
      delete from business_hours
      where environment_id = ${environmentId} and organization_id = ${organizationId}`;
  }
}
