import type { LoginBody, LoginResponse } from '@flc/protocol/resources';
import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { deviceTokens } from '../device-tokens.ts';

/** What the form sends: the device token is this browser's, added here. */
export type LoginInput = Omit<LoginBody, 'deviceToken'>;

/** Logs in with this browser's device token for the email, and keeps the new one. */
export async function login(api: Api, input: LoginInput): Promise<LoginResponse> {
  const devices = deviceTokens();
  const deviceToken = devices.get(input.email);
  const answer = await api.request<LoginResponse>('/v1/auth/login', {
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
