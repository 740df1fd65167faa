import type { ChangeEvent } from 'react';
import { Field } from '../../lib/field.tsx';
import { t } from '../../lib/i18n/index.tsx';
import { MIN_PASSWORD } from './validation.ts';

/** A password being chosen (sign-up, joining by invitation, a reset), with the rule as its hint. */
export function NewPasswordField({
  value,
  error,
  onChange,
  label = t('acceptInvite.password'),
}: {
  value: string;
  error: string | undefined;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  label?: string;
}) {
  return (
    <Field label={label} error={error} hint={t('acceptInvite.passwordHint', { n: MIN_PASSWORD })}>
      {(props) => (
        <input
          {...props}
          type="password"
          autoComplete="new-password"
          value={value}
          onChange={onChange}
        />
      )}
    </Field>
  );
}
