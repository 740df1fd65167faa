import type { Environment, Webhook, WebhookCreated } from '@flc/protocol/resources';
import { useState } from 'react';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { FormAlert } from '../../../lib/field.tsx';
import { formErrors } from '../../../lib/form-errors.ts';
import { navigate, useLocation } from '../../../lib/router.tsx';
import {
  useDeleteWebhook,
  useRotateWebhookSecret,
  useUpdateWebhook,
  useWebhooks,
} from '../api/webhooks.ts';
import { CopyField } from '../components/copy.tsx';
import { ConfirmDeletion, ConfirmDialog, Dialog } from '../components/dialog.tsx';
import { Badge, Card, Empty, ErrorState, Loading } from '../components/states.tsx';
import { relativeTime } from '../format.ts';
import { CreateWebhookDialog } from './create-webhook-dialog.tsx';
import { DeliveryLog } from './delivery-log.tsx';
import { EnvironmentScoped } from './env-scoped.tsx';
import { SectionHeader } from './section-header.tsx';

export function WebhooksSection() {
  return (
    <>
      <SectionHeader
        title="Webhooks"
        description="Events of an environment POSTed to your server, signed with the webhook’s secret, retried until delivered."
      />
      <EnvironmentScoped what="Webhooks">
        {(env) => <Webhooks key={env.id} env={env} />}
      </EnvironmentScoped>
    </>
  );
}

function Webhooks({ env }: { env: Environment }) {
  const me = useMe();
  const manager = canManage(me.data?.agent.role);
  const hooks = useWebhooks(env.id);
  const update = useUpdateWebhook(env.id);
  const remove = useDeleteWebhook(env.id);
  const rotate = useRotateWebhookSecret(env.id);
  const { pathname, search } = useLocation();
  const open = search.get('webhook');
  const [creating, setCreating] = useState(false);
  // A signing secret to show once: a new webhook's, or a rotated one's.
  const [secret, setSecret] = useState<{ hook: WebhookCreated; rotated: boolean } | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [rotating, setRotating] = useState<Webhook | null>(null);
  const items = hooks.data?.items ?? [];

  const toggleLog = (id: string) => {
    const next = new URLSearchParams(search);
    if (open === id) next.delete('webhook');
    else next.set('webhook', id);
    navigate(`${pathname}?${next}`, { replace: true });
  };

  return (
    <>
      <Card
        title={`Webhooks of ${env.name}`}
        actions={
          manager ? (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              Add webhook
            </button>
          ) : null
        }
      >
        <FormAlert>{update.error && formErrors(update.error).form}</FormAlert>
        {hooks.isPending ? (
          <Loading />
        ) : hooks.isError ? (
          <ErrorState error={hooks.error} onRetry={() => void hooks.refetch()} />
        ) : items.length === 0 ? (
          <Empty title="No webhooks yet">
            Add one to hear about new conversations, messages and contacts on your server.
          </Empty>
        ) : (
          <ul className="rows" aria-label="Webhooks">
            {items.map((hook) => (
              <li key={hook.id} className="webhook">
                <div className="webhook-main">
                  <div className="webhook-url">
                    <code title={hook.url}>{hook.url}</code>
                    {hook.enabled ? (
                      <Badge tone="green">Enabled</Badge>
                    ) : (
                      <Badge tone="red">Disabled</Badge>
                    )}
                    {hook.enabled && hook.consecutiveFailures > 0 ? (
                      <Badge tone="amber">{hook.consecutiveFailures} failed in a row</Badge>
                    ) : null}
                  </div>
                  <ul className="event-chips" aria-label="Events">
                    {hook.events.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                  {!hook.enabled ? (
                    <div className="webhook-disabled" role="status">
                      <strong>
                        Disabled{hook.disabledAt ? ` ${relativeTime(hook.disabledAt)}` : ''}:
                      </strong>{' '}
                      {hook.disabledReason ?? 'turned off by an admin.'}
                      {manager ? (
                        <button
                          type="button"
                          className="primary"
                          disabled={update.isPending}
                          onClick={() => update.mutate({ id: hook.id, patch: { enabled: true } })}
                        >
                          Re-enable
                        </button>
                      ) : null}
                    </div>
                  ) : null}
                </div>
                <div className="row-actions">
                  <button
                    type="button"
                    aria-expanded={open === hook.id}
                    onClick={() => toggleLog(hook.id)}
                  >
                    {open === hook.id ? 'Hide deliveries' : 'Deliveries'}
                  </button>
                  {manager ? (
                    <button type="button" onClick={() => setRotating(hook)}>
                      Rotate secret
                    </button>
                  ) : null}
                  {manager && hook.enabled ? (
                    <button
                      type="button"
                      disabled={update.isPending}
                      onClick={() => update.mutate({ id: hook.id, patch: { enabled: false } })}
                    >
                      Disable
                    </button>
                  ) : null}
                  {manager ? (
                    <button type="button" className="danger" onClick={() => setDeleting(hook)}>
                      Delete
                    </button>
                  ) : null}
                </div>
                {open === hook.id ? <DeliveryLog webhook={hook} manager={manager} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {creating ? (
        <CreateWebhookDialog
          env={env}
          onClose={() => setCreating(false)}
          onCreated={(hook) => {
            setCreating(false);
            setSecret({ hook, rotated: false });
          }}
        />
      ) : null}
      {secret ? (
        <Dialog
          title={secret.rotated ? 'New signing secret' : 'Webhook added'}
          onClose={() => setSecret(null)}
          footer={
            <button type="button" className="primary" onClick={() => setSecret(null)}>
              I have stored the secret
            </button>
          }
        >
          <p className="notice">
            Copy the signing secret now: it is shown only this once.{' '}
            {secret.rotated ? (
              <>
                Every delivery from now on, retries included, is signed with it: put it on{' '}
                <code>{secret.hook.url}</code>’s server now.
              </>
            ) : (
              <>
                Check each delivery’s <code>X-FLC-Signature</code> (<code>v1=</code> hex HMAC-SHA256
                of <code>timestamp + "." + body</code>) with it.
              </>
            )}
          </p>
          <CopyField
            label="Signing secret"
            value={secret.hook.signingSecret}
            testId="signing-secret"
          />
        </Dialog>
      ) : null}
      {rotating ? (
        <ConfirmDialog
          title="Rotate the signing secret?"
          confirmLabel="Rotate secret"
          danger
          pending={rotate.isPending}
          error={rotate.error?.message}
          onClose={() => {
            rotate.reset();
            setRotating(null);
          }}
          onConfirm={() =>
            rotate.mutate(rotating.id, {
              onSuccess: (hook) => {
                setRotating(null);
                setSecret({ hook, rotated: true });
              },
            })
          }
        >
          <p>
            The current secret stops signing at once: <code>{rotating.url}</code> rejects the
            deliveries that follow until it checks them with the new one.
          </p>
        </ConfirmDialog>
      ) : null}
      {deleting ? (
        <ConfirmDeletion
          title="Delete this webhook?"
          confirmLabel="Delete webhook"
          removal={remove}
          id={deleting.id}
          onDone={() => setDeleting(null)}
        >
          <p>
            <code>{deleting.url}</code> gets no more events, and its delivery log goes with it.
          </p>
        </ConfirmDeletion>
      ) : null}
    </>
  );
}
