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
export const LoginSession = t.Object({
  accessToken: t.String(),
  refreshToken: t.String(),
  deviceToken: t.String({
    description:
      'Keep it in this browser and send it with the next login to this account (`FLC_DEVICE_TOKEN_TTL`).',
  }),
  agent: Agent,
});
export const SignupResponse = t.Object({
  accessToken: t.String(),
  refreshToken: t.String(),
  agent: Agent,
  organization: Organization,
});

export const InviteTokenParams = t.Object({ token: t.String({ minLength: 1, maxLength: 200 }) });

/** What the accept page shows before the invitee types anything. */
export const InvitationPreview = t.Object({
  organization: t.Object({ name: t.String() }),
  email: t.String({ format: 'email' }),
  name: t.String({ description: 'The name the invitee was invited with' }),
  role: Role,
  expiresAt: Timestamp,
});
