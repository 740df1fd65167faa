import type { Agent, Mention } from '@flc/protocol/resources';
import { useMemo } from 'react';
import { useTeam } from '../../lib/agents.ts';
import { useMe } from '../../lib/auth.tsx';
import { Avatar } from '../../lib/avatar.tsx';
import { contactName, messageTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n/index.tsx';
import { Link } from '../../lib/router.tsx';
import { flattenMentions, useMentions, useUnreadMentions } from './api/get-mentions.ts';
import { useMarkMentionRead, useMarkMentionsRead } from './api/mark-read.ts';
import './mentions.css';

/** The notes that mentioned the agent, newest first; unread ones marked in words, not color. */
export function MentionsPage() {
  const handle = useMe().data?.agent.handle;
  const team = useTeam().data;
  const byId = useMemo(() => new Map<string, Agent>((team ?? []).map((a) => [a.id, a])), [team]);
  const list = useMentions();
  const unread = useUnreadMentions().data?.unread ?? 0;
  const markAll = useMarkMentionsRead();
  const items = flattenMentions(list.data?.pages);

  return (
    <main className="ui-page mentions-page" aria-labelledby="mentions-title">
      <header className="mentions-header">
        <div>
          <h1 id="mentions-title">{t('mentions.title')}</h1>
          <p className="muted">
            {t('mentions.intro')} {handle ? t('mentions.yourHandle', { handle }) : null}
          </p>
        </div>
        <button
          type="button"
          onClick={() => markAll.mutate(undefined)}
          disabled={unread === 0 || markAll.isPending}
        >
          {t('mentions.markAllRead')}
        </button>
      </header>
      {list.isPending ? (
        <div className="ui-pane-state">
          <span className="ui-spinner" role="status" aria-label={t('mentions.loading')} />
        </div>
      ) : list.isError ? (
        <div className="ui-pane-state" role="alert">
          <p>{t('mentions.failed')}</p>
          <button type="button" onClick={() => void list.refetch()}>
            {t('mentions.retry')}
          </button>
        </div>
      ) : items.length === 0 ? (
        <div className="ui-pane-state">
          <p>{t('mentions.empty')}</p>
        </div>
      ) : (
        <ul className="mentions-list">
          {items.map((m) => (
            <MentionRow key={m.id} mention={m} author={authorName(m, byId)} />
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <button
          type="button"
          className="mentions-more"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {t('mentions.loadMore')}
        </button>
      ) : null}
    </main>
  );
}

const authorName = (m: Mention, team: ReadonlyMap<string, Agent>) =>
  m.author.name ?? team.get(m.author.id)?.name ?? t('mentions.someone');

function MentionRow({ mention: m, author }: { mention: Mention; author: string }) {
  const markOne = useMarkMentionRead();
  const unread = m.readAt === null;
  return (
    <li className="mention-item" data-unread={unread || undefined}>
      <Avatar id={m.author.id} name={author} size={32} />
      <Link
        to={`/inbox/${encodeURIComponent(m.conversationId)}?seq=${m.seq}`}
        className="mention-link"
        onClick={() => {
          if (unread) markOne.mutate(m.id);
        }}
      >
        <span className="mention-line">
          <strong>{t('mentions.mentioned', { author })}</strong>{' '}
          {t('mentions.inConversation', { contact: contactName(m.contact) })}
          {' · '}
          <time dateTime={m.createdAt}>{messageTime(m.createdAt)}</time>
        </span>
        <span className="mention-body">{m.body}</span>
      </Link>
      {unread ? (
        <span className="mention-actions">
          <span className="mention-unread">{t('mentions.unread')}</span>
          <button
            type="button"
            className="link"
            onClick={() => markOne.mutate(m.id)}
            disabled={markOne.isPending}
          >
            {t('mentions.markRead')}
          </button>
        </span>
      ) : null}
    </li>
  );
}
