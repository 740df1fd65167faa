import type { Agent, Conversation, Label } from '@flc/protocol/resources';
import { useEffect, useRef } from 'react';
import { Avatar } from '../../lib/avatar.tsx';
import { type ConversationFilters, previewText } from '../../lib/conversations.ts';
import { contactName, shortAgo, snoozedLabel } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/index.tsx';
import { LabelChips } from '../../lib/label-chips.tsx';
import { labelsOf } from '../../lib/labels.ts';
import { Link } from '../../lib/router.tsx';
import { inboxHref } from './filters.ts';

interface Props {
  items: Conversation[];
  filters: ConversationFilters;
  openId: string | null;
  /** The keyboard's row (j/k), open or not. */
  cursorId: string | null;
  team: ReadonlyMap<string, Agent>;
  /** The organization's labels by id, for the rows' chips. */
  labels: ReadonlyMap<string, Label>;
  meId: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
}

/** The rows, newest activity first; the last row in view asks for the next page. */
export function ConversationList(props: Props) {
  const { items, hasMore, loadingMore, loadMore, cursorId } = props;
  const sentinel = useRef<HTMLLIElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const t = useT();

  useEffect(() => {
    const target = sentinel.current;
    if (!target || !hasMore) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !loadingMore) loadMore();
      },
      { root: list.current, rootMargin: '200px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasMore, loadingMore, loadMore]);

  useEffect(() => {
    if (!cursorId) return;
    list.current
      ?.querySelector(`[data-id="${CSS.escape(cursorId)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [cursorId]);

  return (
    <ul className="conv-list" ref={list} aria-label={t('inbox.conversations')}>
      {items.map((c) => (
        <Row key={c.id} conversation={c} {...props} />
      ))}
      {hasMore ? (
        <li ref={sentinel} className="conv-list-more">
          {loadingMore ? (
            <span className="ui-spinner" role="status" aria-label={t('inbox.loadingMore')} />
          ) : null}
        </li>
      ) : items.length > 8 ? (
        <li className="conv-list-end">{t('inbox.end')}</li>
      ) : null}
    </ul>
  );
}

function Row({
  conversation: c,
  filters,
  openId,
  cursorId,
  team,
  labels,
  meId,
}: Props & { conversation: Conversation }) {
  const t = useT();
  const chips = labelsOf(c.labelIds, labels);
  const name = contactName(c.contact);
  const last = c.lastMessage;
  const assignee = c.assigneeId ? team.get(c.assigneeId) : undefined;
  const preview = (text: string) => {
    if (!last || last.sender.type === 'visitor') return text;
    if (last.sender.id === meId) return t('inbox.you', { text });
    const sender = last.sender.name ?? team.get(last.sender.id)?.name ?? t('inbox.team');
    return t('inbox.teammate', { name: sender, text });
  };
  return (
    <li data-id={c.id} className="conv-row-item">
      <Link
        to={inboxHref(c.id, filters)}
        className="conv-row"
        aria-current={c.id === openId ? 'page' : undefined}
        data-cursor={c.id === cursorId ? 'true' : undefined}
        data-unread={c.unread > 0 ? 'true' : undefined}
      >
        <Avatar id={c.contact.id} name={name} size={36} />
        <span className="conv-row-main">
          <span className="conv-row-top">
            <span className="conv-row-name">{name}</span>
            <time className="conv-row-time" dateTime={c.lastActivityAt} title={c.lastActivityAt}>
              {shortAgo(c.lastActivityAt)}
            </time>
          </span>
          <span className="conv-row-bottom">
            <span className="conv-row-preview">
              {last ? preview(previewText(last)) : <em>{t('inbox.noMessages')}</em>}
            </span>

            {assignee ? (
              <span
                className="conv-row-assignee"
                title={t('inbox.assignedTo', { name: assignee.name })}
              >
                <Avatar id={assignee.id} name={assignee.name} size={18} />
              </span>
            ) : null}
            {c.unread > 0 ? (
              <span className="ui-badge" title={t('inbox.unread', { n: c.unread })}>
                {c.unread > 99 ? '99+' : c.unread}
              </span>
            ) : null}
          </span>
          {chips.length > 0 ? (
            <LabelChips labels={chips} max={3} inline className="conv-row-labels" />
          ) : null}
          {c.status === 'snoozed' ? (
            <span className="conv-row-snoozed">
              <ClockIcon />
              {snoozedLabel(c.snoozedUntil)}
            </span>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

function ClockIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeWidth="2" />
      <path d="M12 7v5l3 2" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
