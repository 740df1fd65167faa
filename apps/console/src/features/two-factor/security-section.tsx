import { type FormEvent, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { useMe } from '../../lib/auth.tsx';
import { Field, FormAlert } from '../../lib/field.tsx';
import { t } from '../../lib/i18n/index.tsx';
import { useDisableTwoFactor, useRegenerateCodes, useTwoFactorStatus } from './api/two-factor.ts';
import { CodeField } from './code-field.tsx';
import { codeProblem, errorMessage } from './codes.ts';
import { EnrolFlow } from './enrol-flow.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';
import './two-factor.css';
import { errorText } from '../../lib/i18n/errors.ts';

type Mode = 'idle' | 'enrol' | 'disable' | 'regenerate' | { codes: string[] };

/** Settings → Security: the agent's own two-factor sign-in. */
export function SecuritySection() {
  const me = useMe();
  const status = useTwoFactorStatus();
  const [mode, setMode] = useState<Mode>('idle');
  const required = me.data?.organization.requireTwoFactor ?? false;

  let body: React.ReactNode;
  if (status.isPending) body = <p aria-busy="true">{t('common.loading')}</p>;
  else if (status.isError) body = <FormAlert>{errorText(status.error)}</FormAlert>;
  else if (typeof mode === 'object') {
    body = <RecoveryCodes codes={mode.codes} onDone={() => setMode('idle')} />;
  } else if (mode === 'enrol') {
    body = (
      <EnrolFlow
        onConfirmed={(done) => setMode({ codes: done.recoveryCodes })}
        onCancel={() => setMode('idle')}
      />
    );
  } else if (mode === 'disable') {
    body = <DisableForm required={required} onDone={() => setMode('idle')} />;
  } else if (mode === 'regenerate') {
    body = (
      <RegenerateForm onCodes={(codes) => setMode({ codes })} onCancel={() => setMode('idle')} />
    );
  } else {
    const { enabled, recoveryCodesLeft } = status.data;
    body = (
      <>
        <p data-testid="two-factor-state">
          {enabled ? t('twoFactor.cardOn', { left: recoveryCodesLeft }) : t('twoFactor.cardOff')}
        </p>
        {required ? <p className="muted">{t('twoFactor.required')}</p> : null}
        <div className="form-actions">
          {enabled ? (
            <>
              <button type="button" onClick={() => setMode('regenerate')}>
                {t('twoFactor.regenerate')}
              </button>
              <button type="button" className="danger" onClick={() => setMode('disable')}>
                {t('twoFactor.turnOff')}
              </button>
            </>
          ) : (
            <button type="button" className="primary" onClick={() => setMode('enrol')}>
              {t('twoFactor.turnOn')}
            </button>
          )}
        </div>
      </>
    );
  }
  return (
    <>
      <header className="section-head">
        <div>
          <h2>{t('twoFactor.sectionTitle')}</h2>
          <p className="muted">{t('twoFactor.sectionDescription')}</p>
        </div>
      </header>
      <section className="card" aria-labelledby="two-factor-title">
        <header className="card-head">
          <div>
            <h3 id="two-factor-title">{t('twoFactor.cardTitle')}</h3>
          </div>
        </header>
        <div className="card-body">{body}</div>
      </section>
    </>
  );
}

function DisableForm({ required, onDone }: { required: boolean; onDone: () => void }) {
  const disable = useDisableTwoFactor();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const proof = code.trim() ? { code: code.trim() } : { password };
    disable.mutate(proof, { onSuccess: onDone });
  };
  const refused = disable.error instanceof ApiError && disable.error.status === 422;
  return (
    <form className="two-factor-code-form" onSubmit={submit} noValidate>
      <h3>{t('twoFactor.offTitle')}</h3>
      <p className="muted">{t('twoFactor.offIntro')}</p>
      {required ? <p>{t('twoFactor.offRequired')}</p> : null}
      <CodeField value={code} onChange={setCode} />
      <Field label={t('twoFactor.passwordLabel')}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="current-password"
            value={password}
            disabled={code.trim() !== ''}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <FormAlert>
        {refused
          ? code.trim()
            ? t('twoFactor.wrongCode')
            : t('twoFactor.wrongPassword')
          : disable.error
            ? errorMessage(disable.error)
            : null}
      </FormAlert>
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t('twoFactor.cancel')}
        </button>
        <button
          type="submit"
          className="primary"
          disabled={disable.isPending || (!code.trim() && !password)}
        >
          {t('twoFactor.offConfirm')}
        </button>
      </div>
    </form>
  );
}

function RegenerateForm({
  onCodes,
  onCancel,
}: {
  onCodes: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const regenerate = useRegenerateCodes();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = codeProblem(code);
    setProblem(found);
    if (found) return;
    regenerate.mutate(code.trim(), { onSuccess: (answer) => onCodes(answer.recoveryCodes) });
  };
  const refused = regenerate.error instanceof ApiError && regenerate.error.status === 422;
  return (
    <form className="two-factor-code-form" onSubmit={submit} noValidate>
      <h3>{t('twoFactor.regenTitle')}</h3>
      <p className="muted">{t('twoFactor.regenIntro')}</p>
      <CodeField
        value={code}
        onChange={setCode}
        error={problem ?? (refused ? t('twoFactor.wrongCode') : undefined)}
      />
      <FormAlert>{regenerate.error && !refused ? errorMessage(regenerate.error) : null}</FormAlert>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t('twoFactor.cancel')}
        </button>
        <button type="submit" className="primary" disabled={regenerate.isPending}>
          {t('twoFactor.regenConfirm')}
        </button>
      </div>
    </form>
  );
}
