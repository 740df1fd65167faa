import type { AuditEvent } from '@flc/protocol/resources';
import { useId, useState } from 'react';
import { useAuditEvents } from '../api/get-audit-events.ts';
import { AUDIT_FILTERS, actionWords, targetWords, AUDIT_WORDS as W } from '../audit-words.ts';
import { Badge, Card, Empty, ErrorState, Loading } from '../components/states.tsx';
import { dateTime } from '../format.ts';
import { SectionHeader } from './section-header.tsx';

/** The organization's audit log (owners only): newest first, filtered by kind of action. */
export function AuditLogSection() {
  const [prefix, setPrefix] = useState('');
  const filterId = useId();
  const log = useAuditEvents(prefix);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <SectionHeader title={W.title} description={W.description} />
      <div className="toolbar">
        <div className="env-picker">
          <label htmlFor={filterId}>{W.filter}</label>
          <select id={filterId} value={prefix} onChange={(e) => setPrefix(e.target.value)}>
            {AUDIT_FILTERS.map((f) => (
              <option key={f.prefix} value={f.prefix}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Card title={AUDIT_FILTERS.find((f) => f.prefix === prefix)?.label ?? W.title}>
        {log.isPending ? (
          <Loading />
        ) : log.isError ? (
          <ErrorState error={log.error} onRetry={() => void log.refetch()} />
        ) : items.length === 0 ? (
          <Empty title={prefix ? W.emptyFiltered : W.empty} />
        ) : (
          <table className="table table-compact audit-table" aria-label={W.table}>
            <thead>
              <tr>
                <th scope="col">{W.columns.time}</th>
                <th scope="col">{W.columns.actor}</th>
                <th scope="col">{W.columns.action}</th>
                <th scope="col">{W.columns.target}</th>
                <th scope="col">{W.columns.ip}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <AuditRow key={event.id} event={event} />
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
            {log.isFetchingNextPage ? W.loadingMore : W.more}
          </button>
        ) : null}
      </Card>
    </>
  );
}

function AuditRow({ event }: { event: AuditEvent }) {
  const { actor } = event;
  return (
    <tr>
      <td className="muted nowrap">
        <time dateTime={event.occurredAt} title={event.occurredAt}>
          {dateTime(event.occurredAt)}
        </time>
      </td>
      <td>
        {actor.kind === 'agent' ? (
          <span className="strong">{actor.label}</span>
        ) : (
          <Badge tone={actor.kind === 'anonymous' ? 'amber' : 'gray'}>
            {W.actorKinds[actor.kind]}
          </Badge>
        )}
      </td>
      <td>
        {actionWords(event.action)}
        <div className="muted small">
          <code>{event.action}</code>
        </div>
      </td>
      <td>{targetWords(event)}</td>
      <td className="muted" title={event.userAgent ?? undefined}>
        {event.ip ?? '—'}
      </td>
    </tr>
  );
}
