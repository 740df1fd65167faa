import { useState } from 'react';
import { useDeliveries } from '../api/get-deliveries.ts';
import { Badge, Empty, ErrorState, Loading } from '../components/states.tsx';
import { dateTime, relativeTime } from '../format.ts';
import type { Delivery, DeliveryStatus } from '../types.ts';

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

/** A webhook's deliveries, newest first, filtered by status, refreshed while open. */
export function DeliveryLog({ webhookId }: { webhookId: string }) {
  const [status, setStatus] = useState<DeliveryStatus | 'all'>('all');
  const log = useDeliveries(webhookId, status);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="delivery-log" aria-label="Delivery log">
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
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={status === 'all' ? 'No deliveries yet' : `No ${status} deliveries`}>
          {status === 'all' ? 'Events appear here as they are sent.' : null}
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
