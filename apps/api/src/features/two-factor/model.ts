import { Agent } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Timestamp } from '../../lib/models.ts';

export const TotpCode = t.String({
  pattern: '^[0-9]{6}$',
  description: 'The 6-digit code the authenticator app shows now',
});
export const RecoveryCode = t.String({
  minLength: 1,
  maxLength: 40,
  description: 'One of the recovery codes shown at enrolment; each works once',
});

export const TwoFactorStatus = t.Object({
  enabled: t.Boolean(),
  enabledAt: t.Union([Timestamp, t.Null()]),
  recoveryCodesLeft: t.Integer({ minimum: 0 }),
});

export const Enrolment = t.Object({
  secret: t.String({ description: 'Base32, for typing into the app by hand; shown only here' }),
  otpauthUri: t.String({ description: 'The `otpauth://totp/...` URI the QR code carries' }),
});

export const ConfirmBody = t.Object({ code: TotpCode });

export const RecoveryCodes = t.Object({
  recoveryCodes: t.Array(t.String(), {
    minItems: 10,
    maxItems: 10,
    description: 'Shown once; each signs in once in place of a code',
  }),
});

/** The session of an agent who enrolled with an enrolment token (their organization required it). */
export const EnrolmentSession = t.Object({
  accessToken: t.String(),
  refreshToken: t.String(),
  agent: Agent,
});

export const Confirmed = t.Object({
  recoveryCodes: RecoveryCodes.properties.recoveryCodes,
  session: t.Optional(
    t.Union([EnrolmentSession], {
      description: 'When enrolled with an enrolment token: the session it leads to',
    }),
  ),
});

export const DisableBody = t.Object(
  {
    code: t.Optional(TotpCode),
    password: t.Optional(t.String({ minLength: 1, maxLength: 200 })),
  },
  { description: 'A current code, or the password' },
);

export const RegenerateBody = t.Object({ code: TotpCode });
