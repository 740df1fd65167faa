import type { PasswordResetAccepted } from '@flc/protocol/resources';
import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

/** Asks for a reset link by mail; the answer is the same whether or not the account exists. */
export const requestPasswordReset = (api: Api, email: string) =>
  api.request<PasswordResetAccepted>('/v1/auth/password-reset', {
    method: 'POST',
    body: { email },
    anonymous: true,
  });

export function useRequestPasswordReset() {
  const api = useApi();
  return useMutation({ mutationFn: (email: string) => requestPasswordReset(api, email) });
}
