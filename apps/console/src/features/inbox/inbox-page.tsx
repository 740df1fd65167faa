import type { Agent } from '@flc/protocol/resources';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTeam } from '../../lib/agents.ts';
import { useMe } from '../../lib/auth.tsx';
import { runCommand } from '../../lib/commands.ts';
import { type ConversationFilters, flattenPages } from '../../lib/conversations.ts';
import { errorText } from '../../lib/i18n/errors.ts';
import { type MessageKey, useT } from '../../lib/i18n/index.tsx';
import { useLabelMap } from '../../lib/labels.ts';
import { navigate } from '../../lib/router.tsx';
import { useConversations } from './api/get-conversations.ts';
import { ConversationList } from './conversation-list.tsx';
import { filtersFrom, inboxHref } from './filters.ts';
import { EnvironmentFilter, InboxFilters } from './inbox-filters.tsx';
import { ShortcutHelp } from './shortcut-help.tsx';
import { commandFor, isControl, isEditable, stepSelection } from './shortcuts.ts';
import { useInboxLive } from './use-inbox-live.ts';
import './inbox.css';

interface Props {
  conversationId: string | null;
  search: URLSearchParams;
  /** The open conversation's pane (the conversation feature's), given its way back to the list. */
  renderConversation(id: string, back: () => void): ReactNode;
}

/** The inbox: the list on the left, the open conversation (and its contact) on the right. */
export function InboxPage({ conversationId, search, renderConversation }: Props) {
  const t = useT();
  const filters = useMemo(() => filtersFrom(search), [search]);
  const meId = useMe().data?.agent.id ?? null;
  const team = useTeam();
  const teamById = useMemo(
    () => new Map<string, Agent>((team.data ?? []).map((a) => [a.id, a])),
    [team.data],
  );
  const labels = useLabelMap();
  const list = useConversations(filters);
  const items = useMemo(() => flattenPages(list.data), [list.data]);
  const [cursor, setCursor] = useState<string | null>(conversationId);
  const [help, setHelp] = useState(false);
  useInboxLive();

  useEffect(() => setCursor(conversationId), [conversationId]);

  const setFilters = (next: ConversationFilters) =>
    navigate(inboxHref(conversationId, next), { replace: true });
  const back = useCallback(() => navigate(inboxHref(null, filters)), [filters]);

  const ids = useMemo(() => items.map((c) => c.id), [items]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const command = commandFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        editing: isEditable(event.target),
        onControl: isControl(event.target),
      });
      if (!command) return;
      switch (command) {
        case 'next':
        case 'previous':
          setCursor((current) => stepSelection(ids, current, command === 'next' ? 1 : -1));
          break;
        case 'open':
          if (!cursor || cursor === conversationId) return;
          navigate(inboxHref(cursor, filters));
          break;
        case 'help':
          setHelp(true);
          break;
        case 'leave-composer':
          if (!isEditable(event.target)) return;
          (event.target as HTMLElement).blur();
          break;
        default:
          if (!runCommand(command)) return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ids, cursor, conversationId, filters]);

  const loadMore = useCallback(() => {
    if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }, [list.hasNextPage, list.isFetchingNextPage, list.fetchNextPage]);

  return (
    <div className="inbox" data-open={conversationId ? 'true' : undefined}>
      <section className="inbox-list-pane" aria-label={t('inbox.title')}>
        <header className="inbox-list-header">
          <div className="inbox-title">
            <h1>{t('inbox.title')}</h1>
            <EnvironmentFilter filters={filters} onChange={setFilters} />
            <button
              type="button"
              className="ui-icon-button"
              title={t('inbox.shortcutsHint')}
              aria-label={t('inbox.shortcuts')}
              onClick={() => setHelp(true)}
            >
              ?
            </button>
          </div>
          <InboxFilters filters={filters} onChange={setFilters} />
        </header>
        {list.isPending ? (
          <ListSkeleton />
        ) : list.isError && items.length === 0 ? (
          <div className="ui-pane-state" role="alert">
            <p>{t('inbox.loadFailed')}</p>
            <p className="muted">{errorText(list.error)}</p>
            <button type="button" onClick={() => void list.refetch()}>
              {t('common.retry')}
            </button>
          </div>
        ) : items.length === 0 ? (
          <EmptyList filters={filters} />
        ) : (
          <ConversationList
            items={items}
            filters={filters}
            openId={conversationId}
            cursorId={cursor}
            team={teamById}
            labels={labels}
            meId={meId}
            hasMore={list.hasNextPage}
            loadingMore={list.isFetchingNextPage}
            loadMore={loadMore}
          />
        )}
      </section>
      <div className="inbox-workspace">
        {conversationId ? (
          renderConversation(conversationId, back)
        ) : (
          <div className="ui-pane-state ui-pane-state-big">
            <ChatIllustration />
            <p className="ui-pane-state-title">{t('inbox.pick')}</p>
            <p className="muted">
              {t.rich('inbox.pickHint', { k: (chunks) => <kbd>{chunks}</kbd> })}
            </p>
          </div>
        )}
      </div>
      {help ? <ShortcutHelp onClose={() => setHelp(false)} /> : null}
    </div>
  );
}

const emptyText: Record<ConversationFilters['status'], [MessageKey, MessageKey]> = {
  open: ['inbox.emptyOpen', 'inbox.emptyOpenText'],
  snoozed: ['inbox.emptySnoozed', 'inbox.emptySnoozedText'],
  closed: ['inbox.emptyClosed', 'inbox.emptyClosedText'],
};

function EmptyList({ filters }: { filters: ConversationFilters }) {
  const t = useT();
  const [title, text] = emptyText[filters.status];
  const filtered = filters.assignee !== 'all' || !!filters.environmentId || !!filters.labelId;
  return (
    <div className="ui-pane-state">
      <p className="ui-pane-state-title">{t(title)}</p>
      <p className="muted">{filtered ? t('inbox.filtersOn', { text: t(text) }) : t(text)}</p>
    </div>
  );
}

function ListSkeleton() {
  const t = useT();
  return (
    <ul className="conv-list" aria-busy="true" aria-label={t('inbox.loadingConversations')}>
      {[0, 1, 2, 3, 4, 5].map((i) => (
        <li key={i} className="conv-row inbox-skeleton-row">
          <span className="ui-skeleton ui-skeleton-avatar" />
          <span className="conv-row-main">
            <span
              className="ui-skeleton ui-skeleton-line"
              style={{ width: `${50 + ((i * 13) % 30)}%` }}
            />
            <span
              className="ui-skeleton ui-skeleton-line"
              style={{ width: `${70 + ((i * 7) % 25)}%` }}
            />
          </span>
        </li>
      ))}
    </ul>
  );
}

function ChatIllustration() {
  return (
    <svg width="72" height="72" viewBox="0 0 72 72" aria-hidden="true">
      <rect x="6" y="12" width="44" height="30" rx="10" fill="#dbeafe" />
      <rect x="22" y="30" width="44" height="30" rx="10" fill="#2563eb" opacity="0.85" />
      <circle cx="36" cy="45" r="2.5" fill="#fff" />
      <circle cx="44" cy="45" r="2.5" fill="#fff" />
      <circle cx="52" cy="45" r="2.5" fill="#fff" />
    </svg>
  );
}
