import type { AuditEvent } from '@flc/protocol/resources';
import { useId, useState } from 'react';
import { t } from '../../../lib/i18n/index.tsx';
import { useAuditEvents } from '../api/get-audit-events.ts';
import { AUDIT_FILTERS, actionWords, filterWords, targetWords } from '../audit-words.ts';
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
      <SectionHeader title={t('audit.title')} description={t('audit.description')} />
      <div className="toolbar">
        <div className="env-picker">
          <label htmlFor={filterId}>{t('audit.filter')}</label>
          <select id={filterId} value={prefix} onChange={(e) => setPrefix(e.target.value)}>
            {AUDIT_FILTERS.map((f) => (
              <option key={f} value={f}>
                {filterWords(f)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Card title={filterWords(prefix)}>
        {log.isPending ? (
          <Loading />
        ) : log.isError ? (
          <ErrorState error={log.error} onRetry={() => void log.refetch()} />
        ) : items.length === 0 ? (
          <Empty title={prefix ? t('audit.emptyFiltered') : t('audit.empty')} />
        ) : (
          <table className="table table-compact audit-table" aria-label={t('audit.table')}>
            <thead>
              <tr>
                <th scope="col">{t('audit.columnsTime')}</th>
                <th scope="col">{t('audit.columnsActor')}</th>
                <th scope="col">{t('audit.columnsAction')}</th>
                <th scope="col">{t('audit.columnsTarget')}</th>
                <th scope="col">{t('audit.columnsIp')}</th>
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
            {log.isFetchingNextPage ? t('audit.loadingMore') : t('audit.more')}
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
            {t('audit.actorKind', { kind: actor.kind })}
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
