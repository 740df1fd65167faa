import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { FormAlert } from '../../lib/field.tsx';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { Link, navigate } from '../../lib/router.tsx';
import { useExchangeSsoCode } from './api/exchange-sso-code.ts';
import { AuthLayout } from './auth-layout.tsx';

/** Reads the one-time code from the fragment once, and takes it out of the address bar. */
function takeCode(): string | null {
  const code = new URLSearchParams(window.location.hash.slice(1)).get('code');
  if (window.location.hash) {
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  }
  return code;
}

/** `/login/sso#code=…`: where the API hands a finished single sign-on to the console. */
export function SsoCallbackPage() {
  const { signIn } = useAuth();
  const exchange = useExchangeSsoCode();
  const [code] = useState(takeCode);
  const started = useRef(false);

  useEffect(() => {
    if (!code || started.current) return;
    started.current = true; // one use: never sent twice, also under StrictMode
    exchange.mutate(code, {
      onSuccess: (session) => {
        signIn({ accessToken: session.accessToken, refreshToken: session.refreshToken });
        navigate('/inbox', { replace: true });
      },
    });
  }, [code, exchange, signIn]);

  let failure: string | null = null;
  if (!code) failure = t('sso.missingCode');
  else if (exchange.error instanceof ApiError && exchange.error.status === 401) {
    failure = t('sso.expiredCode');
  } else if (exchange.error) failure = errorText(exchange.error);

  return (
    <AuthLayout
      title={failure ? t('sso.failedTitle') : t('sso.finishingTitle')}
      footer={<Link to="/login">{t('sso.backToLogin')}</Link>}
    >
      {failure ? (
        <FormAlert>{failure}</FormAlert>
      ) : (
        <div className="auth-checking" aria-busy="true">
          <span className="ui-spinner" aria-hidden="true" />
          {t('sso.finishing')}
        </div>
      )}
    </AuthLayout>
  );
}
