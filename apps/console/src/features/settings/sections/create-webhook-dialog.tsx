import type { Environment, WebhookCreated, WebhookEvent } from '@flc/protocol/resources';
import { webhookEventTypes } from '@flc/protocol/webhook-events';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
import { useCreateWebhook, WEBHOOK_FIELDS } from '../api/webhooks.ts';
import { FormDialog } from '../components/dialog.tsx';
import { validateWebhook } from '../forms.ts';

const EVENT_HINTS: Record<WebhookEvent, string> = {
  'conversation.created': 'A visitor or your API opened a conversation',
  'conversation.updated': 'Status or assignee changed',
  'conversation.labels_changed': 'A label was put on or taken off',
  'conversation.rated': 'A visitor rated a closed conversation (or changed the rating)',
  'message.created': 'Any message, from visitors, agents or bots (never a private note)',
  'message.updated': 'A message was edited',
  'message.deleted': 'A message was deleted',
  'note.created': 'A private note of the team (keep this off for visitor-facing tools)',
  'note.updated': 'A private note was edited',
  'note.deleted': 'A private note was deleted',
  'contact.created': 'A new visitor or contact',
  'contact.updated': 'A contact’s profile changed',
};

export function CreateWebhookDialog({
  env,
  onClose,
  onCreated,
}: {
  env: Environment;
  onClose: () => void;
  onCreated: (hook: WebhookCreated) => void;
}) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['conversation.created', 'message.created']);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const create = useCreateWebhook(env.id);
  const errors = formErrors(create.error, WEBHOOK_FIELDS);
  const toggle = (event: WebhookEvent) =>
    setEvents((old) => (old.includes(event) ? old.filter((e) => e !== event) : [...old, event]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateWebhook(url, events);
    setProblems(found);
    if (Object.keys(found).length) return;
    // In the documented order, whatever order they were ticked in.
    const ordered = webhookEventTypes.filter((ev) => events.includes(ev));
    create.mutate({ url: url.trim(), events: ordered }, { onSuccess: onCreated });
  };
  const eventsError = problems.events ?? fieldError(errors, 'events');
  return (
    <FormDialog
      title={`Add a webhook to ${env.name}`}
      submitLabel="Add webhook"
      pendingLabel="Adding…"
      pending={create.isPending}
      error={errors.form}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label="Endpoint URL" error={problems.url ?? fieldError(errors, 'url')}>
        {(props) => (
          <input
            {...props}
            type="url"
            spellCheck={false}
            placeholder="https://example.com/flc/webhooks"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
      </Field>
      <fieldset className={eventsError ? 'events field-invalid' : 'events'}>
        <legend>Events</legend>
        {webhookEventTypes.map((event) => (
          <label key={event} className="check">
            <input
              type="checkbox"
              checked={events.includes(event)}
              onChange={() => toggle(event)}
            />
            <span>
              <code>{event}</code>
              <small className="muted">{EVENT_HINTS[event]}</small>
            </span>
          </label>
        ))}
        {eventsError ? <p className="field-error">{eventsError}</p> : null}
      </fieldset>
    </FormDialog>
  );
}
