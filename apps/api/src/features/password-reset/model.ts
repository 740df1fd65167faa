import { t } from 'elysia';
import { SignupBody } from '../auth/model.ts';

export const PasswordResetRequestBody = t.Object({
  // Any string up to an address's length: a malformed one is answered like an unknown one.
  email: t.String({ minLength: 1, maxLength: 254 }),
});

export const PasswordResetConfirmBody = t.Object({
  token: t.String({ minLength: 1, maxLength: 200 }),
  // The rules of a new account's password, whatever sign-up asks.
  password: SignupBody.properties.password,
});

export const Accepted = t.Object({
  status: t.Literal('accepted', {
    description:
      'The same answer whether or not an account has this email; when one has, a link is on its way',
  }),
});

export const AuthOptions = t.Object({
  passwordReset: t.Boolean({
    description: 'Whether a forgotten password can be reset by email (an SMTP server is set up)',
  }),
});
