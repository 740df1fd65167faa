import { t } from 'elysia';
import { Agent } from '../../domain/agent.ts';
import { Role } from '../../lib/models.ts';

export const AgentCreate = t.Object({
  email: t.String({ format: 'email', maxLength: 254 }),
  name: t.String({ minLength: 1, maxLength: 120 }),
  role: Role,
});
export type AgentCreate = typeof AgentCreate.static;

/** 'invited' is not settable: an invited agent becomes active only by accepting its invite. */
export const AgentPatch = t.Object({
  role: t.Optional(Role),
  status: t.Optional(t.Union([t.Literal('active'), t.Literal('disabled')])),
});
export type AgentPatch = typeof AgentPatch.static;

export const Invitation = t.Object({
  agent: Agent,
  inviteToken: t.String({
    description: 'Shown only here; the invitee sends it to POST /v1/auth/accept-invite',
  }),
  expiresAt: t.String({
    format: 'date-time',
    description: 'The token stops working then (`FLC_INVITE_TTL` after it was issued)',
  }),
});
export type Invitation = typeof Invitation.static;
