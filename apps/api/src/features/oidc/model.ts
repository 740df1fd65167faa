import { Agent } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Timestamp } from '../../lib/models.ts';
import { MAX_ISSUER_LENGTH } from './issuer.ts';

const Slug = t.String({
  pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$',
  description:
    'What agents type at "Sign in with SSO": lower-case letters, digits and inner hyphens, unique across the platform',
});
const Domain = t.String({
  pattern: '^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$',
  description: 'A lower-case email domain, such as `example.com`',
});

export const OidcConnection = t.Object({
  slug: Slug,
  issuer: t.String({ description: 'The identity provider, as discovery names it' }),
  clientId: t.String(),
  allowedDomains: t.Array(Domain, {
    description: 'Email domains allowed to sign in; empty: any domain, for existing agents',
  }),
  enabled: t.Boolean(),
  enforceSso: t.Boolean({
    description: 'Agents other than owners cannot log in with a password',
  }),
  provisionAgents: t.Boolean({
    description: 'Unknown users of an allowed domain become agents at their first sign-in',
  }),
  redirectUri: t.String({ description: 'Register this redirect URI at the identity provider' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const OidcConnectionPut = t.Object({
  slug: Slug,
  issuer: t.String({ minLength: 1, maxLength: MAX_ISSUER_LENGTH }),
  clientId: t.String({ minLength: 1, maxLength: 500 }),
  clientSecret: t.Optional(
    t.String({
      minLength: 1,
      maxLength: 2000,
      description:
        'Write-only: required when the connection is created; omitted keeps the stored one',
    }),
  ),
  allowedDomains: t.Array(Domain, { maxItems: 50, uniqueItems: true }),
  enabled: t.Boolean(),
  enforceSso: t.Optional(t.Boolean({ default: false })),
  provisionAgents: t.Optional(t.Boolean({ default: false })),
});

/** Where a connection expects its identity provider to send users back. */
export const RedirectUri = t.Object({ redirectUri: t.String() });

export const StartQuery = t.Object({
  organization: t.String({
    minLength: 1,
    maxLength: 100,
    description: "The connection's slug, or the organization's id",
  }),
});

export const CallbackQuery = t.Object({
  state: t.Optional(t.String({ maxLength: 500 })),
  code: t.Optional(t.String({ maxLength: 4000 })),
  error: t.Optional(t.String({ maxLength: 200 })),
  error_description: t.Optional(t.String({ maxLength: 2000 })),
  iss: t.Optional(t.String({ maxLength: MAX_ISSUER_LENGTH })),
  session_state: t.Optional(t.String({ maxLength: 500 })),
});

export const ExchangeBody = t.Object({ code: t.String({ minLength: 1, maxLength: 200 }) });

export const SsoSession = t.Object({
  accessToken: t.String(),
  refreshToken: t.String(),
  agent: Agent,
});
