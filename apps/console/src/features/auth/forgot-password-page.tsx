import { type FormEvent, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { Field, FormAlert } from '../../lib/field.tsx';
import { fieldError, formErrors } from '../../lib/form-errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { Link } from '../../lib/router.tsx';
import { useAuthOptions } from './api/get-auth-options.ts';
import { useRequestPasswordReset } from './api/request-password-reset.ts';
import { AuthLayout } from './auth-layout.tsx';
import { retryAt, tooManyAttempts, useCountdown } from './rate-limit.ts';
import { hasProblems, type Problems, validateEmail } from './validation.ts';

/**
 * `/forgot-password`: asks for a reset link. Whatever the address, the page says the same (a
 * link was sent if an account exists), as the API does.
 */
export function ForgotPasswordPage() {
  const options = useAuthOptions();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [limitedUntil, setLimitedUntil] = useState<number | null>(null);
  const wait = useCountdown(limitedUntil);
  const footer = (
    <>
      {t('passwordReset.remembered')} <Link to="/login">{t('passwordReset.logIn')}</Link>
    </>
  );

  const unavailable =
    options.data?.passwordReset === false ||
    (request.error instanceof ApiError && request.error.code === 'mail_not_configured');
  if (unavailable) {
    return (
      <AuthLayout key="unavailable" title={t('passwordReset.unavailableTitle')} footer={footer}>
        <p className="auth-note">{t('passwordReset.unavailable')}</p>
      </AuthLayout>
    );
  }

  if (sentTo !== null) {
    return (
      <AuthLayout key="sent" title={t('passwordReset.sentTitle')} footer={footer}>
        <div className="auth-dead">
          <p role="status" className="form-notice">
            {t('passwordReset.sent', { email: sentTo })}
          </p>
          <p className="muted auth-note">{t('passwordReset.sentHint')}</p>
          <button type="button" className="block" onClick={() => setSentTo(null)}>
            {t('passwordReset.sendAnother')}
          </button>
        </div>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateEmail({ email });
    setProblems(found);
    if (hasProblems(found) || wait > 0) return;
    const address = email.trim();
    request.mutate(address, {
      onSuccess: () => setSentTo(address),
      onError: (error) => setLimitedUntil(retryAt(error, Date.now())),
    });
  };

  const api = formErrors(request.error, ['email']);
  const limited = request.error instanceof ApiError && request.error.status === 429;
  const message = wait > 0 ? tooManyAttempts(wait) : limited ? null : api.form;

  return (
    <AuthLayout
      key="form"
      title={t('passwordReset.requestTitle')}
      subtitle={t('passwordReset.requestSubtitle')}
      footer={footer}
    >
      <form className="auth-form" onSubmit={submit} noValidate>
        <Field label={t('passwordReset.email')} error={problems.email ?? fieldError(api, 'email')}>
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
        <FormAlert>{message}</FormAlert>
        <button type="submit" className="primary block" disabled={request.isPending || wait > 0}>
          {request.isPending ? t('passwordReset.sending') : t('passwordReset.send')}
        </button>
      </form>
    </AuthLayout>
  );
}
