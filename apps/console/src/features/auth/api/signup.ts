import type { SignupBody, SignupResponse } from '@flc/protocol/resources';
import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

export const SIGNUP_FIELDS = [
  'organizationName',
  'name',
  'email',
  'password',
] as const satisfies (keyof SignupBody)[];

export const signup = (api: Api, input: SignupBody) =>
  api.request<SignupResponse>('/v1/auth/signup', { method: 'POST', body: input, anonymous: true });

export function useSignup() {
  const api = useApi();
  return useMutation({ mutationFn: (input: SignupBody) => signup(api, input) });
}
