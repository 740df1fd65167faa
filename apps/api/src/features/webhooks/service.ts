import { webhookTestEvent } from '@flc/core';
import type { WebhookEvent } from '@flc/protocol/resources';
import type { AuditContext, JsonValue, Sql, TransactionSql } from '@flc/storage/postgres';
import { inScope, recordAudit } from '@flc/storage/postgres';
import { requireEnvironment } from '../../domain/environment.ts';
import { conflict, notFound, validation } from '../../lib/errors.ts';
import { decodeCursor, toPage } from '../../lib/pagination.ts';
import type { PlanGuard } from '../../lib/plan-guard.ts';
import { newId, randomToken } from '../../lib/secrets.ts';
import type { DeliveriesQuery } from './model.ts';
import {
  type DeliveryRow,
  deliveryColumns,
  toDelivery,
  toWebhook,
  type WebhookRow,
  webhookColumns,
} from './rows.ts';
import { checkWebhookUrl } from './target-url.ts';

const newSigningSecret = () => randomToken('whsec_', 32);

/**
 * A webhook's address as the audit log keeps it: scheme, host and port only, since receivers
 * often carry a credential in the path or the query (`/services/T0/B0/XXXX`, `?token=`).
 */
const urlOrigin = (url: string) => new URL(url).origin;

function recordWebhook(
  tx: TransactionSql,
  audit: AuditContext,
  organizationId: string,
  row: WebhookRow,
  action: string,
  details: Record<string, JsonValue> = {},
) {
  return recordAudit(tx, {
    ...audit,
    organizationId,
    action,
    target: { type: 'webhook', id: row.id },
    details: { url: urlOrigin(row.url), environmentId: row.environment_id, ...details },
  });
}

export interface WebhookPatchInput {
  url?: string | undefined;
  events?: WebhookEvent[] | undefined;
  enabled?: boolean | undefined;
}

/** What a change did, field by field, as `{field: {before, after}}`; the URL by its origin. */
function webhookChanges(before: WebhookRow, after: WebhookRow): Record<string, JsonValue> {
  const changes: Record<string, JsonValue> = {};
  if (before.url !== after.url) {
    changes.previousUrl = urlOrigin(before.url);
  }
  if (before.events.join() !== after.events.join()) {
    changes.events = { before: before.events, after: after.events };
  }
  if (before.enabled !== after.enabled) {
    changes.enabled = { before: before.enabled, after: after.enabled };
  }
  return changes;
}

/**
 * Webhooks of one environment. Every query names the organization and the environment, so a
 * webhook id under another environment, or another tenant's, reads as unknown (404).
 */
export class WebhookService {
  constructor(
    private readonly sql: Sql,
    private readonly allowPrivate: boolean,
    /** The tenant's plan: feature `webhooks`, and its `webhooks` limit (over every environment). */
    private readonly plans: PlanGuard,
    private readonly created?: () => void,
  ) {}

  private get columns() {
    return this.sql.unsafe(webhookColumns);
  }

  private target(raw: string): string {
    const check = checkWebhookUrl(raw, { allowPrivate: this.allowPrivate });
    if (!check.ok) {
      throw validation('The request is invalid', [{ path: 'body.url', message: check.message }]);
    }
    return check.url;
  }

  async list(organizationId: string, environmentId: string, limit: number, cursor?: string) {
    const after = decodeCursor(cursor);
    await requireEnvironment(this.sql, organizationId, environmentId);
    const rows = await this.sql<WebhookRow[]>`
      select ${this.columns} from webhooks
      where ${inScope(this.sql, { organizationId: organizationId, environmentId: environmentId })}
        ${after ? this.sql`and id > ${after}` : this.sql``}
      order by id limit ${limit + 1}`;
    return toPage(rows, limit, toWebhook);
  }

  async create(
    audit: AuditContext,
    organizationId: string,
    environmentId: string,
    input: { url: string; events: WebhookEvent[] },
  ) {
    await this.plans.requireFeature(organizationId, 'webhooks');
    const url = this.target(input.url);
    const signingSecret = newSigningSecret();
    const room = await this.plans.room(organizationId, 'webhooks');
    const row = await this.sql.begin(async (tx) => {
      await room(tx);
      // Inserting from the environment row checks ownership in the same statement.
      const [row] = await tx<WebhookRow[]>`
        insert into webhooks (id, organization_id, environment_id, url, events, signing_secret)
        select ${newId()}, organization_id, id, ${url}, ${tx.array(input.events)}::text[],
               ${signingSecret}
        from environments where id = ${environmentId} and ${inScope(tx, { organizationId })}
        returning ${tx.unsafe(webhookColumns)}`;
      if (!row) throw notFound('Environment');
      await recordWebhook(tx, audit, organizationId, row, 'webhook.created', {
        events: row.events,
      });
      return row;
    });
    this.created?.();
    return { ...toWebhook(row), signingSecret };
  }

  /** Enabling gives a webhook the dispatcher disabled a fresh start: failures and reason clear. */
  async update(
    audit: AuditContext,
    organizationId: string,
    environmentId: string,
    id: string,
    patch: WebhookPatchInput,
  ) {
    const url = patch.url === undefined ? null : this.target(patch.url);
    const events = patch.events ? this.sql.array(patch.events) : null;
    const enable = patch.enabled === true;
    const row = await this.sql.begin(async (tx) => {
      const [before] = await tx<WebhookRow[]>`
        select ${tx.unsafe(webhookColumns)} from webhooks
        where id = ${id} and environment_id = ${environmentId}
          and ${inScope(tx, { organizationId })}
        for update`;
      if (!before) throw notFound('Webhook');
      const [row] = await tx<WebhookRow[]>`
        update webhooks set
          url = coalesce(${url}, url),
          events = coalesce(${events}::text[], events),
          enabled = coalesce(${patch.enabled ?? null}::boolean, enabled),
          consecutive_failures = case when ${enable} then 0 else consecutive_failures end,
          disabled_at = case when ${enable} then null else disabled_at end,
          disabled_reason = case when ${enable} then null else disabled_reason end,
          updated_at = now()
        where id = ${id}
        returning ${tx.unsafe(webhookColumns)}`;
      if (!row) throw notFound('Webhook');
      const changes = webhookChanges(before, row);
      if (Object.keys(changes).length > 0) {
        await recordWebhook(tx, audit, organizationId, row, 'webhook.updated', changes);
      }
      return row;
    });
    return toWebhook(row);
  }

  /** Its delivery log goes with it (cascade). */
  async remove(audit: AuditContext, organizationId: string, environmentId: string, id: string) {
    await this.sql.begin(async (tx) => {
      const [row] = await tx<WebhookRow[]>`
        delete from webhooks
        where id = ${id} and environment_id = ${environmentId}
          and ${inScope(tx, { organizationId })}
        returning ${tx.unsafe(webhookColumns)}`;
      if (!row) throw notFound('Webhook');
      await recordWebhook(tx, audit, organizationId, row, 'webhook.deleted');
    });
  }

  /**
   * Newest first: the log is read to see what just happened. `environmentId` null: the webhook
   * anywhere in the organization (the short route).
   */
  async deliveries(
    organizationId: string,
    environmentId: string | null,
    webhookId: string,
    query: DeliveriesQuery,
  ) {
    const sql = this.sql;
    const limit = query.limit ?? 20;
    const before = decodeCursor(query.cursor);
    const [hook] = await sql`
      select 1 from webhooks
      where id = ${webhookId} and ${inScope(sql, { organizationId })}
        ${environmentId ? sql`and environment_id = ${environmentId}` : sql``}`;
    if (!hook) throw notFound('Webhook');
    const rows = await sql<DeliveryRow[]>`
      select ${sql.unsafe(deliveryColumns)} from webhook_deliveries
      where webhook_id = ${webhookId}
        ${query.status ? sql`and status = ${query.status}` : sql``}
        ${before ? sql`and id < ${before}` : sql``}
      order by id desc limit ${limit + 1}`;
    return toPage(rows, limit, toDelivery);
  }

  /** The organization's webhook, or 404. */
  private async hook(organizationId: string, id: string) {
    const [row] = await this.sql<WebhookRow[]>`
      select ${this.columns} from webhooks where id = ${id} and ${inScope(this.sql, { organizationId })}`;
    if (!row) throw notFound('Webhook');
    return row;
  }

  private static assertEnabled(row: WebhookRow) {
    if (!row.enabled) {
      throw conflict('This webhook is disabled: re-enable it to send it events');
    }
  }

  /**
   * Queues a `webhook.test` event for this webhook alone, delivered (signed, retried, logged)
   * like any other. Its own subject, so it waits for no conversation's events.
   */
  async sendTest(organizationId: string, id: string) {
    const row = await this.hook(organizationId, id);
    WebhookService.assertEnabled(row);
    const eventId = newId();
    const [delivery] = await this.sql<DeliveryRow[]>`
      insert into webhook_deliveries
        (id, webhook_id, event_id, event_type, payload, status, subject_id, occurred_at)
      values (${newId()}, ${row.id}, ${eventId}, ${webhookTestEvent},
              ${this.sql.json({ webhook: toWebhook(row) })}, 'pending', ${eventId}, now())
      returning ${this.sql.unsafe(deliveryColumns)}`;
    if (!delivery) throw new Error('insert into webhook_deliveries returned no row');
    return toDelivery(delivery);
  }

  /**
   * Puts a given-up delivery back in the queue, due now, with the same event id (receivers that
   * processed it already drop the repeat) and a fresh retry schedule.
   */
  async retryDelivery(organizationId: string, webhookId: string, deliveryId: string) {
    const row = await this.hook(organizationId, webhookId);
    const sql = this.sql;
    const [current] = await sql<{ status: string }[]>`
      select status from webhook_deliveries where id = ${deliveryId} and webhook_id = ${row.id}`;
    if (!current) throw notFound('Delivery');
    WebhookService.assertEnabled(row);
    const [delivery] = await sql<DeliveryRow[]>`
      update webhook_deliveries set
        status = 'pending', attempts = 0, next_attempt_at = now(), delivered_at = null,
        lease_owner = null, lease_expires_at = null, updated_at = now()
      where id = ${deliveryId} and webhook_id = ${row.id} and status = 'failed'
      returning ${sql.unsafe(deliveryColumns)}`;
    if (!delivery) {
      throw conflict(`Only a failed delivery can be retried; this one is ${current.status}`);
    }
    return toDelivery(delivery);
  }

  /** The old secret stops signing at once: attempts from now on, retries too, use the new one. */
  async rotateSecret(audit: AuditContext, organizationId: string, id: string) {
    const signingSecret = newSigningSecret();
    const row = await this.sql.begin(async (tx) => {
      const [row] = await tx<WebhookRow[]>`
        update webhooks set signing_secret = ${signingSecret}, updated_at = now()
        where id = ${id} and ${inScope(tx, { organizationId })}
        returning ${tx.unsafe(webhookColumns)}`;
      if (!row) throw notFound('Webhook');
      await recordWebhook(tx, audit, organizationId, row, 'webhook.secret_rotated');
      return row;
    });
    return { ...toWebhook(row), signingSecret };
  }
}
