import type { ApiKey, ApiKeyCreated, Environment } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { Field } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/api-keys.ts';
import { CopyField } from '../components/copy.tsx';
import { ConfirmDialog, Dialog, FormDialog } from '../components/dialog.tsx';
import { Badge, Card, Empty, ErrorState, Loading } from '../components/states.tsx';
import { relativeTime, shortDate } from '../format.ts';
import { EnvironmentScoped } from './env-scoped.tsx';
import { SectionHeader } from './section-header.tsx';

export function ApiKeysSection() {
  return (
    <>
      <SectionHeader
        title={t('settings.apiKeys')}
        description={t.rich('keys.description', { code: (chunks) => <code>{chunks}</code> })}
      />
      <EnvironmentScoped what={t('settings.apiKeys')}>
        {(env) => <ApiKeys key={env.id} env={env} />}
      </EnvironmentScoped>
    </>
  );
}

function ApiKeys({ env }: { env: Environment }) {
  const me = useMe();
  const manager = canManage(me.data?.agent.role);
  const keys = useApiKeys(env.id);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useRevokeApiKey(env.id);
  const items = keys.data?.items ?? [];
  const active = items.filter((k) => !k.revokedAt);
  const revoked = items.filter((k) => k.revokedAt);

  return (
    <>
      <Card
        title={t('keys.keysOf', { name: env.name })}
        actions={
          manager ? (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              {t('keys.create')}
            </button>
          ) : null
        }
      >
        {keys.isPending ? (
          <Loading />
        ) : keys.isError ? (
          <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
        ) : items.length === 0 ? (
          <Empty title={t('keys.empty')}>{t('keys.emptyHint')}</Empty>
        ) : (
          <table className="table" aria-label={t('settings.apiKeys')}>
            <thead>
              <tr>
                <th>{t('keys.name')}</th>
                <th>{t('keys.key')}</th>
                <th>{t('keys.created')}</th>
                <th>{t('keys.lastUsed')}</th>
                <th aria-label={t('keys.actions')} />
              </tr>
            </thead>
            <tbody>
              {[...active, ...revoked].map((key) => (
                <tr key={key.id} className={key.revokedAt ? 'is-revoked' : undefined}>
                  <td className="strong">{key.name}</td>
                  <td>
                    <code className="key">{key.key}</code>
                  </td>
                  <td className="muted">{shortDate(key.createdAt)}</td>
                  <td className="muted">{relativeTime(key.lastUsedAt)}</td>
                  <td className="cell-actions">
                    {key.revokedAt ? (
                      <Badge tone="gray">
                        {t('keys.revokedAgo', { ago: relativeTime(key.revokedAt) })}
                      </Badge>
                    ) : manager ? (
                      <button type="button" className="danger" onClick={() => setRevoking(key)}>
                        {t('keys.revoke')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {creating ? (
        <CreateKeyDialog
          env={env}
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
          }}
        />
      ) : null}
      {created ? (
        <Dialog
          title={t('keys.createdTitle')}
          onClose={() => setCreated(null)}
          footer={
            <button type="button" className="primary" onClick={() => setCreated(null)}>
              {t('keys.stored')}
            </button>
          }
        >
          <p className="notice">{t('keys.copyNow')}</p>
          <div className="form-grid">
            <div className="field">
              <span className="label">{t('keys.apiKey')}</span>
              <CopyField label={t('keys.apiKey')} value={created.key} testId="created-key" />
            </div>
            <div className="field">
              <span className="label">{t('keys.apiSecret')}</span>
              <CopyField
                label={t('keys.apiSecret')}
                value={created.secret}
                testId="created-secret"
              />
            </div>
          </div>
        </Dialog>
      ) : null}
      {revoking ? (
        <ConfirmDialog
          title={t('keys.revokeTitle', { name: revoking.name })}
          confirmLabel={t('keys.revokeKey')}
          danger
          pending={revoke.isPending}
          error={revoke.error ? errorText(revoke.error) : undefined}
          onClose={() => {
            revoke.reset();
            setRevoking(null);
          }}
          onConfirm={() => revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
        >
          <p>
            {t.rich('keys.revokeBody', {
              key: revoking.key,
              code: (chunks) => <code>{chunks}</code>,
            })}
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function CreateKeyDialog({
  env,
  onClose,
  onCreated,
}: {
  env: Environment;
  onClose: () => void;
  onCreated: (key: ApiKeyCreated) => void;
}) {
  const [name, setName] = useState('');
  const create = useCreateApiKey(env.id);
  const errors = formErrors(create.error, ['name']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), { onSuccess: onCreated });
  };
  return (
    <FormDialog
      title={t('keys.newFor', { name: env.name })}
      submitLabel={t('keys.createKey')}
      pendingLabel={t('settings.creating')}
      pending={create.isPending}
      error={errors.form}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label={t('keys.name')} error={fieldError(errors, 'name')} hint={t('keys.nameHint')}>
        {(props) => (
          <input
            {...props}
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
    </FormDialog>
  );
}
