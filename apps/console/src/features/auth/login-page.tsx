import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { Field, FormAlert } from '../../lib/field.tsx';
import { fieldError, formErrors } from '../../lib/form-errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { secondStepRoute } from '../../lib/pending-sign-in.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { useAuthOptions } from './api/get-auth-options.ts';
import { useLogin } from './api/login.ts';
import { AuthLayout } from './auth-layout.tsx';
import { retryAt, tooManyAttempts, useCountdown } from './rate-limit.ts';
import { SsoLoginForm } from './sso-login-form.tsx';
import { hasProblems, type Problems, validateLogin } from './validation.ts';

/** Only same-origin console paths are followed after logging in. */
export const safeNext = (next: string | null) =>
  next?.startsWith('/') && !next.startsWith('//') ? next : '/inbox';

export function LoginPage({
  next,
  ssoError,
  passwordChanged = false,
}: {
  next: string | null;
  ssoError?: string | null;
  /** Arrived from a password reset: says the password was changed. */
  passwordChanged?: boolean;
}) {
  const { tokens, signIn } = useAuth();
  const options = useAuthOptions();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [limitedUntil, setLimitedUntil] = useState<number | null>(null);
  const wait = useCountdown(limitedUntil);
  const login = useLogin();

  // Already signed in (another tab, or the back button): straight on.
  useEffect(() => {
    if (tokens) navigate(safeNext(next), { replace: true });
  }, [tokens, next]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateLogin({ email, password });
    setProblems(found);
    if (hasProblems(found) || wait > 0) return;
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (answer) => {
          const step = secondStepRoute(answer, safeNext(next));
          if (step) return navigate(step);
          if ('accessToken' in answer) {
            signIn({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
            navigate(safeNext(next), { replace: true });
          }
        },
        onError: (error) => setLimitedUntil(retryAt(error, Date.now())),
      },
    );
  };

  const api = formErrors(login.error, ['email', 'password']);
  let message: string | null = null;
  if (wait > 0) message = tooManyAttempts(wait);
  else if (login.error instanceof ApiError && login.error.status === 401) {
    message = t('acceptInvite.wrongLogin');
  } else if (login.error instanceof ApiError && login.error.code === 'sso_required') {
    message = t('sso.passwordNotAllowed');
  } else if (login.error && !(login.error instanceof ApiError && login.error.status === 429)) {
    message = api.form;
  }

  return (
    <AuthLayout
      title={t('acceptInvite.logIn')}
      subtitle={t('acceptInvite.welcomeBack')}
      footer={
        <>
          {t('acceptInvite.newHere')}{' '}
          <Link to="/signup">{t('acceptInvite.createOrganization')}</Link>
          <br />
          <Link to="/operator">{t('acceptInvite.operatorSignIn')}</Link>
        </>
      }
    >
      <form className="auth-form" onSubmit={submit} noValidate>
        {passwordChanged && !login.error ? (
          <p role="status" className="form-notice">
            {t('passwordReset.changed')}
          </p>
        ) : null}
        <Field label={t('acceptInvite.email')} error={problems.email ?? fieldError(api, 'email')}>
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('acceptInvite.password')}
          error={problems.password ?? fieldError(api, 'password')}
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {options.data?.passwordReset ? (
          <Link to="/forgot-password" className="auth-forgot">
            {t('passwordReset.forgotLink')}
          </Link>
        ) : null}
        <FormAlert>{message}</FormAlert>
        <button type="submit" className="primary block" disabled={login.isPending || wait > 0}>
          {login.isPending ? t('acceptInvite.loggingIn') : t('acceptInvite.logIn')}
        </button>
      </form>
      <FormAlert>{ssoError ? t('sso.error', { code: ssoError }) : null}</FormAlert>
      <SsoLoginForm open={Boolean(ssoError)} />
    </AuthLayout>
  );
}
