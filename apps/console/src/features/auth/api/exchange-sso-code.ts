import type { Session, SsoExchangeBody } from '@flc/protocol/resources';
import { useMutation } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

/** Trades the one-time code of a finished single sign-on for a session. */
export const exchangeSsoCode = (api: Api, code: string) =>
  api.request<Session>('/v1/auth/oidc/exchange', {
    method: 'POST',
    body: { code } satisfies SsoExchangeBody,
    anonymous: true,
  });

export function useExchangeSsoCode() {
  const api = useApi();
  return useMutation({ mutationFn: (code: string) => exchangeSsoCode(api, code) });
}

/** Where the browser goes to start a single sign-on (a navigation, not a fetch). */
export const ssoStartUrl = (organization: string) =>
  `/v1/auth/oidc/start?organization=${encodeURIComponent(organization.trim().toLowerCase())}`;
