import { Agent, Organization, Presence, SearchLanguage } from '@flc/protocol/resources';
import { t } from 'elysia';

export const MeResponse = t.Object({ agent: Agent, organization: Organization });
export const PresenceUpdate = t.Object({
  status: t.Union([t.Literal('online'), t.Literal('away')], {
    description: 'away: teammates see you away while connected; online: back to normal',
  }),
});
export const PresenceState = t.Object({ status: Presence });

export const OrganizationPatch = t.Object({
  name: t.Optional(t.String({ minLength: 1, maxLength: 120 })),
  requireTwoFactor: t.Optional(
    t.Boolean({ description: 'Owners only: every agent signs in with a TOTP code' }),
  ),
  searchLanguage: t.Optional(SearchLanguage),
});
export type OrganizationPatch = typeof OrganizationPatch.static;
