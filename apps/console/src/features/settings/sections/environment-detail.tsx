import type { Environment } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { Field, FormAlert } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { navigate } from '../../../lib/router.tsx';
import {
  ENVIRONMENT_FIELDS,
  useDeleteEnvironment,
  useRevealIdentitySecret,
  useRotateIdentitySecret,
  useRotatePluginKey,
  useUpdateEnvironment,
} from '../api/mutate-environment.ts';
import { CopyButton, CopyField } from '../components/copy.tsx';
import { ConfirmDialog } from '../components/dialog.tsx';
import { Card } from '../components/states.tsx';
import { maskedSecret } from '../format.ts';
import { demoUrl, embedSnippet } from '../snippet.ts';
import { BusinessHoursCard } from './business-hours-card.tsx';
import { EmailContinuityCard } from './email-continuity-card.tsx';
import { OriginsEditor } from './origins-editor.tsx';
import { PreChatCard } from './pre-chat-card.tsx';
import { WidgetLanguageCard } from './widget-language-card.tsx';

type Confirming = 'plugin-key' | 'identity-secret' | 'delete' | null;

export function EnvironmentDetail({ env, manager }: { env: Environment; manager: boolean }) {
  const origin = window.location.origin;
  const snippet = embedSnippet(origin, env.pluginKey);
  const [confirming, setConfirming] = useState<Confirming>(null);
  // The secret lives here only while shown: reads never carry it, and the cache never holds it.
  const [secret, setSecret] = useState<string | null>(null);
  const reveal = useRevealIdentitySecret();
  const rotateKey = useRotatePluginKey();
  const rotateSecret = useRotateIdentitySecret();
  const remove = useDeleteEnvironment();
  const close = () => {
    rotateKey.reset();
    rotateSecret.reset();
    remove.reset();
    setConfirming(null);
  };

  return (
    <div className="stack">
      <Card
        title={t('environment.install')}
        description={t.rich('environment.installHint', { code: (chunks) => <code>{chunks}</code> })}
        actions={
          <a
            className="button-link"
            href={demoUrl(origin, env.pluginKey)}
            target="_blank"
            rel="noreferrer"
          >
            {t('environment.demo')}
          </a>
        }
      >
        <CopyField
          label={t('environment.snippet')}
          value={snippet}
          multiline
          testId="embed-snippet"
        />
      </Card>

      <Card
        title={t('environment.pluginKey')}
        description={t('environment.pluginKeyHint')}
        actions={
          manager ? (
            <button type="button" onClick={() => setConfirming('plugin-key')}>
              {t('environment.rotateKey')}
            </button>
          ) : null
        }
      >
        <CopyField label={t('environment.pluginKey')} value={env.pluginKey} testId="plugin-key" />
      </Card>

      <OriginsEditor env={env} manager={manager} />

      <Card
        title={t('environment.identity')}
        description={t.rich('environment.identityHint', {
          code: (chunks) => <code>{chunks}</code>,
        })}
        actions={
          manager ? (
            <button type="button" onClick={() => setConfirming('identity-secret')}>
              {t('environment.rotateSecret')}
            </button>
          ) : null
        }
      >
        {manager ? (
          <>
            <div className="secret-row">
              <code className="secret" data-testid="identity-secret">
                {secret ?? maskedSecret(env.identitySecretHint)}
              </code>
              {secret ? (
                <>
                  <button type="button" onClick={() => setSecret(null)}>
                    {t('environment.hide')}
                  </button>
                  <CopyButton text={secret} what={t('environment.identitySecret')} />
                </>
              ) : (
                <button
                  type="button"
                  disabled={reveal.isPending}
                  onClick={() =>
                    reveal.mutate(env.id, { onSuccess: (r) => setSecret(r.identitySecret) })
                  }
                >
                  {reveal.isPending ? t('environment.revealing') : t('environment.reveal')}
                </button>
              )}
            </div>
            <FormAlert>{reveal.error ? errorText(reveal.error) : null}</FormAlert>
          </>
        ) : (
          <p className="muted">{t('environment.secretManagersOnly')}</p>
        )}
      </Card>

      {manager ? <WidgetLanguageCard env={env} /> : null}

      {manager ? <PreChatCard environmentId={env.id} /> : null}

      {manager ? <BusinessHoursCard environmentId={env.id} /> : null}

      {manager ? <EmailContinuityCard environmentId={env.id} /> : null}

      {manager ? <RenameCard env={env} /> : null}

      {manager ? (
        <Card
          tone="danger"
          title={t('environment.delete')}
          description={t('environment.deleteHint')}
          actions={
            <button type="button" className="danger" onClick={() => setConfirming('delete')}>
              {t('environment.deleteEllipsis')}
            </button>
          }
        />
      ) : null}

      {confirming === 'plugin-key' ? (
        <ConfirmDialog
          title={t('environment.rotateKeyTitle')}
          confirmLabel={t('environment.rotateKey')}
          danger
          pending={rotateKey.isPending}
          error={rotateKey.error ? errorText(rotateKey.error) : undefined}
          onClose={close}
          onConfirm={() => rotateKey.mutate(env.id, { onSuccess: close })}
        >
          <p>
            {t.rich('environment.rotateKeyBody', {
              key: env.pluginKey,
              code: (chunks) => <code>{chunks}</code>,
            })}
          </p>
        </ConfirmDialog>
      ) : null}
      {confirming === 'identity-secret' ? (
        <ConfirmDialog
          title={t('environment.rotateSecretTitle')}
          confirmLabel={t('environment.rotateSecret')}
          danger
          pending={rotateSecret.isPending}
          error={rotateSecret.error ? errorText(rotateSecret.error) : undefined}
          onClose={close}
          onConfirm={() =>
            rotateSecret.mutate(env.id, {
              onSuccess: (rotated) => {
                setSecret(rotated.identitySecret);
                close();
              },
            })
          }
        >
          <p>{t('environment.rotateSecretBody')}</p>
        </ConfirmDialog>
      ) : null}
      {confirming === 'delete' ? (
        <ConfirmDialog
          title={t('environment.deleteTitle', { name: env.name })}
          confirmLabel={t('environment.delete')}
          danger
          pending={remove.isPending}
          error={remove.error ? errorText(remove.error) : undefined}
          onClose={close}
          onConfirm={() =>
            remove.mutate(env.id, {
              onSuccess: () => {
                close();
                navigate('/settings/environments', { replace: true });
              },
            })
          }
        >
          <p>{t('environment.cannotUndo')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function RenameCard({ env }: { env: Environment }) {
  const [name, setName] = useState(env.name);
  const update = useUpdateEnvironment();
  const errors = formErrors(update.error, ENVIRONMENT_FIELDS);
  const dirty = name.trim() !== env.name;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: env.id, patch: { name: name.trim() } });
  };
  return (
    <Card title={t('environment.name')}>
      <form className="inline-form" onSubmit={submit} noValidate>
        <Field
          label={t('environment.environmentName')}
          error={fieldError(errors, 'name') ?? errors.form ?? undefined}
        >
          {(props) => (
            <input
              {...props}
              maxLength={120}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <button
          type="submit"
          className="primary"
          disabled={!dirty || !name.trim() || update.isPending}
        >
          {update.isPending ? t('common.saving') : t('environment.rename')}
        </button>
      </form>
    </Card>
  );
}
