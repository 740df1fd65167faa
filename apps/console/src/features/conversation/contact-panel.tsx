import type { Contact, Conversation } from '@flc/protocol/resources';
import { useState } from 'react';
import { Avatar } from '../../lib/avatar.tsx';
import { previewText } from '../../lib/conversations.ts';
import { contactName, shortAgo } from '../../lib/format.ts';
import { LabelChips } from '../../lib/label-chips.tsx';
import { labelWords } from '../../lib/label-strings.ts';
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
          aria-label="Hide contact details"
          onClick={onClose}
        >
          ×
        </button>
      </header>

      {contact.isError ? (
        <p className="error panel-note">The contact did not load: {contact.error.message}</p>
      ) : null}

      <section className="panel-section">
        <h3>Profile</h3>
        {contact.isPending ? (
          <div className="ui-skeleton ui-skeleton-block" />
        ) : (
          <dl className="contact-facts">
            <Fact label="Name" value={c?.name} />
            <Fact label="Email" value={c?.email} />
            <Fact label="External id" value={c?.externalId} mono />
            <Fact
              label="Last seen"
              value={
                c?.lastSeenAt
                  ? `${shortAgo(c.lastSeenAt)} ago`.replace('now ago', 'just now')
                  : null
              }
            />
            <Fact
              label="First seen"
              value={c ? new Date(c.createdAt).toLocaleDateString() : null}
            />
          </dl>
        )}
      </section>

      <RatingCard conversation={conversation} />

      {c ? <ContactLabels contact={c} /> : null}

      <section className="panel-section">
        <h3>Attributes</h3>
        {attributes.length === 0 ? (
          <p className="muted panel-note">None. Your backend can set them with the contacts API.</p>
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
          Conversations <span className="muted">{past.data ? past.data.items.length : ''}</span>
        </h3>
        {past.isPending ? (
          <div className="ui-skeleton ui-skeleton-block" />
        ) : past.isError ? (
          <p className="error panel-note">{past.error.message}</p>
        ) : others.length === 0 ? (
          <p className="muted panel-note">This is their first conversation.</p>
        ) : (
          <ul className="past-list">
            {others.map((p) => (
              <li key={p.id}>
                <Link to={`/inbox/${encodeURIComponent(p.id)}${query ? `?${query}` : ''}`}>
                  <span className="past-top">
                    <span className="ui-status-pill" data-status={p.status}>
                      {p.status}
                    </span>
                    <time dateTime={p.lastActivityAt}>{shortAgo(p.lastActivityAt)}</time>
                  </span>
                  <span className="past-preview">
                    {p.lastMessage ? previewText(p.lastMessage) : 'No messages'}
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
  const title = labelWords.contactLabels(contactName(contact));
  return (
    <section className="panel-section">
      <div className="panel-section-head">
        <h3>{labelWords.listLabel}</h3>
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
        <p className="muted panel-note">{labelWords.contactNone}</p>
      )}
      {label.isError ? (
        <p className="error panel-note" role="alert">
          {label.error.message}
        </p>
      ) : null}
    </section>
  );
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
