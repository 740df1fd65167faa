import type { Contact, Conversation } from '@flc/protocol/resources';
import { useState } from 'react';
import { Avatar } from '../../lib/avatar.tsx';
import { previewText } from '../../lib/conversations.ts';
import { contactName, shortAgo } from '../../lib/format.ts';
import { errorText } from '../../lib/i18n/errors.ts';
import { currentLocale, t } from '../../lib/i18n/index.tsx';
import { LabelChips } from '../../lib/label-chips.tsx';
import { labelsOf, useLabelMap } from '../../lib/labels.ts';
import { Link, useLocation } from '../../lib/router.tsx';
import { useContact, useContactConversations } from './api/get-contact.ts';
import { useLabelContact } from './api/label-contact.ts';
import { ContactData } from './contact-data.tsx';
import { LabelPicker } from './label-picker.tsx';
import { RatingCard } from './rating-card.tsx';

/** Who the visitor is (as the tenant's backend described them) and what they wrote before. */
export function ContactPanel({
  conversation,
  onClose,
}: {
  conversation: Conversation;
  onClose(): void;
}) {
  const contactId = conversation.contact.id;
  const contact = useContact(contactId);
  const past = useContactConversations(contactId);
  const { search } = useLocation();
  const name = contactName({
    id: contactId,
    name: contact.data?.name ?? conversation.contact.name,
  });
  const c = contact.data;
  const attributes = Object.entries(c?.attributes ?? {});
  const others = (past.data?.items ?? []).filter((p) => p.id !== conversation.id);
  const query = search.toString();

  return (
    <div className="contact-panel">
      <header className="contact-head">
        <Avatar id={contactId} name={name} size={56} />
        <div className="contact-title">
          <h2>{name}</h2>
          {c?.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}
        </div>
        <button
          type="button"
          className="ui-icon-button contact-close"
          aria-label={t('conversation.hideContact')}
          onClick={onClose}
        >
          ×
        </button>
      </header>

      {contact.isError ? (
        <p className="error panel-note">
          {t('conversation.contactFailed', { error: errorText(contact.error) })}
        </p>
      ) : null}

      <section className="panel-section">
        <h3>{t('conversation.profile')}</h3>
        {contact.isPending ? (
          <div className="ui-skeleton ui-skeleton-block" />
        ) : (
          <dl className="contact-facts">
            <Fact label={t('conversation.name')} value={c?.name} />
            <Fact label={t('conversation.email')} value={c?.email} />
            <Fact label={t('conversation.externalId')} value={c?.externalId} mono />
            <Fact
              label={t('conversation.lastSeen')}
              value={c?.lastSeenAt ? lastSeen(c.lastSeenAt) : null}
            />
            <Fact
              label={t('conversation.firstSeen')}
              value={c ? new Date(c.createdAt).toLocaleDateString(currentLocale()) : null}
            />
          </dl>
        )}
      </section>

      <RatingCard conversation={conversation} />

      {c ? <ContactLabels contact={c} /> : null}

      <section className="panel-section">
        <h3>{t('conversation.attributes')}</h3>
        {attributes.length === 0 ? (
          <p className="muted panel-note">{t('conversation.noAttributes')}</p>
        ) : (
          <dl className="contact-facts">
            {attributes.map(([key, value]) => (
              <Fact key={key} label={key} value={show(value)} mono={typeof value !== 'string'} />
            ))}
          </dl>
        )}
      </section>

      <section className="panel-section">
        <h3>
          {t('conversation.pastConversations')}{' '}
          <span className="muted">{past.data ? past.data.items.length : ''}</span>
        </h3>
        {past.isPending ? (
          <div className="ui-skeleton ui-skeleton-block" />
        ) : past.isError ? (
          <p className="error panel-note">{errorText(past.error)}</p>
        ) : others.length === 0 ? (
          <p className="muted panel-note">{t('conversation.firstConversation')}</p>
        ) : (
          <ul className="past-list">
            {others.map((p) => (
              <li key={p.id}>
                <Link to={`/inbox/${encodeURIComponent(p.id)}${query ? `?${query}` : ''}`}>
                  <span className="past-top">
                    <span className="ui-status-pill" data-status={p.status}>
                      {t('conversation.status', { status: p.status })}
                    </span>
                    <time dateTime={p.lastActivityAt}>{shortAgo(p.lastActivityAt)}</time>
                  </span>
                  <span className="past-preview">
                    {p.lastMessage ? previewText(p.lastMessage) : t('conversation.noMessages')}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {c ? <ContactData contact={c} /> : null}
    </div>
  );
}

/** The contact's labels, each removable, and the picker. */
function ContactLabels({ contact }: { contact: Contact }) {
  const byId = useLabelMap();
  const label = useLabelContact(contact.id);
  const [picking, setPicking] = useState(false);
  const chips = labelsOf(contact.labelIds, byId);
  const title = t('labels.contactLabels', { name: contactName(contact) });
  return (
    <section className="panel-section">
      <div className="panel-section-head">
        <h3>{t('labels.listLabel')}</h3>
        <LabelPicker
          selected={contact.labelIds}
          onToggle={(l, on) => label.mutate({ labelId: l.id, on })}
          open={picking}
          onOpenChange={setPicking}
          subject={contactName(contact)}
          title={title}
        />
      </div>
      {chips.length > 0 ? (
        <LabelChips labels={chips} onRemove={(l) => label.mutate({ labelId: l.id, on: false })} />
      ) : (
        <p className="muted panel-note">{t('labels.contactNone')}</p>
      )}
      {label.isError ? (
        <p className="error panel-note" role="alert">
          {errorText(label.error)}
        </p>
      ) : null}
    </section>
  );
}

/** "5m ago", or "just now". */
function lastSeen(iso: string): string {
  const ago = shortAgo(iso);
  return ago === t('format.now') ? t('conversation.justNow') : t('conversation.ago', { ago });
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '—';
  return JSON.stringify(value);
}

function Fact({
  label,
  value,
  mono,
}: {
  label: string;
  value: string | null | undefined;
  mono?: boolean;
}) {
  return (
    <div className="contact-fact">
      <dt>{label}</dt>
      <dd className={mono && value ? 'mono' : undefined} title={value ?? undefined}>
        {value || <span className="muted">—</span>}
      </dd>
    </div>
  );
}
