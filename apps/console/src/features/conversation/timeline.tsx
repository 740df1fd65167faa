import type { Sender } from '@flc/protocol';
import type { Agent, Message } from '@flc/protocol/resources';
import { type FocusEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Avatar } from '../../lib/avatar.tsx';
import { dayLabel, messageTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n/index.tsx';
import { LockIcon } from './composer.tsx';
import { MessageBody } from './message-body.tsx';
import { seenMarker, type TimelineItem } from './messages.ts';
import { useAnnouncement } from './use-announcement.ts';
import { ViaEmailBadge } from './via-email.tsx';
import './notes.css';

interface Props {
  items: TimelineItem[];
  messages: Message[];
  contactName: string;
  contactId: string;
  meId: string | null;
  /** An owner or admin: may change any agent's message or note, not only their own. */
  moderates: boolean;
  team: ReadonlyMap<string, Agent>;
  visitorReadSeq: number;
  typing: Sender | null;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
  /** Opened in the middle (at `target`): newer messages are still to be paged in. */
  hasNewer: boolean;
  loadingNewer: boolean;
  loadNewer(): void;
  /** The message the view opened at (a search hit): scrolled to, highlighted and focused. */
  target: number | null;
  retry(cid: string): void;
  discard(cid: string): void;
}

/** Near enough to the bottom that new messages keep the view pinned to it. */
const STICK_PX = 80;
/** Near enough to either end of what is loaded that the next page is fetched. */
const PAGE_PX = 240;
/** Group a sender's messages written this close together under one name and time. */
const GROUP_MS = 5 * 60_000;

export function Timeline(props: Props) {
  const { items, messages, hasOlder, loadingOlder, loadOlder, typing, visitorReadSeq } = props;
  const { hasNewer, loadingNewer, loadNewer, target } = props;
  const box = useRef<HTMLDivElement>(null);
  // The message opened at, or the next one when it is gone (deleted, or a seq from elsewhere);
  // none past the newest, where the view then opens as usual.
  const anchor = target === null ? null : (messages.find((m) => m.seq >= target)?.seq ?? null);
  // Opened at a message, the view stays there rather than follow the newest.
  const stuck = useRef(anchor === null);
  const height = useRef(0);
  const oldest = useRef<number | null>(null);
  const newest = useRef<number | null>(null);
  const pagingNewer = useRef(false);
  const [below, setBelow] = useState(false);
  const [shown, setShown] = useState<number | null>(null);

  const first = messages[0]?.seq ?? null;
  const last = messages.at(-1)?.seq ?? null;
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (anchor !== null && shown === null) {
      el.querySelector(`[data-seq="${anchor}"]`)?.scrollIntoView({ block: 'center' });
    } else if (oldest.current !== null && first !== null && first < oldest.current) {
      el.scrollTop += el.scrollHeight - height.current; // older page prepended: stay put
    } else if (stuck.current && !hasNewer) {
      el.scrollTop = el.scrollHeight;
    } else if (
      // A live message arrived below (not a newer page paged in, not a re-render).
      !hasNewer &&
      !pagingNewer.current &&
      last !== null &&
      newest.current !== null &&
      last > newest.current
    ) {
      setBelow(true);
    }
    oldest.current = first;
    newest.current = last;
    pagingNewer.current = loadingNewer;
    height.current = el.scrollHeight;
  });

  // Focus after the scroll, and after the search box (closing as this opens) returns focus.
  useEffect(() => {
    if (anchor === null || shown !== null) return;
    if (anchor === target) {
      box.current
        ?.querySelector<HTMLElement>(`[data-seq="${anchor}"]`)
        ?.focus({ preventScroll: true });
    }
    setShown(anchor);
  }, [anchor, shown, target]);

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    stuck.current = !hasNewer && fromBottom < STICK_PX;
    if (stuck.current) setBelow(false);
    if (el.scrollTop < PAGE_PX && hasOlder && !loadingOlder) loadOlder();
    if (fromBottom < PAGE_PX && hasNewer && !loadingNewer) loadNewer();
  };

  // A paging button gives way to a spinner, or to the start or the newest reached: focus stays in
  // the history rather than fall to the page (whether a key, a click or the scroll paged).
  const pager = useRef<HTMLElement | null>(null);
  const pagerProps = (load: () => void) => ({
    onClick: load,
    onFocus: (e: FocusEvent<HTMLElement>) => {
      pager.current = e.currentTarget;
    },
  });
  useLayoutEffect(() => {
    if (!pager.current || pager.current.isConnected) return;
    pager.current = null;
    if (document.activeElement === null || document.activeElement === document.body) {
      box.current?.focus({ preventScroll: true });
    }
  });

  const toBottom = () => {
    const el = box.current;
    if (!el) return;
    stuck.current = true;
    el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
    setBelow(false);
  };

  const announcement = useAnnouncement(messages, props.contactName, hasNewer);
  const seen = seenMarker(messages, visitorReadSeq);
  return (
    <div className="timeline-wrap">
      {/* What the visitor just wrote, said once by screen readers (as the widget's log does). */}
      <p className="visually-hidden timeline-announcer" aria-live="polite">
        {announcement}
      </p>
      {/*
        A log that takes focus: keyboard users scroll it with the arrows. Not live itself: pages
        of history and re-renders would be read out; the announcer above says what is new.
      */}
      <div
        className="timeline"
        ref={box}
        onScroll={onScroll}
        role="log"
        aria-live="off"
        aria-label={t('timeline.history')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        tabIndex={0}
      >
        <div className="timeline-top">
          {loadingOlder ? (
            <span className="ui-spinner" role="status" aria-label={t('timeline.loadingOlder')} />
          ) : hasOlder ? (
            <button type="button" className="link" {...pagerProps(loadOlder)}>
              {t('timeline.loadOlder')}
            </button>
          ) : messages.length > 0 ? (
            <span className="muted">{t('timeline.start')}</span>
          ) : null}
        </div>
        {items.map((item, i) => (
          <Item key={item.key} {...props} item={item} previous={items[i - 1]} seen={seen} />
        ))}
        {hasNewer ? (
          <div className="timeline-bottom">
            {loadingNewer ? (
              <span className="ui-spinner" role="status" aria-label={t('timeline.loadingNewer')} />
            ) : (
              <button type="button" className="link" {...pagerProps(loadNewer)}>
                {t('timeline.loadNewer')}
              </button>
            )}
          </div>
        ) : null}
        {typing ? (
          <div className="typing" role="status">
            <span className="typing-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {t('conversation.typing', {
              name:
                typing.type === 'visitor'
                  ? props.contactName
                  : (typing.name ?? t('conversation.aTeammate')),
            })}
          </div>
        ) : null}
      </div>
      {below ? (
        <button type="button" className="new-below" onClick={toBottom}>
          {t('timeline.newBelow')}
        </button>
      ) : null}
    </div>
  );
}

/** Who wrote an item, and whether as a note (notes are not grouped with replies). */
const authorOf = (item: TimelineItem | undefined, meId: string | null) =>
  item?.kind === 'message'
    ? `${item.message.sender.id}:${item.message.kind ?? 'message'}`
    : item
      ? `${meId ?? 'me'}:${item.outgoing.kind ?? 'message'}`
      : null;

/** The written label every note carries, so it is never told apart by its color alone. */
function NoteBadge() {
  return (
    <span className="note-badge">
      <LockIcon />
      {t('notes.noteBadge')}
    </span>
  );
}
const timeOf = (item: TimelineItem | undefined) =>
  item?.kind === 'message'
    ? Date.parse(item.message.createdAt)
    : item
      ? item.outgoing.createdAt
      : 0;

function Item({
  item,
  previous,
  seen,
  contactName,
  contactId,
  meId,
  moderates,
  team,
  retry,
  discard,
  target,
}: Props & { item: TimelineItem; previous: TimelineItem | undefined; seen: number | null }) {
  const at = timeOf(item);
  const prevAt = timeOf(previous);
  const iso = new Date(at).toISOString();
  const newDay = !previous || new Date(prevAt).toDateString() !== new Date(at).toDateString();
  const grouped =
    !newDay && authorOf(previous, meId) === authorOf(item, meId) && at - prevAt < GROUP_MS;
  const day = newDay ? (
    <div className="day-divider">
      <span>{dayLabel(iso)}</span>
    </div>
  ) : null;

  if (item.kind === 'outgoing') {
    const o = item.outgoing;
    const note = o.kind === 'note';
    return (
      <>
        {day}
        <div
          className={`msg msg-out msg-mine${note ? ' msg-note' : ''}`}
          data-state={o.state}
          data-grouped={(grouped && !note) || undefined}
        >
          {note ? (
            <div className="msg-head">
              <NoteBadge />
            </div>
          ) : null}
          <div className="bubble">{o.body}</div>
          <div className="msg-meta">
            {o.state === 'sending' ? (
              t('conversation.sending')
            ) : (
              <span className="error">
                {o.error} ·{' '}
                <button type="button" className="link" onClick={() => retry(o.cid)}>
                  {t('conversation.retry')}
                </button>{' '}
                ·{' '}
                <button type="button" className="link" onClick={() => discard(o.cid)}>
                  {t('conversation.discard')}
                </button>
              </span>
            )}
          </div>
        </div>
      </>
    );
  }

  const m = item.message;
  if (m.sender.type === 'system') {
    return (
      <>
        {day}
        <div className="msg-system">{m.body}</div>
      </>
    );
  }
  const visitor = m.sender.type === 'visitor';
  const mine = m.sender.id === meId;
  const note = m.kind === 'note';
  const mailed = m.via === 'email';
  // A note always shows whose it is and that it is private; a reply by mail that it was mailed.
  const head = !grouped || note || mailed;
  const name = visitor
    ? contactName
    : mine
      ? t('conversation.you')
      : m.sender.type === 'bot'
        ? (m.sender.name ?? t('conversation.bot'))
        : (m.sender.name ?? team.get(m.sender.id)?.name ?? t('conversation.teammate'));
  return (
    <>
      {day}
      <div
        className={`msg ${visitor ? 'msg-in' : 'msg-out'}${mine ? ' msg-mine' : ''}${note ? ' msg-note' : ''}`}
        data-grouped={(grouped && !note) || undefined}
        data-seq={m.seq}
        data-target={m.seq === target || undefined}
        tabIndex={m.seq === target ? -1 : undefined}
      >
        {m.seq === target ? <span className="visually-hidden">{t('timeline.found')}</span> : null}
        {visitor && !grouped ? (
          <Avatar id={contactId} name={contactName} size={28} className="msg-avatar" />
        ) : null}
        <div className="msg-body">
          {head ? (
            <div className="msg-head">
              {note ? <NoteBadge /> : null}
              <span className="msg-name">{name}</span>
              <time dateTime={m.createdAt}>{messageTime(m.createdAt)}</time>
              {mailed ? <ViaEmailBadge /> : null}
            </div>
          ) : null}
          <MessageBody message={m} canChange={mine || (moderates && m.sender.type === 'agent')} />
          {seen === m.seq ? <div className="msg-meta seen">{t('conversation.seen')}</div> : null}
        </div>
      </div>
    </>
  );
}
