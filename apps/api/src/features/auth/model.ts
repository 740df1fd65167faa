import { Agent, Organization } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Role, Timestamp } from '../../lib/models.ts';

const Email = t.String({ format: 'email', maxLength: 254 });
const Password = t.String({
  minLength: 8,
  maxLength: 200,
  description:
    'Taken exactly as typed. Refused (422 on `body.password`) when it is one character repeated, one of the ~49,000 most common passwords, or the email or a name of the account.',
});
const Name = t.String({ minLength: 1, maxLength: 120 });
const RefreshToken = t.String({ minLength: 1, maxLength: 200 });

export const SignupBody = t.Object({
  organizationName: Name,
  name: Name,
  email: Email,
  password: Password,
});
export const LoginBody = t.Object({
  email: t.String({ maxLength: 254 }),
  password: t.String({ maxLength: 200 }),
  deviceToken: t.Optional(
    t.String({
      maxLength: 1000,
      description:
        "The `deviceToken` of this browser's last login to the account: its failed logins then count against a budget of its own, not the IP's or the email's.",
    }),
  ),
});
export const RefreshBody = t.Object({ refreshToken: RefreshToken });
export const AcceptInviteBody = t.Object({
  token: t.String({ minLength: 1, maxLength: 200 }),
  password: Password,
  name: t.Optional(Name),
});

export const TokenPair = t.Object({ accessToken: t.String(), refreshToken: t.String() });
export const Session = t.Object({
  accessToken: t.String(),
  refreshToken: t.String(),
  agent: Agent,
});
export const LoginSession = t.Object(
  {
    accessToken: t.String(),
    refreshToken: t.String(),
    deviceToken: t.String({
      description:
        'Keep it in this browser and send it with the next login to this account (`FLC_DEVICE_TOKEN_TTL`).',
    }),
    agent: Agent,
  },
  { title: 'Session' },
);
export const SignupResponse = t.Object({
  accessToken: t.String(),
  refreshToken: t.String(),
  agent: Agent,
  organization: Organization,
});

/** Password right, a code is needed next (POST /v1/auth/login/two-factor). */
export const TwoFactorChallenge = t.Object(
  {
    twoFactorRequired: t.Literal(true),
    challengeToken: t.String({
      description: 'Good for POST /v1/auth/login/two-factor only, for 5 minutes',
    }),
  },
  { title: 'TwoFactorChallenge' },
);
/** Password right, but the organization requires two-factor and the agent has none yet. */
export const TwoFactorEnrolmentRequired = t.Object(
  {
    twoFactorEnrolmentRequired: t.Literal(true),
    enrolmentToken: t.String({
      description:
        'Good for POST /v1/me/two-factor and /v1/me/two-factor/confirm only, for 15 minutes; the confirmation answers the session',
    }),
  },
  { title: 'TwoFactorEnrolmentRequired' },
);
export const LoginResponse = t.Union(
  [LoginSession, TwoFactorChallenge, TwoFactorEnrolmentRequired],
  {
    description:
      'A session, or the second step it takes: a TOTP code, or enrolment when the organization requires two-factor',
  },
);

export const AcceptInviteResponse = t.Union([Session, TwoFactorEnrolmentRequired], {
  description: 'A session, or enrolment first when the organization requires two-factor',
});

export const TwoFactorLoginBody = t.Object(
  {
    challengeToken: t.String({ minLength: 1, maxLength: 2000 }),
    code: t.Optional(
      t.String({ pattern: '^[0-9]{6}$', description: 'From the authenticator app' }),
    ),
    recoveryCode: t.Optional(t.String({ minLength: 1, maxLength: 40 })),
  },
  { description: 'The challenge token and exactly one of code and recoveryCode' },
);

export const InviteTokenParams = t.Object({ token: t.String({ minLength: 1, maxLength: 200 }) });

/** What the accept page shows before the invitee types anything. */
export const InvitationPreview = t.Object({
  organization: t.Object({ name: t.String() }),
  email: t.String({ format: 'email' }),
  name: t.String({ description: 'The name the invitee was invited with' }),
  role: Role,
  expiresAt: Timestamp,
});
