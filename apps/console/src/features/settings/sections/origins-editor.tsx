import type { Environment } from '@flc/protocol/resources';
import { type FormEvent, useEffect, useState } from 'react';
import { formErrors } from '../../../lib/form-errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { useUpdateEnvironment } from '../api/mutate-environment.ts';
import { Card } from '../components/states.tsx';
import { normalizeOrigin } from '../forms.ts';

/** The sites allowed to boot the widget with this environment's plugin key. */
export function OriginsEditor({ env, manager }: { env: Environment; manager: boolean }) {
  const [origins, setOrigins] = useState(env.allowedOrigins);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const update = useUpdateEnvironment();
  useEffect(() => {
    setOrigins(env.allowedOrigins);
    setSaved(false);
  }, [env.allowedOrigins]);
  const dirty = origins.join('\n') !== env.allowedOrigins.join('\n');

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    const origin = normalizeOrigin(draft);
    if (!origin) {
      setProblem(t('environment.originInvalid'));
      return;
    }
    setProblem(null);
    setDraft('');
    if (!origins.includes(origin)) setOrigins([...origins, origin]);
  };

  const errors = formErrors(update.error, ['allowedOrigins']);
  const apiProblems = Object.entries(errors.fields).map(([path, message]) => {
    const index = Number(path.split('.')[1]);
    return Number.isInteger(index) ? `${origins[index] ?? path}: ${message}` : message;
  });

  return (
    <Card
      title={t('environment.origins')}
      description={origins.length ? t('environment.originsSet') : t('environment.originsNone')}
    >
      {origins.length ? (
        <ul className="chips" aria-label={t('environment.origins')}>
          {origins.map((origin) => (
            <li key={origin} className="chip">
              <code>{origin}</code>
              {manager ? (
                <button
                  type="button"
                  aria-label={t('environment.removeOrigin', { origin })}
                  onClick={() => setOrigins(origins.filter((o) => o !== origin))}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {manager ? (
        <>
          <form className="inline-form" onSubmit={add} noValidate>
            <input
              aria-label={t('environment.originToAllow')}
              aria-invalid={problem ? true : undefined}
              placeholder="https://www.example.com"
              spellCheck={false}
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                setProblem(null);
              }}
            />
            <button type="submit">{t('environment.add')}</button>
          </form>
          {problem || apiProblems.length || errors.form ? (
            <p role="alert" className="field-error">
              {problem ?? [...apiProblems, errors.form].filter(Boolean).join('; ')}
            </p>
          ) : null}
          <div className="form-actions">
            {saved && !dirty ? <span className="saved">{t('common.saved')}</span> : null}
            {dirty ? (
              <button type="button" onClick={() => setOrigins(env.allowedOrigins)}>
                {t('environment.discard')}
              </button>
            ) : null}
            <button
              type="button"
              className="primary"
              disabled={!dirty || update.isPending}
              onClick={() =>
                update.mutate(
                  { id: env.id, patch: { allowedOrigins: origins } },
                  { onSuccess: () => setSaved(true) },
                )
              }
            >
              {update.isPending ? t('common.saving') : t('environment.saveOrigins')}
            </button>
          </div>
        </>
      ) : null}
    </Card>
  );
}
