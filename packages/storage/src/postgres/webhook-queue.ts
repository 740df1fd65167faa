import type { AttemptResult, ClaimedDelivery, DeliveryQueue, WebhookEventType } from '@flc/core';
import { recordAudit, systemActor } from './audit-log.ts';
import type { JsonValue, Sql } from './database.ts';
import { splitRequestId } from './webhook-request-id.ts';

interface ClaimedRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: WebhookEventType;
  payload: unknown;
  attempts: number;
  occurred_at: Date;
  organization_id: string;
  environment_id: string;
  url: string;
  signing_secret: string;
}

interface DisabledRow {
  disabled: boolean;
  id: string;
  organization_id: string;
  environment_id: string;
  url: string;
}

function toClaimed(r: ClaimedRow): ClaimedDelivery {
  const { data, requestId, traceparent } = splitRequestId(r.payload);
  const claimed: ClaimedDelivery = {
    id: r.id,
    webhookId: r.webhook_id,
    eventId: r.event_id,
    eventType: r.event_type,
    organizationId: r.organization_id,
    environmentId: r.environment_id,
    occurredAt: r.occurred_at.toISOString(),
    data,
    attempt: r.attempts,
    url: r.url,
    signingSecret: r.signing_secret,
  };
  if (requestId) claimed.requestId = requestId;
  if (traceparent) claimed.traceparent = traceparent;
  return claimed;
}

/**
 * The dispatchers' side of `webhook_deliveries` (see migration 0003). `owner` names this
 * dispatcher in its leases; each result is written only if the delivery is still leased to it
 * for the same attempt, so a dispatcher whose lease ran out cannot overwrite a newer attempt.
 */
export class PostgresDeliveryQueue implements DeliveryQueue {
  constructor(
    private readonly sql: Sql,
    private readonly owner: string,
  ) {}

  /**
   * A delivery is due when its next attempt time has come, it is not leased (or its lease ran
   * out), its webhook is enabled, and no earlier delivery of the same webhook and subject is
   * still pending: that one goes first. SKIP LOCKED lets dispatchers claim side by side.
   */
  async claim(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows = await this.sql<ClaimedRow[]>`
      with due as (
        select d.id from webhook_deliveries d
        join webhooks w on w.id = d.webhook_id
        where d.status = 'pending' and w.enabled
          and d.next_attempt_at <= now()
          and (d.lease_expires_at is null or d.lease_expires_at < now())
          and not exists (
            select 1 from webhook_deliveries e
            where e.webhook_id = d.webhook_id and e.subject_id = d.subject_id
              and e.status = 'pending' and e.ordinal < d.ordinal)
        order by d.next_attempt_at, d.ordinal
        limit ${limit}
        for update of d skip locked
      )
      update webhook_deliveries d set
        lease_owner = ${this.owner},
        lease_expires_at = now() + ${leaseMs}::integer * interval '1 millisecond',
        attempts = d.attempts + 1,
        updated_at = now()
      from due, webhooks w
      where d.id = due.id and w.id = d.webhook_id
      returning d.id, d.webhook_id, d.event_id, d.event_type, d.payload, d.attempts,
        d.occurred_at, w.organization_id, w.environment_id, w.url, w.signing_secret`;
    return rows.map(toClaimed);
  }

  private fence(d: ClaimedDelivery) {
    return this.sql`d.id = ${d.id} and d.status = 'pending'
      and d.lease_owner = ${this.owner} and d.attempts = ${d.attempt}`;
  }

  async delivered(d: ClaimedDelivery, statusCode: number): Promise<void> {
    await this.sql`
      with done as (
        update webhook_deliveries d set
          status = 'delivered', delivered_at = now(), last_status_code = ${statusCode},
          last_error = null, next_attempt_at = null, lease_owner = null,
          lease_expires_at = null, updated_at = now()
        where ${this.fence(d)}
        returning d.webhook_id
      )
      update webhooks set consecutive_failures = 0
      where id in (select webhook_id from done) and consecutive_failures > 0`;
  }

  async failed(
    d: ClaimedDelivery,
    result: Extract<AttemptResult, { ok: false }>,
    retryInMs: number | null,
    disableAfter: number,
  ): Promise<{ disabled: boolean }> {
    const sql = this.sql;
    if (retryInMs !== null) {
      await sql`
        update webhook_deliveries d set
          last_status_code = ${result.statusCode}, last_error = ${result.error},
          next_attempt_at = now() + ${Math.round(retryInMs)}::bigint * interval '1 millisecond',
          lease_owner = null, lease_expires_at = null, updated_at = now()
        where ${this.fence(d)}`;
      return { disabled: false };
    }
    const reason = `Disabled after ${disableAfter} events in a row failed every attempt; the last: ${result.error}`;
    // The dispatcher disabling a webhook is a change to the tenant's integration: it goes in
    // the audit log, in the transaction that makes it.
    return sql.begin(async (tx) => {
      const [row] = await tx<DisabledRow[]>`
        with given_up as (
          update webhook_deliveries d set
            status = 'failed', last_status_code = ${result.statusCode}, last_error = ${result.error},
            next_attempt_at = null, lease_owner = null, lease_expires_at = null,
            updated_at = now()
          where ${this.fence(d)}
          returning d.webhook_id
        )
        update webhooks w set
          consecutive_failures = w.consecutive_failures + 1,
          enabled = w.enabled and w.consecutive_failures + 1 < ${disableAfter},
          disabled_at = case when w.enabled and w.consecutive_failures + 1 >= ${disableAfter}
                        then now() else w.disabled_at end,
          disabled_reason = case when w.enabled and w.consecutive_failures + 1 >= ${disableAfter}
                            then ${reason} else w.disabled_reason end,
          updated_at = case when w.enabled and w.consecutive_failures + 1 >= ${disableAfter}
                       then now() else w.updated_at end
        from given_up where w.id = given_up.webhook_id
        returning coalesce(w.disabled_at = now(), false) as disabled, w.id, w.organization_id,
          w.environment_id, w.url`;
      if (row?.disabled) {
        await recordAudit(tx, {
          actor: systemActor,
          organizationId: row.organization_id,
          action: 'webhook.disabled',
          target: { type: 'webhook', id: row.id },
          details: {
            url: new URL(row.url).origin,
            environmentId: row.environment_id,
            eventsGivenUpInARow: disableAfter,
          },
        });
      }
      return { disabled: row?.disabled ?? false };
    });
  }

  /** The attempt is taken back too: it was never made, or its result was never seen. */
  async handBack(deliveries: ClaimedDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const leases = deliveries.map((d) => ({ id: d.id, attempt: d.attempt }));
    await this.sql`
      update webhook_deliveries d set
        lease_owner = null, lease_expires_at = null, attempts = d.attempts - 1,
        updated_at = now()
      from jsonb_to_recordset(${this.sql.json(leases as unknown as JsonValue)})
        as h(id uuid, attempt integer)
      where d.id = h.id and d.status = 'pending' and d.lease_owner = ${this.owner}
        and d.attempts = h.attempt`;
  }

  /**
   * Frees what this owner name still holds from before (a worker restarted under the same
   * name after a crash): claimable at once instead of when the leases run out.
   */
  async recover(): Promise<number> {
    const result = await this.sql`
      update webhook_deliveries set lease_expires_at = null, lease_owner = null
      where status = 'pending' and lease_owner = ${this.owner}`;
    return result.count;
  }
}

/** Deliveries not yet settled, for the workers' metrics. */
export async function pendingDeliveries(sql: Sql): Promise<number> {
  const [row] = await sql<{ pending: number }[]>`
    select count(*)::int as pending from webhook_deliveries where status = 'pending'`;
  return row?.pending ?? 0;
}
