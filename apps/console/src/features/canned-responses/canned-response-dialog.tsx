import { templateVariables } from '@flc/protocol/canned-templates';
import type { CannedResponse, CannedResponseScope } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { Field } from '../../lib/field.tsx';
import { fieldError, formErrors } from '../../lib/form-errors.ts';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { FormDialog } from '../settings/components/dialog.tsx';
import {
  CANNED_FIELDS,
  useCreateCannedResponse,
  useUpdateCannedResponse,
} from './api/canned-responses.ts';
import { type CannedForm, cannedProblems } from './form.ts';

/** Creates a response of `scope`, or edits `response` (whose scope stays). */
export function CannedResponseDialog({
  scope,
  response,
  onClose,
}: {
  scope: CannedResponseScope;
  response?: CannedResponse;
  onClose: () => void;
}) {
  const [form, setForm] = useState<CannedForm>({
    shortcut: response?.shortcut ?? '',
    title: response?.title ?? '',
    body: response?.body ?? '',
  });
  const [problems, setProblems] = useState<Partial<Record<keyof CannedForm, string>>>({});
  const create = useCreateCannedResponse();
  const update = useUpdateCannedResponse();
  const mutation = response ? update : create;
  // A taken shortcut (409) is the shortcut's problem, not the form's.
  const taken =
    mutation.error instanceof ApiError && mutation.error.status === 409
      ? errorText(mutation.error)
      : undefined;
  const errors = formErrors(taken ? null : mutation.error, CANNED_FIELDS);
  const error = (field: keyof CannedForm) =>
    problems[field] ?? (field === 'shortcut' ? taken : undefined) ?? fieldError(errors, field);
  const set = (field: keyof CannedForm) => (value: string) =>
    setForm((old) => ({ ...old, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = cannedProblems(form);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const values = {
      shortcut: form.shortcut.trim(),
      title: form.title.trim(),
      body: form.body.trim(),
    };
    if (response) {
      const patch = Object.fromEntries(
        CANNED_FIELDS.filter((f) => values[f] !== response[f]).map((f) => [f, values[f]]),
      );
      update.mutate({ id: response.id, patch }, { onSuccess: onClose });
    } else {
      create.mutate({ scope, ...values }, { onSuccess: onClose });
    }
  };

  return (
    <FormDialog
      title={
        response
          ? t('canned.editTitle', { shortcut: response.shortcut })
          : t('canned.createTitle', { personal: scope === 'personal' })
      }
      submitLabel={t('canned.save')}
      pendingLabel={t('canned.saving')}
      pending={mutation.isPending}
      error={errors.form}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label={t('canned.shortcut')} error={error('shortcut')} hint={t('canned.shortcutHint')}>
        {(props) => (
          <input
            {...props}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            maxLength={32}
            value={form.shortcut}
            onChange={(e) => set('shortcut')(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('canned.titleLabel')} error={error('title')} hint={t('canned.titleHint')}>
        {(props) => (
          <input
            {...props}
            maxLength={120}
            value={form.title}
            onChange={(e) => set('title')(e.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('canned.body')}
        error={error('body')}
        hint={
          <>
            {t('canned.bodyHint')}{' '}
            {templateVariables.map((v, i) => (
              <span key={v}>
                {i > 0 ? ', ' : null}
                <code>{`{{${v}}}`}</code>
              </span>
            ))}
            . {t('canned.bodyFallback')}
          </>
        }
      >
        {(props) => (
          <textarea
            {...props}
            rows={6}
            value={form.body}
            onChange={(e) => set('body')(e.target.value)}
          />
        )}
      </Field>
    </FormDialog>
  );
}
