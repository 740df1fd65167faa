import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Role, Timestamp } from './common.ts';

export const AgentStatus = T.Union([
  T.Literal('invited'),
  T.Literal('active'),
  T.Literal('disabled'),
]);
export type AgentStatus = Static<typeof AgentStatus>;

/** What teammates see: connected, connected but away by choice, or not connected anywhere. */
export const Presence = T.Union([T.Literal('online'), T.Literal('away'), T.Literal('offline')]);
export type Presence = Static<typeof Presence>;

export const Agent = T.Object({
  id: Id,
  organizationId: Id,
  email: T.String({ format: 'email' }),
  name: T.String(),
  role: Role,
  status: AgentStatus,
  createdAt: Timestamp,
  twoFactorEnabled: T.Boolean({ description: 'Signs in with a TOTP code after the password' }),
  presence: T.Optional(
    T.Union([Presence], {
      description: 'Live presence; in reads of the team (GET /v1/agents, /v1/agents/:id, /v1/me)',
    }),
  ),
});
export type Agent = Static<typeof Agent>;

/** An invited agent, and the token that lets it in (shown once). */
export const Invitation = T.Object({
  agent: Agent,
  inviteToken: T.String({
    description: 'Shown only here; the invitee sends it to POST /v1/auth/accept-invite',
  }),
  expiresAt: T.String({
    format: 'date-time',
    description: 'The token stops working then (`FLC_INVITE_TTL` after it was issued)',
  }),
});
export type Invitation = Static<typeof Invitation>;

/** POST /v1/agents: invites an agent (see `Invitation`). */
export const AgentCreate = T.Object({
  email: T.String({ format: 'email', maxLength: 254 }),
  name: T.String({ minLength: 1, maxLength: 120 }),
  role: Role,
});
export type AgentCreate = Static<typeof AgentCreate>;

/** 'invited' is not settable: an invited agent becomes active only by accepting its invite. */
export const AgentPatch = T.Object({
  role: T.Optional(Role),
  status: T.Optional(T.Union([T.Literal('active'), T.Literal('disabled')])),
});
export type AgentPatch = Static<typeof AgentPatch>;
