import type { OperatorSession } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { useApi } from '../../lib/auth.tsx';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { Link } from '../../lib/router.tsx';
import { HealthView } from './health-view.tsx';
import { LogView } from './log-view.tsx';
import { keepOperatorSession, useOperatorToken } from './operator-api.ts';
import { PlansView } from './plans-view.tsx';
import { PolicyView } from './policy-view.tsx';
import { TenantView } from './tenant-view.tsx';
import { TenantsView } from './tenants-view.tsx';
import { UsageView } from './usage-view.tsx';
import './operator.css';

/** /operator: the operator's sign-in, then the tenants. */
export default function OperatorPage({
  view,
  tenant,
}: {
  view: string | null;
  tenant: string | null;
}) {
  const token = useOperatorToken();
  const section =
    view === 'policy' || view === 'log' || view === 'plans' || view === 'usage' || view === 'health'
      ? view
      : 'tenants';
  const link = (to: string, name: typeof section, label: string) => (
    <li>
      <Link to={to} aria-current={section === name ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
  return token ? (
    <main className="ui-page operator-page" aria-labelledby="operator-title">
      <header>
        <h1 id="operator-title">{t('operator.tenantsTitle')}</h1>
        <nav aria-label={t('operator.nav')}>
          <ul>
            {link('/operator', 'tenants', t('operator.navTenants'))}
            {link('/operator?view=plans', 'plans', t('operator.navPlans'))}
            {link('/operator?view=usage', 'usage', t('operator.navUsage'))}
            {link('/operator?view=policy', 'policy', t('operator.navPolicy'))}
            {link('/operator?view=log', 'log', t('operator.navLog'))}
            {link('/operator?view=health', 'health', t('operator.navHealth'))}
          </ul>
        </nav>
        <button type="button" onClick={() => keepOperatorSession(null)}>
          {t('operator.signOut')}
        </button>
      </header>
      {section === 'policy' ? (
        <PolicyView token={token} />
      ) : section === 'plans' ? (
        <PlansView token={token} />
      ) : section === 'log' ? (
        <LogView token={token} />
      ) : section === 'health' ? (
        <HealthView token={token} />
      ) : section === 'usage' ? (
        <UsageView token={token} />
      ) : tenant ? (
        <TenantView token={token} id={tenant} />
      ) : (
        <TenantsView token={token} />
      )}
    </main>
  ) : (
    <SignIn />
  );
}

function SignIn() {
  const api = useApi();
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const code = String(form.get('code') ?? '');
    setBusy(true);
    setError(null);
    try {
      const session = await api.request<OperatorSession>('/v1/operator/session', {
        method: 'POST',
        anonymous: true,
        body: {
          email: String(form.get('email')),
          password: String(form.get('password')),
          ...(code ? { code } : {}),
        },
      });
      keepOperatorSession(session);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'two_factor_required') setNeedsCode(true);
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="ui-page operator-page" aria-labelledby="operator-sign-in">
      <h1 id="operator-sign-in">{t('operator.signInTitle')}</h1>
      <p className="muted">{t('operator.signInIntro')}</p>
      <form onSubmit={submit}>
        <label>
          {t('operator.email')}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {t('operator.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {needsCode ? (
          <label>
            {t('operator.code')}
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              aria-describedby="operator-code-hint"
              required
            />
            <span id="operator-code-hint">{t('operator.codeHint')}</span>
          </label>
        ) : null}
        {error ? <p role="alert">{error}</p> : null}
        <button type="submit" disabled={busy}>
          {t('operator.signIn')}
        </button>
      </form>
    </main>
  );
}
