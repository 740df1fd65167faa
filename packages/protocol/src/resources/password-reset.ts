import { type Static, Type as T } from '@sinclair/typebox';
import { SignupBody } from './auth.ts';

/** Resetting a forgotten password by email, and whether this server offers it. */

export const PasswordResetRequestBody = T.Object({
  // Any string up to an address's length: a malformed one is answered like an unknown one.
  email: T.String({ minLength: 1, maxLength: 254 }),
});
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBody>;

export const PasswordResetConfirmBody = T.Object({
  token: T.String({ minLength: 1, maxLength: 200 }),
  // The rules of a new account's password, whatever sign-up asks.
  password: SignupBody.properties.password,
});
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;

export const PasswordResetAccepted = T.Object({
  status: T.Literal('accepted', {
    description:
      'The same answer whether or not an account has this email; when one has, a link is on its way',
  }),
});
export type PasswordResetAccepted = Static<typeof PasswordResetAccepted>;

/** How agents can sign in and recover their account on this server (GET /v1/auth/options). */
export const AuthOptions = T.Object({
  passwordReset: T.Boolean({
    description: 'Whether a forgotten password can be reset by email (an SMTP server is set up)',
  }),
});
export type AuthOptions = Static<typeof AuthOptions>;
