import { type FormEvent, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { ApiError } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { Field, FormAlert } from '../../lib/field.tsx';
import { t } from '../../lib/i18n/index.tsx';
import { pendingSignIn, setPendingSignIn } from '../../lib/pending-sign-in.ts';
import { Link, navigate } from '../../lib/router.tsx';
// The frame every signed-out page shares.
import { AuthLayout } from '../auth/auth-layout.tsx';
import { deviceTokens } from '../auth/device-tokens.ts';
import { useLoginTwoFactor } from './api/two-factor.ts';
import { codeProblem, errorMessage } from './codes.ts';
import './two-factor.css';

/** `/login/two-factor`: the code (or a recovery code) after a right password. */
export function CodeStepPage() {
  const pending = pendingSignIn();
  const { signIn } = useAuth();
  const verify = useLoginTwoFactor();
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);

  // A reload forgets the pending sign-in: it starts over at the password.
  useEffect(() => {
    if (pending?.step !== 'code') navigate('/login', { replace: true });
  }, [pending]);
  if (pending?.step !== 'code') return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = recovery
      ? value.trim()
        ? undefined
        : t('twoFactor.recoveryLabel')
      : codeProblem(value);
    setProblem(found);
    if (found) return;
    const proof = recovery ? { recoveryCode: value.trim() } : { code: value.trim() };
    verify.mutate(
      { challengeToken: pending.token, ...proof },
      {
        onSuccess: (session) => {
          setPendingSignIn(null);
          deviceTokens().set(session.agent.email, session.deviceToken);
          signIn({ accessToken: session.accessToken, refreshToken: session.refreshToken });
          navigate(pending.next, { replace: true });
        },
      },
    );
  };
  const error = verify.error;
  const expired =
    error instanceof ApiError && error.status === 401 && error.message.includes('expired');
  let message: string | null = null;
  if (expired) message = t('twoFactor.expired');
  else if (error instanceof ApiError && error.status === 401) message = t('twoFactor.wrongCode');
  else if (error) message = errorMessage(error);

  return (
    <AuthLayout
      title={t('twoFactor.stepTitle')}
      subtitle={recovery ? t('twoFactor.recoverySubtitle') : t('twoFactor.stepSubtitle')}
      footer={<Link to="/login">{t('twoFactor.backToLogin')}</Link>}
    >
      <form className="auth-form" onSubmit={submit} noValidate>
        <Field
          label={recovery ? t('twoFactor.recoveryLabel') : t('twoFactor.codeLabel')}
          error={problem}
        >
          {(props) => (
            <input
              {...props}
              ref={input}
              key={recovery ? 'recovery' : 'code'}
              className={recovery ? undefined : 'two-factor-code'}
              inputMode={recovery ? 'text' : 'numeric'}
              autoComplete={recovery ? 'off' : 'one-time-code'}
              autoCapitalize="off"
              spellCheck={false}
              maxLength={recovery ? 40 : 6}
              value={value}
              onChange={(e) =>
                setValue(recovery ? e.target.value : e.target.value.replace(/\s/g, ''))
              }
            />
          )}
        </Field>
        <FormAlert>{message}</FormAlert>
        <button type="submit" className="primary block" disabled={verify.isPending}>
          {verify.isPending ? t('twoFactor.verifying') : t('twoFactor.verify')}
        </button>
      </form>
      <p className="two-factor-switch">
        <button
          type="button"
          className="link"
          onClick={() => {
            // The other field replaces this one; the focus goes to it, not to the page.
            flushSync(() => {
              setRecovery(!recovery);
              setValue('');
              setProblem(undefined);
              verify.reset();
            });
            input.current?.focus();
          }}
        >
          {recovery ? t('twoFactor.useCode') : t('twoFactor.useRecovery')}
        </button>
      </p>
    </AuthLayout>
  );
}
