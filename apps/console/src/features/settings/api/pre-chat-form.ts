import type { PreChatForm, PreChatFormPut } from '@flc/protocol/resources';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

const path = (environmentId: string) =>
  `/v1/environments/${encodeURIComponent(environmentId)}/pre-chat-form`;

export const getPreChatForm = (api: Api, environmentId: string, signal?: AbortSignal) =>
  api.request<PreChatForm>(path(environmentId), { signal });

export const putPreChatForm = (api: Api, environmentId: string, form: PreChatFormPut) =>
  api.request<PreChatForm>(path(environmentId), { method: 'PUT', body: form });

export const preChatFormQuery = (api: Api, environmentId: string) =>
  queryOptions({
    queryKey: settingsKeys.preChatForm(environmentId),
    queryFn: ({ signal }) => getPreChatForm(api, environmentId, signal),
  });

export const usePreChatForm = (environmentId: string) =>
  useQuery(preChatFormQuery(useApi(), environmentId));

/** Saves the whole form; the answer replaces the cached one. */
export function useSavePreChatForm(environmentId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (form: PreChatFormPut) => putPreChatForm(api, environmentId, form),
    onSuccess: (saved) => client.setQueryData(settingsKeys.preChatForm(environmentId), saved),
  });
}
