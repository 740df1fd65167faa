import type { ClaimedUsageReport, UsageReportQueue } from '@flc/core';
import type { Sql } from './database.ts';

/**
 * The `usage_reports` outbox of closed days. A claim leases reports (FOR UPDATE SKIP LOCKED) so
 * two processes never send the same one at once; a lease that runs out (its process died
 * mid-flight) makes the report claimable again: at-least-once, with a stable event id.
 */
export class PostgresUsageReports implements UsageReportQueue {
  constructor(private readonly sql: Sql) {}

  async claim(limit: number, leaseMs: number): Promise<ClaimedUsageReport[]> {
    const rows = await this.sql<
      {
        organization_id: string;
        day: string;
        event_id: string;
        payload: unknown;
        attempts: number;
      }[]
    >`
      update usage_reports r set attempts = r.attempts + 1,
        lease_expires_at = now() + ${leaseMs} * interval '1 millisecond'
      from (
        select organization_id, day from usage_reports
        where status = 'pending' and next_attempt_at <= now()
          and (lease_expires_at is null or lease_expires_at < now())
        order by next_attempt_at limit ${limit}
        for update skip locked) due
      where r.organization_id = due.organization_id and r.day = due.day
      returning r.organization_id, to_char(r.day, 'YYYY-MM-DD') as day, r.event_id, r.payload,
        r.attempts`;
    return rows.map((r) => ({
      organizationId: r.organization_id,
      day: r.day,
      eventId: r.event_id,
      body: JSON.stringify(r.payload),
      attempts: r.attempts,
    }));
  }

  async delivered(report: ClaimedUsageReport, statusCode: number): Promise<void> {
    await this.sql`
      update usage_reports set status = 'delivered', delivered_at = now(),
        last_status_code = ${statusCode}, last_error = null, lease_expires_at = null
      where organization_id = ${report.organizationId} and day = ${report.day}::date`;
  }

  async failed(
    report: ClaimedUsageReport,
    statusCode: number | null,
    error: string,
    retryInMs: number,
  ): Promise<void> {
    await this.sql`
      update usage_reports set last_status_code = ${statusCode}, last_error = ${error},
        lease_expires_at = null,
        next_attempt_at = now() + ${retryInMs} * interval '1 millisecond'
      where organization_id = ${report.organizationId} and day = ${report.day}::date`;
  }
}
