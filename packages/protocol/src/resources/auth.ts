import { type Static, Type as T } from '@sinclair/typebox';
import { Agent } from './agent.ts';
import { Role, Timestamp } from './common.ts';
import { Organization } from './organization.ts';

/** Signing up, logging in (with its second steps), refreshing and accepting an invitation. */

const Email = T.String({ format: 'email', maxLength: 254 });
// The API refuses more than the bounds (its password policy); the description says what.
const Password = T.String({
  minLength: 8,
  maxLength: 200,
  description:
    'Taken exactly as typed. Refused (422 on `body.password`) when it is one character repeated, one of the ~49,000 most common passwords, or the email or a name of the account.',
});
const Name = T.String({ minLength: 1, maxLength: 120 });
const RefreshToken = T.String({ minLength: 1, maxLength: 200 });

/** POST /v1/auth/signup: a new organization and its owner. */
export const SignupBody = T.Object({
  organizationName: Name,
  name: Name,
  email: Email,
  password: Password,
});
export type SignupBody = Static<typeof SignupBody>;

export const LoginBody = T.Object({
  email: T.String({ maxLength: 254 }),
  password: T.String({ maxLength: 200 }),
  deviceToken: T.Optional(
    T.String({
      maxLength: 1000,
      description:
        "The `deviceToken` of this browser's last login to the account: its failed logins then count against a budget of its own, not the IP's or the email's.",
    }),
  ),
});
export type LoginBody = Static<typeof LoginBody>;

export const RefreshBody = T.Object({ refreshToken: RefreshToken });
export type RefreshBody = Static<typeof RefreshBody>;

export const AcceptInviteBody = T.Object({
  token: T.String({ minLength: 1, maxLength: 200 }),
  password: Password,
  name: T.Optional(Name),
});
export type AcceptInviteBody = Static<typeof AcceptInviteBody>;

export const TokenPair = T.Object({ accessToken: T.String(), refreshToken: T.String() });
export type TokenPair = Static<typeof TokenPair>;

/** A signed-in agent's tokens (accepting an invitation, single sign-on, enrolling at sign-in). */
export const Session = T.Object({
  accessToken: T.String(),
  refreshToken: T.String(),
  agent: Agent,
});
export type Session = Static<typeof Session>;

/** A session from a login: with this browser's device token for the account. */
export const LoginSession = T.Object(
  {
    accessToken: T.String(),
    refreshToken: T.String(),
    deviceToken: T.String({
      description:
        'Keep it in this browser and send it with the next login to this account (`FLC_DEVICE_TOKEN_TTL`).',
    }),
    agent: Agent,
  },
  { title: 'Session' },
);
export type LoginSession = Static<typeof LoginSession>;

export const SignupResponse = T.Object({
  accessToken: T.String(),
  refreshToken: T.String(),
  agent: Agent,
  organization: Organization,
});
export type SignupResponse = Static<typeof SignupResponse>;

/** Password right, a code is needed next (POST /v1/auth/login/two-factor). */
export const TwoFactorChallenge = T.Object(
  {
    twoFactorRequired: T.Literal(true),
    challengeToken: T.String({
      description: 'Good for POST /v1/auth/login/two-factor only, for 5 minutes',
    }),
  },
  { title: 'TwoFactorChallenge' },
);
export type TwoFactorChallenge = Static<typeof TwoFactorChallenge>;

/** Password right, but the organization requires two-factor and the agent has none yet. */
export const TwoFactorEnrolmentRequired = T.Object(
  {
    twoFactorEnrolmentRequired: T.Literal(true),
    enrolmentToken: T.String({
      description:
        'Good for POST /v1/me/two-factor and /v1/me/two-factor/confirm only, for 15 minutes; the confirmation answers the session',
    }),
  },
  { title: 'TwoFactorEnrolmentRequired' },
);
export type TwoFactorEnrolmentRequired = Static<typeof TwoFactorEnrolmentRequired>;

export const LoginResponse = T.Union(
  [LoginSession, TwoFactorChallenge, TwoFactorEnrolmentRequired],
  {
    description:
      'A session, or the second step it takes: a TOTP code, or enrolment when the organization requires two-factor',
  },
);
export type LoginResponse = Static<typeof LoginResponse>;

export const AcceptInviteResponse = T.Union([Session, TwoFactorEnrolmentRequired], {
  description: 'A session, or enrolment first when the organization requires two-factor',
});
export type AcceptInviteResponse = Static<typeof AcceptInviteResponse>;

export const TwoFactorLoginBody = T.Object(
  {
    challengeToken: T.String({ minLength: 1, maxLength: 2000 }),
    code: T.Optional(
      T.String({ pattern: '^[0-9]{6}$', description: 'From the authenticator app' }),
    ),
    recoveryCode: T.Optional(T.String({ minLength: 1, maxLength: 40 })),
  },
  { description: 'The challenge token and exactly one of code and recoveryCode' },
);
export type TwoFactorLoginBody = Static<typeof TwoFactorLoginBody>;

/** What the accept page shows before the invitee types anything (GET /v1/auth/invitations/:token). */
export const InvitationPreview = T.Object({
  organization: T.Object({ name: T.String() }),
  email: T.String({ format: 'email' }),
  name: T.String({ description: 'The name the invitee was invited with' }),
  role: Role,
  expiresAt: Timestamp,
});
export type InvitationPreview = Static<typeof InvitationPreview>;
