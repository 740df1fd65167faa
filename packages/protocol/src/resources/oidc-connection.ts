import { type Static, Type as T } from '@sinclair/typebox';
import { Timestamp } from './common.ts';

/** The organization's single sign-on (OpenID Connect): GET and PUT /v1/organization/oidc. */

export const MAX_ISSUER_LENGTH = 2048;

const Slug = T.String({
  pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$',
  description:
    'What agents type at "Sign in with SSO": lower-case letters, digits and inner hyphens, unique across the platform',
});
const Domain = T.String({
  pattern: '^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$',
  description: 'A lower-case email domain, such as `example.com`',
});

export const OidcConnection = T.Object({
  slug: Slug,
  issuer: T.String({ description: 'The identity provider, as discovery names it' }),
  clientId: T.String(),
  allowedDomains: T.Array(Domain, {
    description: 'Email domains allowed to sign in; empty: any domain, for existing agents',
  }),
  enabled: T.Boolean(),
  enforceSso: T.Boolean({
    description: 'Agents other than owners cannot log in with a password',
  }),
  provisionAgents: T.Boolean({
    description: 'Unknown users of an allowed domain become agents at their first sign-in',
  }),
  redirectUri: T.String({ description: 'Register this redirect URI at the identity provider' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type OidcConnection = Static<typeof OidcConnection>;

export const OidcConnectionPut = T.Object({
  slug: Slug,
  issuer: T.String({ minLength: 1, maxLength: MAX_ISSUER_LENGTH }),
  clientId: T.String({ minLength: 1, maxLength: 500 }),
  clientSecret: T.Optional(
    T.String({
      minLength: 1,
      maxLength: 2000,
      description:
        'Write-only: required when the connection is created; omitted keeps the stored one',
    }),
  ),
  allowedDomains: T.Array(Domain, { maxItems: 50, uniqueItems: true }),
  enabled: T.Boolean(),
  enforceSso: T.Optional(T.Boolean({ default: false })),
  provisionAgents: T.Optional(T.Boolean({ default: false })),
});
export type OidcConnectionPut = Static<typeof OidcConnectionPut>;

/** Where a connection expects its identity provider to send users back. */
export const RedirectUri = T.Object({ redirectUri: T.String() });
export type RedirectUri = Static<typeof RedirectUri>;

/** POST /v1/auth/oidc/exchange: the one-time code a finished sign-in left in the console's URL. */
export const SsoExchangeBody = T.Object({ code: T.String({ minLength: 1, maxLength: 200 }) });
export type SsoExchangeBody = Static<typeof SsoExchangeBody>;
