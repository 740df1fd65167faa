import type { Agent } from '@flc/protocol/resources';
import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { deviceTokens } from '../device-tokens.ts';

export interface LoginInput {
  email: string;
  password: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  deviceToken: string;
  agent: Agent;
}

/** Logs in with this browser's device token for the email, and keeps the new one. */
export async function login(api: Api, input: LoginInput) {
  const devices = deviceTokens();
  const deviceToken = devices.get(input.email);
  const session = await api.request<Session>('/v1/auth/login', {
    method: 'POST',
    body: deviceToken ? { ...input, deviceToken } : input,
    anonymous: true,
  });
  devices.set(input.email, session.deviceToken);
  return session;
}

export function useLogin() {
  const api = useApi();
  return useMutation({ mutationFn: (input: LoginInput) => login(api, input) });
}
