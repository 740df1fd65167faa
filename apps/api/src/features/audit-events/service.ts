import type { Sql } from '@flc/storage/postgres';
import { inScope } from '@flc/storage/postgres';
import { validation } from '../../lib/errors.ts';
import { activityKey, decodeActivityCursor, toPage } from '../../lib/pagination.ts';
import { type AuditEventRow, type AuditEventsQuery, toAuditEvent } from './model.ts';

/**
 * An organization's audit log, newest first. Reading is all there is: events are written by
 * `recordAudit` in the transaction of what they record, and the database refuses to change them.
 */
export class AuditEventService {
  constructor(private readonly sql: Sql) {}

  async list(organizationId: string, query: AuditEventsQuery) {
    const sql = this.sql;
    const limit = query.limit ?? 20;
    const after = decodeActivityCursor(query.cursor);
    if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to)) {
      throw validation('The request is invalid', [
        { path: 'query.from', message: 'Must not be later than `to`' },
      ]);
    }
    const rows = await sql<AuditEventRow[]>`
      select id, occurred_at, actor_kind, actor_id, actor_label, action, target_type, target_id,
        ip, user_agent, details,
        to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as activity_key
      from audit_events
      where ${inScope(sql, { organizationId })}
        ${query.action ? sql`and starts_with(action, ${query.action})` : sql``}
        ${query.actorId ? sql`and actor_id = ${query.actorId}` : sql``}
        ${query.from ? sql`and occurred_at >= ${query.from}::timestamptz` : sql``}
        ${query.to ? sql`and occurred_at < ${query.to}::timestamptz` : sql``}
        ${after ? sql`and (occurred_at, id) < (${after.at}::text::timestamptz, ${after.id})` : sql``}
      order by occurred_at desc, id desc
      limit ${limit + 1}`;
    return toPage(rows, limit, toAuditEvent, activityKey);
  }
}
