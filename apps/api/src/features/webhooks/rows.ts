import type { Delivery, Webhook, WebhookEvent } from '@flc/protocol/resources';

export interface WebhookRow {
  id: string;
  environment_id: string;
  url: string;
  events: WebhookEvent[];
  enabled: boolean;
  consecutive_failures: number;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Never the signing secret: it leaves the database only in the creation answer. */
export const webhookColumns =
  'id, environment_id, url, events, enabled, consecutive_failures, disabled_at, disabled_reason, created_at, updated_at';

export const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  environmentId: r.environment_id,
  url: r.url,
  events: r.events,
  enabled: r.enabled,
  consecutiveFailures: r.consecutive_failures,
  disabledAt: r.disabled_at?.toISOString() ?? null,
  disabledReason: r.disabled_reason,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: Delivery['status'];
  attempts: number;
  last_error: string | null;
  last_status_code: number | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
}

export const deliveryColumns =
  'id, webhook_id, event_id, event_type, status, attempts, last_error, last_status_code, next_attempt_at, delivered_at, created_at';

export const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  webhookId: r.webhook_id,
  eventId: r.event_id,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  lastStatusCode: r.last_status_code,
  nextAttemptAt: r.next_attempt_at?.toISOString() ?? null,
  deliveredAt: r.delivered_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});
