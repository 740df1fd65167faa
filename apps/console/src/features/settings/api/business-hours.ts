import type { BusinessHours, BusinessHoursPut } from '@flc/protocol/resources';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

const path = (environmentId: string) =>
  `/v1/environments/${encodeURIComponent(environmentId)}/business-hours`;

export const getBusinessHours = (api: Api, environmentId: string, signal?: AbortSignal) =>
  api.request<BusinessHours>(path(environmentId), { signal });

export const putBusinessHours = (api: Api, environmentId: string, hours: BusinessHoursPut) =>
  api.request<BusinessHours>(path(environmentId), { method: 'PUT', body: hours });

export const businessHoursQuery = (api: Api, environmentId: string) =>
  queryOptions({
    queryKey: settingsKeys.businessHours(environmentId),
    queryFn: ({ signal }) => getBusinessHours(api, environmentId, signal),
  });

export const useBusinessHours = (environmentId: string) =>
  useQuery(businessHoursQuery(useApi(), environmentId));

/** Saves them whole; the answer replaces the cached ones. */
export function useSaveBusinessHours(environmentId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (hours: BusinessHoursPut) => putBusinessHours(api, environmentId, hours),
    onSuccess: (saved) => client.setQueryData(settingsKeys.businessHours(environmentId), saved),
  });
}
