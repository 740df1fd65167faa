import type { EmailSettings, EmailSettingsPut } from '@flc/protocol/resources';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

const path = (environmentId: string) =>
  `/v1/environments/${encodeURIComponent(environmentId)}/email-continuity`;

export const getEmailContinuity = (api: Api, environmentId: string, signal?: AbortSignal) =>
  api.request<EmailSettings>(path(environmentId), { signal });

export const putEmailContinuity = (api: Api, environmentId: string, put: EmailSettingsPut) =>
  api.request<EmailSettings>(path(environmentId), { method: 'PUT', body: put });

export const emailContinuityQuery = (api: Api, environmentId: string) =>
  queryOptions({
    queryKey: settingsKeys.emailContinuity(environmentId),
    queryFn: ({ signal }) => getEmailContinuity(api, environmentId, signal),
  });

export const useEmailContinuity = (environmentId: string) =>
  useQuery(emailContinuityQuery(useApi(), environmentId));

/** Switches it; the answer replaces the cached setting. */
export function useSaveEmailContinuity(environmentId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (put: EmailSettingsPut) => putEmailContinuity(api, environmentId, put),
    onSuccess: (saved) => client.setQueryData(settingsKeys.emailContinuity(environmentId), saved),
  });
}
