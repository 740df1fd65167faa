import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { Field, FormAlert } from '../../lib/field.tsx';
import { fieldError, formErrors } from '../../lib/form-errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { Link, navigate } from '../../lib/router.tsx';
import {
  CONFIRM_PASSWORD_RESET_FIELDS,
  useConfirmPasswordReset,
} from './api/confirm-password-reset.ts';
import { AuthLayout } from './auth-layout.tsx';
import { NewPasswordField } from './new-password-field.tsx';
import { hasProblems, type Problems, validateNewPassword } from './validation.ts';

/**
 * The token of a reset link, `/reset-password#token=…`: in the fragment, which the browser never
 * sends to a server.
 */
const tokenInFragment = () => new URLSearchParams(location.hash.slice(1)).get('token') ?? '';

/** `/reset-password#token=…`: the new password, then back to the login page with a notice. */
/** The codes of a reset link that cannot be used (passwordReset.dead says why). */
const DEAD_LINK_CODES = new Set(['reset_token_used', 'reset_token_expired', 'reset_token_invalid']);

export function ResetPasswordPage() {
  const [token] = useState(tokenInFragment);
  // Once read, out of the address bar and the history entry (kept in the page's state only).
  useEffect(() => {
    if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  }, []);
  const confirmReset = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const askAgain = <Link to="/forgot-password">{t('passwordReset.askAgain')}</Link>;

  if (!token) {
    return (
      <AuthLayout key="missing" title={t('passwordReset.missingTitle')} footer={askAgain}>
        <p className="auth-note">{t('passwordReset.missing')}</p>
      </AuthLayout>
    );
  }
  const error = confirmReset.error;
  const dead =
    error instanceof ApiError && DEAD_LINK_CODES.has(error.code)
      ? t('passwordReset.dead', { code: error.code })
      : undefined;
  if (dead) {
    return (
      <AuthLayout key="dead" title={t('passwordReset.deadTitle')} footer={askAgain}>
        <FormAlert>{dead}</FormAlert>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateNewPassword({ password, confirm });
    setProblems(found);
    if (hasProblems(found)) return;
    confirmReset.mutate(
      { token, password },
      { onSuccess: () => navigate('/login?reset=done', { replace: true }) },
    );
  };

  const api = formErrors(error, CONFIRM_PASSWORD_RESET_FIELDS);
  return (
    <AuthLayout
      key="form"
      title={t('passwordReset.setTitle')}
      subtitle={t('passwordReset.setSubtitle')}
    >
      <form className="auth-form" onSubmit={submit} noValidate>
        <NewPasswordField
          label={t('passwordReset.newPassword')}
          value={password}
          error={problems.password ?? fieldError(api, 'password')}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Field label={t('passwordReset.confirm')} error={problems.confirm}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          )}
        </Field>
        <FormAlert>{api.form}</FormAlert>
        <button type="submit" className="primary block" disabled={confirmReset.isPending}>
          {confirmReset.isPending ? t('passwordReset.saving') : t('passwordReset.save')}
        </button>
      </form>
    </AuthLayout>
  );
}
