import type { ApiKey, ApiKeyCreated, Environment } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { Field } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
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
        title="API keys"
        description={
          <>
            Your backend calls the REST API with <code>X-API-Key</code> and{' '}
            <code>X-API-Secret</code>. A key reaches only its environment.
          </>
        }
      />
      <EnvironmentScoped what="API keys">
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
        title={`Keys of ${env.name}`}
        actions={
          manager ? (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              Create API key
            </button>
          ) : null
        }
      >
        {keys.isPending ? (
          <Loading />
        ) : keys.isError ? (
          <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
        ) : items.length === 0 ? (
          <Empty title="No API keys yet">
            Create one for each service that calls the API, so you can revoke it alone.
          </Empty>
        ) : (
          <table className="table" aria-label="API keys">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>Created</th>
                <th>Last used</th>
                <th aria-label="Actions" />
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
                      <Badge tone="gray">Revoked {relativeTime(key.revokedAt)}</Badge>
                    ) : manager ? (
                      <button type="button" className="danger" onClick={() => setRevoking(key)}>
                        Revoke
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
          title="API key created"
          onClose={() => setCreated(null)}
          footer={
            <button type="button" className="primary" onClick={() => setCreated(null)}>
              I have stored the secret
            </button>
          }
        >
          <p className="notice">
            Copy the secret now. It is shown only this once and stored hashed: nobody can show it
            again.
          </p>
          <div className="form-grid">
            <div className="field">
              <span className="label">API key</span>
              <CopyField label="API key" value={created.key} testId="created-key" />
            </div>
            <div className="field">
              <span className="label">API secret</span>
              <CopyField label="API secret" value={created.secret} testId="created-secret" />
            </div>
          </div>
        </Dialog>
      ) : null}
      {revoking ? (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke key"
          danger
          pending={revoke.isPending}
          error={revoke.error?.message}
          onClose={() => {
            revoke.reset();
            setRevoking(null);
          }}
          onConfirm={() => revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
        >
          <p>
            Requests with <code>{revoking.key}</code> fail from the next one. This cannot be undone.
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
      title={`New API key for ${env.name}`}
      submitLabel="Create key"
      pendingLabel="Creating…"
      pending={create.isPending}
      error={errors.form}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field
        label="Name"
        error={fieldError(errors, 'name')}
        hint="What uses it, like “CRM sync” or “Support bot”."
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
    </FormDialog>
  );
}
