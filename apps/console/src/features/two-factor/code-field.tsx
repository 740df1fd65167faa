import { Field } from '../../lib/field.tsx';
import { t } from '../../lib/i18n/index.tsx';

/** The six digits from the authenticator app, spaces dropped as they are typed. */
export function CodeField({
  value,
  onChange,
  error,
  hint,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
  hint?: string;
}) {
  return (
    <Field label={t('twoFactor.codeLabel')} error={error} hint={hint}>
      {(props) => (
        <input
          {...props}
          className="two-factor-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={value}
          onChange={(e) => onChange(e.target.value.replace(/\s/g, ''))}
        />
      )}
    </Field>
  );
}
