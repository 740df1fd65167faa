import type { Agent } from '@flc/protocol/resources';
import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import type { SignInAnswer } from '../../../lib/pending-sign-in.ts';
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

/** A session, or the second step a right password still owes (two-factor). */
export type LoginAnswer = Session | Exclude<SignInAnswer, { accessToken: string }>;

/** Logs in with this browser's device token for the email, and keeps the new one. */
export async function login(api: Api, input: LoginInput): Promise<LoginAnswer> {
  const devices = deviceTokens();
  const deviceToken = devices.get(input.email);
  const answer = await api.request<LoginAnswer>('/v1/auth/login', {
    method: 'POST',
    body: deviceToken ? { ...input, deviceToken } : input,
    anonymous: true,
  });
  // A second step owed (two-factor): the device token comes with the session, after it.
  if ('deviceToken' in answer) devices.set(input.email, answer.deviceToken);
  return answer;
}

export function useLogin() {
  const api = useApi();
  return useMutation({ mutationFn: (input: LoginInput) => login(api, input) });
}
