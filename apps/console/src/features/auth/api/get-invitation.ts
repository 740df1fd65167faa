import type { InvitationPreview } from '@flc/protocol/resources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

export const invitationKeys = {
  one: (token: string) => ['invitation', token] as const,
};

/** What an invite token invites to (GET /v1/auth/invitations/:token); public. */
export const getInvitation = (api: Api, token: string) =>
  api.request<InvitationPreview>(`/v1/auth/invitations/${encodeURIComponent(token)}`, {
    anonymous: true,
  });

/** A 404 is final (the app's default retries only network trouble and 5xx). */
export const invitationQuery = (api: Api, token: string) =>
  queryOptions({
    queryKey: invitationKeys.one(token),
    queryFn: () => getInvitation(api, token),
    // Accepting (here or in another tab) spends the token: ask again on every visit.
    staleTime: 0,
    refetchOnWindowFocus: false,
  });

export function useInvitation(token: string) {
  return useQuery({ ...invitationQuery(useApi(), token), enabled: token !== '' });
}
