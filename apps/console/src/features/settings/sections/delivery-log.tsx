import type { Delivery, DeliveryStatus, Webhook } from '@flc/protocol/resources';
import { useState } from 'react';
import { FormAlert } from '../../../lib/field.tsx';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { useDeliveries } from '../api/get-deliveries.ts';
import { useRetryDelivery, useSendTestEvent } from '../api/webhooks.ts';
import { Badge, Empty, ErrorState, Loading } from '../components/states.tsx';
import { canRetry } from '../deliveries.ts';
import { dateTime, relativeTime } from '../format.ts';

const FILTERS: readonly (DeliveryStatus | 'all')[] = ['all', 'failed', 'pending', 'delivered'];

const TONES = { delivered: 'green', pending: 'blue', failed: 'red' } as const;

function outcome(d: Delivery): string {
  if (d.status === 'delivered' && d.deliveredAt) {
    return t('keys.deliveredAgo', { ago: relativeTime(d.deliveredAt) });
  }
  if (d.status === 'pending' && d.nextAttemptAt) {
    return t('keys.nextTry', { when: relativeTime(d.nextAttemptAt) });
  }
  if (d.status === 'failed') return t('keys.givenUp');
  return '';
}

/**
 * A webhook's deliveries, newest first, filtered by status, refreshed while open; managers send
 * a test event from here and queue given-up deliveries again.
 */
export function DeliveryLog({ webhook, manager }: { webhook: Webhook; manager: boolean }) {
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('all');
  const log = useDeliveries(webhook.id, status);
  const sendTest = useSendTestEvent();
  const retry = useRetryDelivery();
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const retries = manager && items.some((d) => canRetry(d, webhook));
  const failure = sendTest.error ?? retry.error;
  const test = () => {
    retry.reset();
    // The test event is pending at first: a filter that hides it would look like nothing happened.
    if (status !== 'all' && status !== 'pending') setStatus('all');
    sendTest.mutate(webhook.id);
  };
  return (
    <section className="delivery-log" aria-label={t('keys.deliveryLog')}>
      <div className="delivery-log-bar">
        <div className="segmented" role="radiogroup" aria-label={t('keys.status')}>
          {FILTERS.map((f) => (
            // biome-ignore lint/a11y/useSemanticElements: a segmented control of buttons
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={status === f}
              onClick={() => setStatus(f)}
            >
              {t('keys.deliveryStatus', { status: f })}
            </button>
          ))}
        </div>
        {manager && webhook.enabled ? (
          <button type="button" disabled={sendTest.isPending} onClick={test}>
            {sendTest.isPending ? t('keys.sending') : t('keys.sendTest')}
          </button>
        ) : null}
      </div>
      {failure ? (
        <FormAlert>{errorText(failure)}</FormAlert>
      ) : sendTest.isSuccess || retry.isSuccess ? (
        <p role="status" className="muted small">
          {sendTest.isSuccess ? t('keys.testQueued') : t('keys.retryQueued')}
        </p>
      ) : null}
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          title={status === 'all' ? t('keys.noDeliveries') : t('keys.noDeliveriesOf', { status })}
        >
          {status === 'all'
            ? manager && webhook.enabled
              ? t('keys.noDeliveriesTest')
              : t('keys.noDeliveriesHint')
            : null}
        </Empty>
      ) : (
        <table className="table table-compact" aria-label={t('keys.deliveries')}>
          <thead>
            <tr>
              <th>{t('keys.event')}</th>
              <th>{t('keys.status')}</th>
              <th>{t('keys.attempts')}</th>
              <th>{t('keys.lastResponse')}</th>
              <th>{t('keys.created')}</th>
              {retries ? <th aria-label={t('keys.actions')} /> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  <code>{d.eventType}</code>
                </td>
                <td>
                  <Badge tone={TONES[d.status]}>
                    {t('keys.deliveryStatus', { status: d.status })}
                  </Badge>
                  <div className="muted small">{outcome(d)}</div>
                </td>
                <td>{d.attempts}</td>
                <td className="last-error">
                  {d.lastStatusCode ? <code>HTTP {d.lastStatusCode}</code> : null}
                  {d.lastError ? <span className="error"> {d.lastError}</span> : null}
                  {!d.lastStatusCode && !d.lastError ? <span className="muted">—</span> : null}
                </td>
                <td className="muted" title={d.createdAt}>
                  {dateTime(d.createdAt)}
                </td>
                {retries ? (
                  <td>
                    {canRetry(d, webhook) ? (
                      <button
                        type="button"
                        aria-label={t('keys.retryDelivery', { event: d.eventType })}
                        disabled={retry.isPending && retry.variables?.deliveryId === d.id}
                        onClick={() => {
                          sendTest.reset();
                          retry.mutate({ webhookId: webhook.id, deliveryId: d.id });
                        }}
                      >
                        {retry.isPending && retry.variables?.deliveryId === d.id
                          ? t('keys.retrying')
                          : t('keys.retry')}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.hasNextPage ? (
        <button
          type="button"
          className="load-more"
          disabled={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          {log.isFetchingNextPage ? t('common.loading') : t('keys.showOlder')}
        </button>
      ) : null}
    </section>
  );
}
