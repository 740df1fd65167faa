import { t } from 'elysia';
import { Agent } from '../../domain/agent.ts';
import { Organization } from '../../domain/organization.ts';

export const MeResponse = t.Object({ agent: Agent, organization: Organization });
export const OrganizationPatch = t.Object({
  name: t.Optional(t.String({ minLength: 1, maxLength: 120 })),
});
