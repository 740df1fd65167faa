import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Nullable, Timestamp } from './common.ts';
import { TotpCode } from './two-factor.ts';
import { UsageTotals } from './usage.ts';

/**
 * Platform operators (/v1/operator): a role above organizations, created by the CLI
 * (`bun run operator:create`), never by sign-up. Their tokens open these routes only.
 */

export const Operator = T.Object({
  id: Id,
  email: T.String(),
  createdAt: Timestamp,
  twoFactorEnabled: T.Boolean(),
});
export type Operator = Static<typeof Operator>;

/** POST /v1/operator/session. */
export const OperatorSessionBody = T.Object({
  email: T.String({ maxLength: 254 }),
  password: T.String({ maxLength: 200 }),
  code: T.Optional(TotpCode),
});
export type OperatorSessionBody = Static<typeof OperatorSessionBody>;

export const OperatorSession = T.Object({
  accessToken: T.String({
    description:
      'Send as `Authorization: Bearer`; for /v1/operator only (agent and visitor routes refuse it)',
  }),
  expiresIn: T.Integer({ description: 'Seconds until it expires (FLC_OPERATOR_TOKEN_TTL)' }),
  operator: Operator,
});
export type OperatorSession = Static<typeof OperatorSession>;

export const TenantStatus = T.Union([T.Literal('active'), T.Literal('suspended')]);
export type TenantStatus = Static<typeof TenantStatus>;

/** One organization as the operators' list shows it. */
export const Tenant = T.Object({
  id: Id,
  name: T.String(),
  status: TenantStatus,
  createdAt: Timestamp,
  suspendedAt: Nullable(Timestamp),
  plan: Nullable(T.String(), {
    description:
      "The id of the tenant's own plan (PUT /v1/operator/tenants/:id/plan); null: none chosen, so FLC_DEFAULT_PLAN applies when set",
  }),
  agents: T.Integer({ minimum: 0, description: 'Active agents' }),
  environments: T.Integer({ minimum: 0 }),
  activeVisitors: T.Integer({
    minimum: 0,
    description:
      'Visitors with a socket open now: as each realtime process reported them in its last report (every 10 s), summed over the processes that reported within the last 30 s (a visitor on two nodes counts twice; one who closed the page may still count for up to 10 s)',
  }),
  messagesThisMonth: T.Integer({
    minimum: 0,
    description: 'Messages and notes stored since the first of this month, 00:00 UTC',
  }),
  storageBytes: T.Integer({ minimum: 0, description: "Bytes of the tenant's attachments" }),
});
export type Tenant = Static<typeof Tenant>;

export const TenantOwner = T.Object({
  id: Id,
  name: T.String(),
  email: T.String(),
  status: T.String({ description: 'active or disabled' }),
});
export type TenantOwner = Static<typeof TenantOwner>;

export const TenantEnvironment = T.Object({ id: Id, name: T.String(), createdAt: Timestamp });
export type TenantEnvironment = Static<typeof TenantEnvironment>;

/** GET /v1/operator/tenants/:id: read-only. */
export const TenantDetail = T.Object({
  tenant: Tenant,
  suspendedReason: Nullable(T.String()),
  owners: T.Array(TenantOwner),
  environments: T.Array(TenantEnvironment),
  counts: T.Object({
    contacts: T.Integer({ minimum: 0 }),
    conversations: T.Integer({ minimum: 0 }),
    openConversations: T.Integer({ minimum: 0 }),
  }),
  usageThisMonth: Nullable(UsageTotals, {
    description: 'This UTC month so far, as metered (GET /v1/operator/usage); null before any',
  }),
});
export type TenantDetail = Static<typeof TenantDetail>;

export const SuspendTenantBody = T.Object({
  reason: T.String({
    minLength: 1,
    maxLength: 500,
    description: "Why; kept with the suspension and shown in the tenant's audit log",
  }),
});
export type SuspendTenantBody = Static<typeof SuspendTenantBody>;

export const DeleteTenantBody = T.Object({
  confirmName: T.String({
    maxLength: 200,
    description: "The tenant's name exactly, as a guard against deleting the wrong one",
  }),
});
export type DeleteTenantBody = Static<typeof DeleteTenantBody>;

export const SignupMode = T.Union([
  T.Literal('open'),
  T.Literal('invite_only'),
  T.Literal('closed'),
]);
export type SignupMode = Static<typeof SignupMode>;

const Domain = T.String({
  pattern: '^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$',
  description: 'A mail domain such as example.com (exact: subdomains are not included)',
});

export const SignupPolicyBody = T.Object({
  mode: SignupMode,
  allowedDomains: T.Array(Domain, {
    maxItems: 200,
    description: 'When not empty, `open` sign-up takes these email domains only; empty: any domain',
  }),
});
export type SignupPolicyBody = Static<typeof SignupPolicyBody>;

export const SignupPolicy = T.Object({
  mode: SignupMode,
  allowedDomains: T.Array(T.String()),
  updatedAt: Nullable(Timestamp, { description: 'Null: never set (open, any domain)' }),
});
export type SignupPolicy = Static<typeof SignupPolicy>;

/** One entry of the operators' own log (GET /v1/operator/events). */
export const OperatorEvent = T.Object({
  id: Id,
  occurredAt: Timestamp,
  operator: T.Object({
    id: Nullable(Id),
    email: T.String({ description: 'As it was then' }),
  }),
  action: T.String({
    description:
      'Dotted, past tense: `operator.signed_in`, `tenant.suspended`, `tenant.deleted`, `signup_policy.changed`…',
  }),
  organizationId: Nullable(Id, { description: 'The tenant acted on (it may be deleted since)' }),
  ip: Nullable(T.String()),
  userAgent: Nullable(T.String()),
  details: T.Record(T.String(), T.Unknown(), {
    description: 'Small facts (a reason, a tenant name); never a password, token or secret',
  }),
});
export type OperatorEvent = Static<typeof OperatorEvent>;
