import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Nullable, Role, Timestamp } from './common.ts';

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
  handle: T.String({
    description:
      'Mentions this agent in a private note as `@handle`: unique in the organization, made from the name when the agent was created, kept when the name changes',
  }),
  role: Role,
  status: AgentStatus,
  createdAt: Timestamp,
  twoFactorEnabled: T.Boolean({ description: 'Signs in with a TOTP code after the password' }),
  capacity: Nullable(T.Integer({ minimum: 0 }), {
    description:
      'Most conversations not closed the agent is given by automatic assignment; null: no limit',
  }),
  presence: T.Optional(
    T.Union([Presence], {
      description: 'Live presence; in reads of the team (GET /v1/agents, /v1/agents/:id, /v1/me)',
    }),
  ),
});
export type Agent = Static<typeof Agent>;

const InvitationExpiry = T.String({
  format: 'date-time',
  description: 'The token stops working then (`FLC_INVITE_TTL` after it was issued)',
});

/** The server mailed the invitation link to the invitee; the token never reaches the inviter. */
export const InvitationMailed = T.Object(
  {
    agent: Agent,
    delivery: T.Literal('email', {
      description: "The link went to the agent's email (the server has SMTP and FLC_PUBLIC_URL)",
    }),
    expiresAt: InvitationExpiry,
  },
  { title: 'InvitationMailed' },
);
export type InvitationMailed = Static<typeof InvitationMailed>;

/** The server sends no mail: the inviter passes the token (as the console's link) on. */
export const InvitationLink = T.Object(
  {
    agent: Agent,
    delivery: T.Literal('link', {
      description: 'No mail is sent from this server: pass the link on yourself',
    }),
    inviteToken: T.String({
      description:
        'Shown only here; the invitee opens `<console>/accept-invite?token=…`, which sends it to POST /v1/auth/accept-invite',
    }),
    expiresAt: InvitationExpiry,
  },
  { title: 'InvitationLink' },
);
export type InvitationLink = Static<typeof InvitationLink>;

/**
 * An invited agent and how its invitation travels: by the server's mail, or as a token for the
 * inviter to pass on when the server sends no mail. The answer is the same whether or not the
 * address has an account in another organization.
 */
export const Invitation = T.Union([InvitationMailed, InvitationLink], {
  description:
    'The invited agent; `delivery` says whether the server mailed the link (no token in the answer) or the inviter passes `inviteToken` on',
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
