import { DeliveryStatus, WebhookCreated } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Id, ListQuery } from '../../lib/models.ts';

/** A rotation answers like a creation: the new secret, once. */
export const WebhookWithNewSecret = WebhookCreated;

export const WebhookParams = t.Object({ id: Id, webhookId: Id });
export const WebhookIdParams = t.Object({ webhookId: Id });
export const DeliveryParams = t.Object({ webhookId: Id, deliveryId: Id });

export const DeliveriesQuery = t.Composite([
  ListQuery,
  t.Object({ status: t.Optional(DeliveryStatus) }),
]);
export type DeliveriesQuery = typeof DeliveriesQuery.static;
