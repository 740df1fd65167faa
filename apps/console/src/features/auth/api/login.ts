import type { Agent } from '@flc/protocol/resources';
import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

export interface LoginInput {
  email: string;
  password: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  agent: Agent;
}

export const login = (api: Api, input: LoginInput) =>
  api.request<Session>('/v1/auth/login', { method: 'POST', body: input, anonymous: true });

export function useLogin() {
  const api = useApi();
  return useMutation({ mutationFn: (input: LoginInput) => login(api, input) });
}
