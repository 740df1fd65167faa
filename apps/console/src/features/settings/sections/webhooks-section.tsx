import type { Environment, Webhook, WebhookCreated } from '@flc/protocol/resources';
import { useState } from 'react';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { FormAlert } from '../../../lib/field.tsx';
import { formErrors } from '../../../lib/form-errors.ts';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
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
      <SectionHeader title={t('settings.webhooks')} description={t('keys.webhooksDescription')} />
      <EnvironmentScoped what={t('settings.webhooks')}>
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
        title={t('keys.webhooksOf', { name: env.name })}
        actions={
          manager ? (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              {t('keys.addWebhook')}
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
          <Empty title={t('keys.noWebhooks')}>{t('keys.noWebhooksHint')}</Empty>
        ) : (
          <ul className="rows" aria-label={t('settings.webhooks')}>
            {items.map((hook) => (
              <li key={hook.id} className="webhook">
                <div className="webhook-main">
                  <div className="webhook-url">
                    <code title={hook.url}>{hook.url}</code>
                    {hook.enabled ? (
                      <Badge tone="green">{t('keys.enabled')}</Badge>
                    ) : (
                      <Badge tone="red">{t('keys.disabled')}</Badge>
                    )}
                    {hook.enabled && hook.consecutiveFailures > 0 ? (
                      <Badge tone="amber">
                        {t('keys.failedInARow', { n: hook.consecutiveFailures })}
                      </Badge>
                    ) : null}
                  </div>
                  <ul className="event-chips" aria-label={t('keys.events')}>
                    {hook.events.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                  {!hook.enabled ? (
                    <div className="webhook-disabled" role="status">
                      <strong>
                        {hook.disabledAt
                          ? t('keys.disabledAgo', { ago: relativeTime(hook.disabledAt) })
                          : t('keys.disabledColon')}
                      </strong>{' '}
                      {hook.disabledReason ?? t('keys.byAdmin')}
                      {manager ? (
                        <button
                          type="button"
                          className="primary"
                          disabled={update.isPending}
                          onClick={() => update.mutate({ id: hook.id, patch: { enabled: true } })}
                        >
                          {t('keys.reenable')}
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
                    {open === hook.id ? t('keys.hideDeliveries') : t('keys.deliveries')}
                  </button>
                  {manager ? (
                    <button type="button" onClick={() => setRotating(hook)}>
                      {t('environment.rotateSecret')}
                    </button>
                  ) : null}
                  {manager && hook.enabled ? (
                    <button
                      type="button"
                      disabled={update.isPending}
                      onClick={() => update.mutate({ id: hook.id, patch: { enabled: false } })}
                    >
                      {t('settings.disable')}
                    </button>
                  ) : null}
                  {manager ? (
                    <button type="button" className="danger" onClick={() => setDeleting(hook)}>
                      {t('common.delete')}
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
          title={secret.rotated ? t('keys.newSecret') : t('keys.webhookAdded')}
          onClose={() => setSecret(null)}
          footer={
            <button type="button" className="primary" onClick={() => setSecret(null)}>
              {t('keys.stored')}
            </button>
          }
        >
          <p className="notice">
            {t('keys.copySecretNow')}{' '}
            {secret.rotated
              ? t.rich('keys.rotatedHint', {
                  url: secret.hook.url,
                  code: (chunks) => <code>{chunks}</code>,
                })
              : t.rich('keys.addedHint', { code: (chunks) => <code>{chunks}</code> })}
          </p>
          <CopyField
            label={t('keys.signingSecret')}
            value={secret.hook.signingSecret}
            testId="signing-secret"
          />
        </Dialog>
      ) : null}
      {rotating ? (
        <ConfirmDialog
          title={t('keys.rotateTitle')}
          confirmLabel={t('environment.rotateSecret')}
          danger
          pending={rotate.isPending}
          error={rotate.error ? errorText(rotate.error) : undefined}
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
            {t.rich('keys.rotateBody', {
              url: rotating.url,
              code: (chunks) => <code>{chunks}</code>,
            })}
          </p>
        </ConfirmDialog>
      ) : null}
      {deleting ? (
        <ConfirmDeletion
          title={t('keys.deleteTitle')}
          confirmLabel={t('keys.deleteWebhook')}
          removal={remove}
          id={deleting.id}
          onDone={() => setDeleting(null)}
        >
          <p>
            {t.rich('keys.deleteBody', {
              url: deleting.url,
              code: (chunks) => <code>{chunks}</code>,
            })}
          </p>
        </ConfirmDeletion>
      ) : null}
    </>
  );
}
