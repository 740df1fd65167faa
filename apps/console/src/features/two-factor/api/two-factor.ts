import type { Agent } from '@flc/protocol/resources';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { meQuery, useApi } from '../../../lib/auth.tsx';

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}
export interface Enrolment {
  secret: string;
  otpauthUri: string;
}
export interface Session {
  accessToken: string;
  refreshToken: string;
  agent: Agent;
}
/** The second step's answer: a session with this browser's device token for the account. */
export interface LoginSession extends Session {
  deviceToken: string;
}
export interface Confirmed {
  recoveryCodes: string[];
  /** Only when enrolling with a sign-in's enrolment token. */
  session?: Session;
}

const keys = { status: () => ['two-factor', 'status'] as const };

/** `bearer`: the enrolment token of a sign-in that must enrol before its session. */
const as = (bearer?: string) => (bearer ? { bearer } : {});

export const statusQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.status(),
    queryFn: () => api.request<TwoFactorStatus>('/v1/me/two-factor'),
  });

export function useTwoFactorStatus() {
  return useQuery(statusQuery(useApi()));
}

export function useStartEnrolment(bearer?: string) {
  const api = useApi();
  return useMutation({
    mutationFn: () =>
      api.request<Enrolment>('/v1/me/two-factor', { method: 'POST', ...as(bearer) }),
  });
}

/** Refreshes what shows two-factor: the section's status, and the agent in /v1/me. */
function useInvalidate() {
  const api = useApi();
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.status() }),
      client.invalidateQueries({ queryKey: meQuery(api).queryKey }),
    ]);
}

export function useConfirmEnrolment(bearer?: string) {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (code: string) =>
      api.request<Confirmed>('/v1/me/two-factor/confirm', {
        method: 'POST',
        body: { code },
        ...as(bearer),
      }),
    onSuccess: () => (bearer ? undefined : invalidate()),
  });
}

export function useDisableTwoFactor() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (proof: { code: string } | { password: string }) =>
      api.request<void>('/v1/me/two-factor', { method: 'DELETE', body: proof }),
    onSuccess: invalidate,
  });
}

export function useRegenerateCodes() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (code: string) =>
      api.request<{ recoveryCodes: string[] }>('/v1/me/two-factor/recovery-codes', {
        method: 'POST',
        body: { code },
      }),
    onSuccess: invalidate,
  });
}

export function useLoginTwoFactor() {
  const api = useApi();
  return useMutation({
    mutationFn: (
      input: { challengeToken: string } & ({ code: string } | { recoveryCode: string }),
    ) =>
      api.request<LoginSession>('/v1/auth/login/two-factor', {
        method: 'POST',
        body: input,
        anonymous: true,
      }),
  });
}
