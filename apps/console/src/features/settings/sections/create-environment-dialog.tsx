import type { Environment } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
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
    if (!name.trim()) found.name = 'Required';
    if (bad.length) found.allowedOrigins = `Not an origin: ${bad.join(', ')}`;
    setProblems(found);
    if (Object.keys(found).length) return;
    create.mutate({ name: name.trim(), allowedOrigins: origins }, { onSuccess: onCreated });
  };
  return (
    <FormDialog
      title="New environment"
      submitLabel="Create environment"
      pendingLabel="Creating…"
      pending={create.isPending}
      error={errors.form}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field
        label="Name"
        error={problems.name ?? fieldError(errors, 'name')}
        hint="For example Production or Staging."
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
        label="Allowed origins (optional)"
        error={problems.allowedOrigins ?? fieldError(errors, 'allowedOrigins')}
        hint="One per line, like https://www.example.com. Empty: the widget loads on any site."
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
