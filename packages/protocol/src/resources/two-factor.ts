import { type Static, Type as T } from '@sinclair/typebox';
import { Session } from './auth.ts';
import { Timestamp } from './common.ts';

/** An agent's second factor (TOTP) and its recovery codes: /v1/me/two-factor. */

export const TotpCode = T.String({
  pattern: '^[0-9]{6}$',
  description: 'The 6-digit code the authenticator app shows now',
});

export const TwoFactorStatus = T.Object({
  enabled: T.Boolean(),
  enabledAt: T.Union([Timestamp, T.Null()]),
  recoveryCodesLeft: T.Integer({ minimum: 0 }),
});
export type TwoFactorStatus = Static<typeof TwoFactorStatus>;

export const TwoFactorEnrolment = T.Object({
  secret: T.String({ description: 'Base32, for typing into the app by hand; shown only here' }),
  otpauthUri: T.String({ description: 'The `otpauth://totp/...` URI the QR code carries' }),
});
export type TwoFactorEnrolment = Static<typeof TwoFactorEnrolment>;

export const TwoFactorConfirmBody = T.Object({ code: TotpCode });
export type TwoFactorConfirmBody = Static<typeof TwoFactorConfirmBody>;

export const RecoveryCodes = T.Object({
  recoveryCodes: T.Array(T.String(), {
    minItems: 10,
    maxItems: 10,
    description: 'Shown once; each signs in once in place of a code',
  }),
});
export type RecoveryCodes = Static<typeof RecoveryCodes>;

export const TwoFactorConfirmed = T.Object({
  recoveryCodes: RecoveryCodes.properties.recoveryCodes,
  session: T.Optional(
    // Enrolling with an enrolment token: their organization required it at sign-in.
    T.Union([Session], {
      description: 'When enrolled with an enrolment token: the session it leads to',
    }),
  ),
});
export type TwoFactorConfirmed = Static<typeof TwoFactorConfirmed>;

export const TwoFactorDisableBody = T.Object(
  {
    code: T.Optional(TotpCode),
    password: T.Optional(T.String({ minLength: 1, maxLength: 200 })),
  },
  { description: 'A current code, or the password' },
);
export type TwoFactorDisableBody = Static<typeof TwoFactorDisableBody>;

export const RecoveryCodesRegenerateBody = T.Object({ code: TotpCode });
export type RecoveryCodesRegenerateBody = Static<typeof RecoveryCodesRegenerateBody>;
