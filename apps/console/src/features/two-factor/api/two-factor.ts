import type {
  LoginSession,
  RecoveryCodes,
  TwoFactorConfirmed,
  TwoFactorDisableBody,
  TwoFactorEnrolment,
  TwoFactorLoginBody,
  TwoFactorStatus,
} from '@flc/protocol/resources';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { meQuery, useApi } from '../../../lib/auth.tsx';

/** `Body` sent with one of its optional `OneOf` keys (the schema leaves them all optional). */
type WithOneOf<Body, OneOf extends keyof Body> = Omit<Body, OneOf> &
  { [K in OneOf]: Required<Pick<Body, K>> }[OneOf];

/** Disabling takes a current code or the password (the API refuses both or neither). */
export type DisableProof = WithOneOf<TwoFactorDisableBody, 'code' | 'password'>;
/** The second step of a login: the challenge token with a code or a recovery code. */
export type TwoFactorLoginInput = WithOneOf<TwoFactorLoginBody, 'code' | 'recoveryCode'>;

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
      api.request<TwoFactorEnrolment>('/v1/me/two-factor', { method: 'POST', ...as(bearer) }),
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
      api.request<TwoFactorConfirmed>('/v1/me/two-factor/confirm', {
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
    mutationFn: (proof: DisableProof) =>
      api.request<void>('/v1/me/two-factor', { method: 'DELETE', body: proof }),
    onSuccess: invalidate,
  });
}

export function useRegenerateCodes() {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (code: string) =>
      api.request<RecoveryCodes>('/v1/me/two-factor/recovery-codes', {
        method: 'POST',
        body: { code },
      }),
    onSuccess: invalidate,
  });
}

export function useLoginTwoFactor() {
  const api = useApi();
  return useMutation({
    mutationFn: (input: TwoFactorLoginInput) =>
      api.request<LoginSession>('/v1/auth/login/two-factor', {
        method: 'POST',
        body: input,
        anonymous: true,
      }),
  });
}
