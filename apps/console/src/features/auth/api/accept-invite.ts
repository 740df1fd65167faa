import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import type { LoginAnswer } from './login.ts';

export interface AcceptInviteInput {
  token: string;
  password: string;
  name?: string;
}

export const ACCEPT_INVITE_FIELDS = ['token', 'password', 'name'] as const;

export const acceptInvite = (api: Api, input: AcceptInviteInput) =>
  api.request<LoginAnswer>('/v1/auth/accept-invite', {
    method: 'POST',
    body: input,
    anonymous: true,
  });

export function useAcceptInvite() {
  const api = useApi();
  return useMutation({ mutationFn: (input: AcceptInviteInput) => acceptInvite(api, input) });
}
