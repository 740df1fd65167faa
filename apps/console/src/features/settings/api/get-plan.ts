import type { OrganizationPlan } from '@flc/protocol/resources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

export const getPlan = (api: Api) => api.request<OrganizationPlan>('/v1/organization/plan');

export const planQuery = (api: Api) =>
  queryOptions({ queryKey: settingsKeys.plan(), queryFn: () => getPlan(api) });

/** The organization's plan and its usage (owners and admins; `enabled` false for agents). */
export function usePlan(enabled: boolean) {
  return useQuery({ ...planQuery(useApi()), enabled });
}
