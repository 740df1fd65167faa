import type { Environment, WebhookCreated, WebhookEvent } from '@flc/protocol/resources';
import { webhookEventTypes } from '@flc/protocol/webhook-events';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
import { type MessageKey, t } from '../../../lib/i18n/index.tsx';
import { useCreateWebhook, WEBHOOK_FIELDS } from '../api/webhooks.ts';
import { FormDialog } from '../components/dialog.tsx';
import { validateWebhook } from '../forms.ts';

/** What an event means, from keys.event_<type> (`message.created` → `keys.event_message_created`). */
const eventHint = (event: WebhookEvent) => t(`keys.event_${event.replace('.', '_')}` as MessageKey);

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
      title={t('keys.addWebhookTo', { name: env.name })}
      submitLabel={t('keys.addWebhook')}
      pendingLabel={t('keys.adding')}
      pending={create.isPending}
      error={errors.form}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label={t('keys.endpoint')} error={problems.url ?? fieldError(errors, 'url')}>
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
        <legend>{t('keys.events')}</legend>
        {webhookEventTypes.map((event) => (
          <label key={event} className="check">
            <input
              type="checkbox"
              checked={events.includes(event)}
              onChange={() => toggle(event)}
            />
            <span>
              <code>{event}</code>
              <small className="muted">{eventHint(event)}</small>
            </span>
          </label>
        ))}
        {eventsError ? <p className="field-error">{eventsError}</p> : null}
      </fieldset>
    </FormDialog>
  );
}
