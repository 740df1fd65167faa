import type {
  Delivery,
  Page,
  Webhook,
  WebhookCreate,
  WebhookCreated,
  WebhookPatch,
} from '@flc/protocol/resources';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { applyDelivery } from '../deliveries.ts';
import { settingsKeys } from './query-keys.ts';

const base = (environmentId: string) => `/v1/environments/${environmentId}/webhooks`;

export const WEBHOOK_FIELDS = ['url', 'events'] as const satisfies (keyof WebhookCreate)[];

export const getWebhooks = (api: Api, environmentId: string) =>
  api.request<Page<Webhook>>(base(environmentId), { query: { limit: 100 } });

export const webhooksQuery = (api: Api, environmentId: string) =>
  queryOptions({
    queryKey: settingsKeys.webhooks(environmentId),
    queryFn: () => getWebhooks(api, environmentId),
  });

export function useWebhooks(environmentId: string) {
  return useQuery(webhooksQuery(useApi(), environmentId));
}

export const createWebhook = (api: Api, environmentId: string, input: WebhookCreate) =>
  api.request<WebhookCreated>(base(environmentId), { method: 'POST', body: input });

export const updateWebhook = (api: Api, environmentId: string, id: string, patch: WebhookPatch) =>
  api.request<Webhook>(`${base(environmentId)}/${id}`, { method: 'PATCH', body: patch });

export const deleteWebhook = (api: Api, environmentId: string, id: string) =>
  api.request<void>(`${base(environmentId)}/${id}`, { method: 'DELETE' });

function useWebhookMutation<I, O>(environmentId: string, fn: (api: Api, input: I) => Promise<O>) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => fn(api, input),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.webhooks(environmentId) }),
  });
}

export const useCreateWebhook = (environmentId: string) =>
  useWebhookMutation(environmentId, (api, input: WebhookCreate) =>
    createWebhook(api, environmentId, input),
  );
export const useUpdateWebhook = (environmentId: string) =>
  useWebhookMutation(environmentId, (api, { id, patch }: { id: string; patch: WebhookPatch }) =>
    updateWebhook(api, environmentId, id, patch),
  );
export const useDeleteWebhook = (environmentId: string) =>
  useWebhookMutation(environmentId, (api, id: string) => deleteWebhook(api, environmentId, id));

/** Queues a signed `webhook.test` event for this webhook only; answers its delivery. */
export const sendTestEvent = (api: Api, webhookId: string) =>
  api.request<Delivery>(`/v1/webhooks/${webhookId}/test`, { method: 'POST' });

/** Queues a given-up delivery again, with the same event id. */
export const retryDelivery = (api: Api, webhookId: string, deliveryId: string) =>
  api.request<Delivery>(`/v1/webhooks/${webhookId}/deliveries/${deliveryId}/retry`, {
    method: 'POST',
  });

/** A new signing secret, in this answer only. */
export const rotateWebhookSecret = (api: Api, webhookId: string) =>
  api.request<WebhookCreated>(`/v1/webhooks/${webhookId}/rotate-secret`, { method: 'POST' });

/** Both answer a delivery: shown in the open logs at once, then the logs refetch. */
function useDeliveryMutation<I>(fn: (api: Api, input: I) => Promise<Delivery>) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => fn(api, input),
    onSuccess: (delivery) => {
      applyDelivery(client, delivery);
      return client.invalidateQueries({
        queryKey: settingsKeys.deliveriesRoot(delivery.webhookId),
      });
    },
  });
}

export const useSendTestEvent = () =>
  useDeliveryMutation((api, webhookId: string) => sendTestEvent(api, webhookId));
export const useRetryDelivery = () =>
  useDeliveryMutation((api, input: { webhookId: string; deliveryId: string }) =>
    retryDelivery(api, input.webhookId, input.deliveryId),
  );
export const useRotateWebhookSecret = (environmentId: string) =>
  useWebhookMutation(environmentId, (api, webhookId: string) =>
    rotateWebhookSecret(api, webhookId),
  );
