import type { Delivery, DeliveryStatus, Webhook } from '@flc/protocol/resources';
import { useState } from 'react';
import { FormAlert } from '../../../lib/field.tsx';
import { useDeliveries } from '../api/get-deliveries.ts';
import { useRetryDelivery, useSendTestEvent } from '../api/webhooks.ts';
import { Badge, Empty, ErrorState, Loading } from '../components/states.tsx';
import { canRetry } from '../deliveries.ts';
import { dateTime, relativeTime } from '../format.ts';

const FILTERS: { id: DeliveryStatus | 'all'; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'failed', label: 'Failed' },
  { id: 'pending', label: 'Pending' },
  { id: 'delivered', label: 'Delivered' },
];

const TONES = { delivered: 'green', pending: 'blue', failed: 'red' } as const;

function outcome(d: Delivery): string {
  if (d.status === 'delivered' && d.deliveredAt) return `Delivered ${relativeTime(d.deliveredAt)}`;
  if (d.status === 'pending' && d.nextAttemptAt) return `Next try ${relativeTime(d.nextAttemptAt)}`;
  if (d.status === 'failed') return 'Given up';
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
    <section className="delivery-log" aria-label="Delivery log">
      <div className="delivery-log-bar">
        <div className="segmented" role="radiogroup" aria-label="Status">
          {FILTERS.map((f) => (
            // biome-ignore lint/a11y/useSemanticElements: a segmented control of buttons
            <button
              key={f.id}
              type="button"
              role="radio"
              aria-checked={status === f.id}
              onClick={() => setStatus(f.id)}
            >
              {f.label}
            </button>
          ))}
        </div>
        {manager && webhook.enabled ? (
          <button type="button" disabled={sendTest.isPending} onClick={test}>
            {sendTest.isPending ? 'Sending…' : 'Send test event'}
          </button>
        ) : null}
      </div>
      {failure ? (
        <FormAlert>{failure.message}</FormAlert>
      ) : sendTest.isSuccess || retry.isSuccess ? (
        <p role="status" className="muted small">
          {sendTest.isSuccess
            ? 'Test event queued: it is signed, logged and retried like any other event.'
            : 'Delivery queued again, with the same event id: it is tried right away.'}
        </p>
      ) : null}
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={status === 'all' ? 'No deliveries yet' : `No ${status} deliveries`}>
          {status === 'all'
            ? `Events appear here as they are sent.${manager && webhook.enabled ? ' Send a test event to check your endpoint.' : ''}`
            : null}
        </Empty>
      ) : (
        <table className="table table-compact" aria-label="Deliveries">
          <thead>
            <tr>
              <th>Event</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Last response</th>
              <th>Created</th>
              {retries ? <th aria-label="Actions" /> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  <code>{d.eventType}</code>
                </td>
                <td>
                  <Badge tone={TONES[d.status]}>{d.status}</Badge>
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
                        aria-label={`Retry ${d.eventType} delivery`}
                        disabled={retry.isPending && retry.variables?.deliveryId === d.id}
                        onClick={() => {
                          sendTest.reset();
                          retry.mutate({ webhookId: webhook.id, deliveryId: d.id });
                        }}
                      >
                        {retry.isPending && retry.variables?.deliveryId === d.id
                          ? 'Retrying…'
                          : 'Retry'}
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
          {log.isFetchingNextPage ? 'Loading…' : 'Show older'}
        </button>
      ) : null}
    </section>
  );
}
