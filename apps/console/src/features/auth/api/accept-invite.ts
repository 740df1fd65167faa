import type { AcceptInviteBody, AcceptInviteResponse } from '@flc/protocol/resources';
import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

export const ACCEPT_INVITE_FIELDS = [
  'token',
  'password',
  'name',
] as const satisfies (keyof AcceptInviteBody)[];

export const acceptInvite = (api: Api, input: AcceptInviteBody) =>
  api.request<AcceptInviteResponse>('/v1/auth/accept-invite', {
    method: 'POST',
    body: input,
    anonymous: true,
  });

export function useAcceptInvite() {
  const api = useApi();
  return useMutation({ mutationFn: (input: AcceptInviteBody) => acceptInvite(api, input) });
}
