import { DeliveryStatus, WebhookCreated, WebhookEvent } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Id, ListQuery } from '../../lib/models.ts';
import { MAX_WEBHOOK_URL_LENGTH } from './target-url.ts';

const Events = t.Array(WebhookEvent, { minItems: 1, uniqueItems: true });
/** Shape only; `checkWebhookUrl` decides what a target may be. */
const Url = t.String({ minLength: 1, maxLength: MAX_WEBHOOK_URL_LENGTH });

/** A rotation answers like a creation: the new secret, once. */
export const WebhookWithNewSecret = WebhookCreated;

export const WebhookCreate = t.Object({ url: Url, events: Events });
export const WebhookPatch = t.Object({
  url: t.Optional(Url),
  events: t.Optional(Events),
  enabled: t.Optional(
    t.Boolean({ description: 'Enabling also clears the failure count and the disable reason' }),
  ),
});
export const WebhookParams = t.Object({ id: Id, webhookId: Id });
export const WebhookIdParams = t.Object({ webhookId: Id });
export const DeliveryParams = t.Object({ webhookId: Id, deliveryId: Id });

export const DeliveriesQuery = t.Composite([
  ListQuery,
  t.Object({ status: t.Optional(DeliveryStatus) }),
]);
export type DeliveriesQuery = typeof DeliveriesQuery.static;
