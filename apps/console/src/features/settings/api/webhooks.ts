import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import type { CreatedWebhook, Page, Webhook, WebhookEvent } from '../types.ts';
import { settingsKeys } from './query-keys.ts';

const base = (environmentId: string) => `/v1/environments/${environmentId}/webhooks`;

export interface WebhookInput {
  url: string;
  events: WebhookEvent[];
}
export interface WebhookPatch {
  url?: string;
  events?: WebhookEvent[];
  enabled?: boolean;
}

export const WEBHOOK_FIELDS = ['url', 'events'] as const;

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

export const createWebhook = (api: Api, environmentId: string, input: WebhookInput) =>
  api.request<CreatedWebhook>(base(environmentId), { method: 'POST', body: input });

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
  useWebhookMutation(environmentId, (api, input: WebhookInput) =>
    createWebhook(api, environmentId, input),
  );
export const useUpdateWebhook = (environmentId: string) =>
  useWebhookMutation(environmentId, (api, { id, patch }: { id: string; patch: WebhookPatch }) =>
    updateWebhook(api, environmentId, id, patch),
  );
export const useDeleteWebhook = (environmentId: string) =>
  useWebhookMutation(environmentId, (api, id: string) => deleteWebhook(api, environmentId, id));
