import type { Environment } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { Field, FormAlert } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
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
        title="Install the chat widget"
        description={
          <>
            Paste this snippet before <code>&lt;/body&gt;</code> on every page of your site.
          </>
        }
        actions={
          <a
            className="button-link"
            href={demoUrl(origin, env.pluginKey)}
            target="_blank"
            rel="noreferrer"
          >
            Try it on the demo page ↗
          </a>
        }
      >
        <CopyField label="Embed snippet" value={snippet} multiline testId="embed-snippet" />
      </Card>

      <Card
        title="Plugin key"
        description="Public: it identifies this environment to the widget. Rotating it breaks every snippet that has the old key."
        actions={
          manager ? (
            <button type="button" onClick={() => setConfirming('plugin-key')}>
              Rotate key
            </button>
          ) : null
        }
      >
        <CopyField label="Plugin key" value={env.pluginKey} testId="plugin-key" />
      </Card>

      <OriginsEditor env={env} manager={manager} />

      <Card
        title="Identity verification"
        description={
          <>
            Your server signs a signed-in user’s id: <code>memberHash</code> = hex
            HMAC-SHA256(identity secret, <code>memberId</code>). Keep the secret on your server.
          </>
        }
        actions={
          manager ? (
            <button type="button" onClick={() => setConfirming('identity-secret')}>
              Rotate secret
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
                    Hide
                  </button>
                  <CopyButton text={secret} what="identity secret" />
                </>
              ) : (
                <button
                  type="button"
                  disabled={reveal.isPending}
                  onClick={() =>
                    reveal.mutate(env.id, { onSuccess: (r) => setSecret(r.identitySecret) })
                  }
                >
                  {reveal.isPending ? 'Revealing…' : 'Reveal'}
                </button>
              )}
            </div>
            <FormAlert>{reveal.error?.message}</FormAlert>
          </>
        ) : (
          <p className="muted">Only owners and admins see the identity secret.</p>
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
          title="Delete environment"
          description="Its plugin key, API keys and webhooks stop working at once. Conversations stay."
          actions={
            <button type="button" className="danger" onClick={() => setConfirming('delete')}>
              Delete…
            </button>
          }
        />
      ) : null}

      {confirming === 'plugin-key' ? (
        <ConfirmDialog
          title="Rotate the plugin key?"
          confirmLabel="Rotate key"
          danger
          pending={rotateKey.isPending}
          error={rotateKey.error?.message}
          onClose={close}
          onConfirm={() => rotateKey.mutate(env.id, { onSuccess: close })}
        >
          <p>
            The widget stops loading on every site that still uses <code>{env.pluginKey}</code>{' '}
            until you update its snippet.
          </p>
        </ConfirmDialog>
      ) : null}
      {confirming === 'identity-secret' ? (
        <ConfirmDialog
          title="Rotate the identity secret?"
          confirmLabel="Rotate secret"
          danger
          pending={rotateSecret.isPending}
          error={rotateSecret.error?.message}
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
          <p>
            Member hashes made with the current secret stop verifying. Update your server with the
            new secret right after.
          </p>
        </ConfirmDialog>
      ) : null}
      {confirming === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${env.name}?`}
          confirmLabel="Delete environment"
          danger
          pending={remove.isPending}
          error={remove.error?.message}
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
          <p>This cannot be undone.</p>
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
    <Card title="Name">
      <form className="inline-form" onSubmit={submit} noValidate>
        <Field
          label="Environment name"
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
          {update.isPending ? 'Saving…' : 'Rename'}
        </button>
      </form>
    </Card>
  );
}
