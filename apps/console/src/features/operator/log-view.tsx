import type { OperatorEvent } from '@flc/protocol/resources';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useApi } from '../../lib/auth.tsx';
import { shortAgo } from '../../lib/format.ts';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { asOperator } from './operator-api.ts';

// The facts are the API's (a reason, a tenant's name), shown as they are.
const detailsText = (details: Record<string, unknown>) =>
  Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');

/** The operators' own log, newest first: sign-ins, suspensions, deletions, policy changes. */
export function LogView({ token }: { token: string }) {
  const api = useApi();
  const events = useInfiniteQuery({
    queryKey: ['operator', 'events'],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      asOperator<{ items: OperatorEvent[]; nextCursor: string | null }>(
        api,
        token,
        '/v1/operator/events',
        { query: { cursor: pageParam } },
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
  });
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="operator-log">
      <h2 id="operator-log">{t('operator.logTitle')}</h2>
      {events.isError ? <p role="alert">{errorText(events.error)}</p> : null}
      <table>
        <caption>{t('operator.logCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('operator.logWhen')}</th>
            <th scope="col">{t('operator.logWho')}</th>
            <th scope="col">{t('operator.logAction')}</th>
            <th scope="col">{t('operator.logDetails')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((event) => (
            <tr key={event.id}>
              <td>
                <time dateTime={event.occurredAt}>{shortAgo(event.occurredAt)}</time>
              </td>
              <td>{event.operator.email}</td>
              <td>
                <code>{event.action}</code>
              </td>
              <td>{detailsText(event.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.hasNextPage ? (
        <button type="button" onClick={() => events.fetchNextPage()}>
          {t('operator.more')}
        </button>
      ) : null}
    </section>
  );
}
