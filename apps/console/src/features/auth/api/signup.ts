import type { Agent, Organization } from '@flc/protocol/resources';
import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

export interface SignupInput {
  organizationName: string;
  name: string;
  email: string;
  password: string;
}

export interface SignupAnswer {
  accessToken: string;
  refreshToken: string;
  agent: Agent;
  organization: Organization;
}

export const SIGNUP_FIELDS = ['organizationName', 'name', 'email', 'password'] as const;

export const signup = (api: Api, input: SignupInput) =>
  api.request<SignupAnswer>('/v1/auth/signup', { method: 'POST', body: input, anonymous: true });

export function useSignup() {
  const api = useApi();
  return useMutation({ mutationFn: (input: SignupInput) => signup(api, input) });
}
