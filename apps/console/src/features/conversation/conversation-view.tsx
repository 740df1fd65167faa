import type { Agent } from '@flc/protocol/resources';
import { useEffect, useMemo, useState } from 'react';
import { useTeam } from '../../lib/agents.ts';
import { canManage, useMe } from '../../lib/auth.tsx';
import { Avatar } from '../../lib/avatar.tsx';
import { contactName, snoozedLabel } from '../../lib/format.ts';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { useRealtime, useRealtimeEvent } from '../../lib/realtime.tsx';
import { useContact } from './api/get-contact.ts';
import { useConversation } from './api/get-conversation.ts';
import { Composer } from './composer.tsx';
import { ContactPanel } from './contact-panel.tsx';
import { ConversationActions } from './conversation-actions.tsx';
import { ConversationLabels } from './conversation-labels.tsx';
import { timeline, withOutgoing } from './messages.ts';
import { Timeline } from './timeline.tsx';
import { useConversationLive } from './use-conversation-live.ts';
import { useHistory } from './use-history.ts';
import { useOutgoing } from './use-outgoing.ts';
import './conversation.css';

/** Wide enough for the contact column beside the conversation; narrower, it is a drawer. */
const WIDE = '(min-width: 1200px)';

/**
 * One conversation: header with actions, history, composer, and the contact beside it. With
 * `at` (a search hit, `?seq=`), the history opens at that message rather than at the newest.
 */
export function ConversationView({
  id,
  at = null,
  onBack,
}: {
  id: string;
  at?: number | null;
  onBack(): void;
}) {
  const conversation = useConversation(id);
  const history = useHistory(id, at);
  const meData = useMe().data;
  const me = meData?.agent;
  const meId = me?.id ?? null;
  const team = useTeam();
  const teamById = useMemo(
    () => new Map<string, Agent>((team.data ?? []).map((a) => [a.id, a])),
    [team.data],
  );
  const live = useConversationLive(id, history, conversation.data?.lastSeq);
  const { outgoing, send, retry, discard, ready } = useOutgoing(id);
  const connected = useConnected();
  const [contactOpen, setContactOpen] = useState(() => window.matchMedia(WIDE).matches);

  // The drawer (narrow screens) closes with Esc, like any overlay.
  useEffect(() => {
    if (!contactOpen || window.matchMedia(WIDE).matches) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        setContactOpen(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [contactOpen]);

  const messages = useMemo(() => timeline(history.data), [history.data]);
  const items = useMemo(() => withOutgoing(messages, outgoing), [messages, outgoing]);

  const c = conversation.data;
  const contact = useContact(c?.contact.id);
  if (!c) {
    return (
      <div className="conv-layout">
        <section className="conv">
          {conversation.isError ? (
            <div className="ui-pane-state" role="alert">
              <p className="ui-pane-state-title">
                {'status' in conversation.error && conversation.error.status === 404
                  ? t('conversation.notFound')
                  : t('conversation.loadFailed')}
              </p>
              <p className="muted">{errorText(conversation.error)}</p>
              <button type="button" onClick={onBack}>
                {t('conversation.backToInbox')}
              </button>
            </div>
          ) : (
            <div className="ui-pane-state">
              <span className="ui-spinner" role="status" aria-label={t('conversation.loading')} />
            </div>
          )}
        </section>
      </div>
    );
  }

  const name = contactName(c.contact);
  return (
    <div className="conv-layout" data-contact={contactOpen ? 'open' : 'closed'}>
      <section className="conv" aria-label={t('conversation.with', { name })}>
        <header className="conv-header">
          <button
            type="button"
            className="ui-icon-button conv-back"
            aria-label={t('conversation.back')}
            onClick={onBack}
          >
            ‹
          </button>
          <Avatar id={c.contact.id} name={name} size={32} className="conv-avatar" />
          <div className="conv-title">
            <h2 title={name}>{name}</h2>
            <span className="conv-subtitle">
              {c.status === 'snoozed' ? (
                <span
                  className="ui-status-pill conv-snoozed"
                  data-status="snoozed"
                  title={snoozedLabel(c.snoozedUntil)}
                >
                  {snoozedLabel(c.snoozedUntil)}
                </span>
              ) : (
                <span className="ui-status-pill" data-status={c.status}>
                  {t('conversation.status', { status: c.status })}
                </span>
              )}
              {contact.data?.email ? (
                <span className="conv-email">{contact.data.email}</span>
              ) : null}
            </span>
          </div>
          <ConversationActions conversation={c} team={team.data ?? []} meId={meId} />
          <button
            type="button"
            className="ui-icon-button"
            aria-label={contactOpen ? t('conversation.hideContact') : t('conversation.showContact')}
            aria-pressed={contactOpen}
            title={t('conversation.contactDetails')}
            onClick={() => setContactOpen((o) => !o)}
          >
            <PersonIcon />
          </button>
        </header>
        <ConversationLabels conversation={c} />
        {!connected ? (
          <div className="conv-banner" role="status">
            {t('conversation.reconnecting')}
          </div>
        ) : null}
        {history.error && messages.length === 0 ? (
          <div className="ui-pane-state" role="alert">
            <p>{t('conversation.messagesFailed')}</p>
            <p className="muted">{errorText(history.error)}</p>
            <button type="button" onClick={history.refetch}>
              {t('common.retry')}
            </button>
          </div>
        ) : history.isPending ? (
          <div className="ui-pane-state">
            <span
              className="ui-spinner"
              role="status"
              aria-label={t('conversation.loadingMessages')}
            />
          </div>
        ) : (
          <Timeline
            key={at ?? 'newest'}
            items={items}
            messages={messages}
            contactName={name}
            contactId={c.contact.id}
            meId={meId}
            moderates={canManage(meData?.agent.role)}
            team={teamById}
            visitorReadSeq={Math.max(live.visitorReadSeq, conversation.data?.visitorReadSeq ?? 0)}
            typing={live.typing}
            hasOlder={history.hasOlder}
            loadingOlder={history.loadingOlder}
            loadOlder={history.loadOlder}
            hasNewer={history.hasNewer}
            loadingNewer={history.loadingNewer}
            loadNewer={history.loadNewer}
            target={at}
            retry={retry}
            discard={discard}
          />
        )}
        {c.status !== 'open' ? (
          <div className="conv-closed-note">
            {c.status === 'snoozed' && c.snoozedUntil
              ? t('conversation.snoozedNote', { snoozed: snoozedLabel(c.snoozedUntil), name })
              : t('conversation.closedNote', { status: c.status, name })}
          </div>
        ) : null}
        <Composer
          key={id}
          conversationId={id}
          contactName={name}
          onSend={send}
          disabled={!ready}
          templateValues={{
            'contact.name': contact.data?.name ?? c.contact.name,
            'contact.email': contact.data?.email,
            'agent.name': me?.name,
            'organization.name': meData?.organization.name,
          }}
        />
      </section>
      {contactOpen ? (
        <aside className="contact-pane" aria-label={t('conversation.contact')}>
          <ContactPanel conversation={c} onClose={() => setContactOpen(false)} />
        </aside>
      ) : null}
      {contactOpen ? (
        <button
          type="button"
          className="drawer-scrim"
          aria-label={t('conversation.closeContact')}
          onClick={() => setContactOpen(false)}
        />
      ) : null}
    </div>
  );
}

/** False while the socket is down (reconnecting, offline); true before the client exists. */
function useConnected(): boolean {
  const client = useRealtime();
  const [state, setState] = useState(client?.state ?? 'open');
  useRealtimeEvent('state', (change) => setState(change.state));
  return state === 'open' || state === 'connecting' || state === 'idle';
}

function PersonIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="8" r="4" stroke="currentColor" strokeWidth="2" />
      <path d="M4 21c0-4 3.6-7 8-7s8 3 8 7" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
