import type { Environment } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { ENVIRONMENT_FIELDS, useCreateEnvironment } from '../api/mutate-environment.ts';
import { FormDialog } from '../components/dialog.tsx';
import { parseOrigins } from '../forms.ts';

export function CreateEnvironmentDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (env: Environment) => void;
}) {
  const [name, setName] = useState('');
  const [originsText, setOriginsText] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const create = useCreateEnvironment();
  const errors = formErrors(create.error, ENVIRONMENT_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { origins, bad } = parseOrigins(originsText);
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('errors.required');
    if (bad.length) found.allowedOrigins = t('settings.notAnOrigin', { list: bad.join(', ') });
    setProblems(found);
    if (Object.keys(found).length) return;
    create.mutate({ name: name.trim(), allowedOrigins: origins }, { onSuccess: onCreated });
  };
  return (
    <FormDialog
      title={t('settings.newEnvironment')}
      submitLabel={t('settings.createEnvironment')}
      pendingLabel={t('settings.creating')}
      pending={create.isPending}
      error={errors.form}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field
        label={t('settings.name')}
        error={problems.name ?? fieldError(errors, 'name')}
        hint={t('settings.environmentNameHint')}
      >
        {(props) => (
          <input
            {...props}
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('settings.allowedOriginsOptional')}
        error={problems.allowedOrigins ?? fieldError(errors, 'allowedOrigins')}
        hint={t('settings.allowedOriginsHint')}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            spellCheck={false}
            placeholder="https://www.example.com"
            value={originsText}
            onChange={(e) => setOriginsText(e.target.value)}
          />
        )}
      </Field>
    </FormDialog>
  );
}
