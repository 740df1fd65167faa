import type { Organization, SearchLanguage } from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { meQuery, useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

export interface OrganizationPatch {
  name?: string;
  /** Owners only. */
  requireTwoFactor?: boolean;
  /** Owners and admins; re-indexes the organization's messages. */
  searchLanguage?: SearchLanguage;
}

export const updateOrganization = (api: Api, patch: OrganizationPatch) =>
  api.request<Organization>('/v1/organization', { method: 'PATCH', body: patch });

export function useUpdateOrganization() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: OrganizationPatch) => updateOrganization(api, patch),
    // The shell shows the name from /v1/me.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: settingsKeys.organization() }),
        client.invalidateQueries({ queryKey: meQuery(api).queryKey }),
      ]),
  });
}
