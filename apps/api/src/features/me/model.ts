import { t } from 'elysia';
import { Agent, Presence } from '../../domain/agent.ts';
import { Organization } from '../../domain/organization.ts';

export const MeResponse = t.Object({ agent: Agent, organization: Organization });
export const PresenceUpdate = t.Object({
  status: t.Union([t.Literal('online'), t.Literal('away')], {
    description: 'away: teammates see you away while connected; online: back to normal',
  }),
});
export const PresenceState = t.Object({ status: Presence });

export const OrganizationPatch = t.Object({
  name: t.Optional(t.String({ minLength: 1, maxLength: 120 })),
});
