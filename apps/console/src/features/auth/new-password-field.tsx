import type { ChangeEvent } from 'react';
import { Field } from '../../lib/field.tsx';
import { MIN_PASSWORD } from './validation.ts';

/** The password a new account gets (sign-up, joining by invitation), with the rule as its hint. */
export function NewPasswordField({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <Field label="Password" error={error} hint={`At least ${MIN_PASSWORD} characters.`}>
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
