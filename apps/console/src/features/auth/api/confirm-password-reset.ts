import type { PasswordResetConfirmBody } from '@flc/protocol/resources';
import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

export const CONFIRM_PASSWORD_RESET_FIELDS = [
  'token',
  'password',
] as const satisfies (keyof PasswordResetConfirmBody)[];

/** Sets the new password with the mailed token (204); the agent then logs in. */
export const confirmPasswordReset = (api: Api, input: PasswordResetConfirmBody) =>
  api.request<void>('/v1/auth/password-reset/confirm', {
    method: 'POST',
    body: input,
    anonymous: true,
  });

export function useConfirmPasswordReset() {
  const api = useApi();
  return useMutation({
    mutationFn: (input: PasswordResetConfirmBody) => confirmPasswordReset(api, input),
  });
}
