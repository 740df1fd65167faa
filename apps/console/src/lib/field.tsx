import { type ReactNode, useId } from 'react';
import './field.css';

/**
 * A labelled form control with its hint and its error (from the API's 422 details or the form's
 * own checks) under it; the control gets `aria-invalid` and `aria-describedby` through `children`.
 */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  children: (props: {
    id: string;
    'aria-invalid'?: true;
    'aria-describedby'?: string;
  }) => ReactNode;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(note ? { 'aria-describedby': noteId } : {}),
      })}
      {note ? (
        <p id={noteId} className={error ? 'field-error' : 'field-hint'}>
          {note}
        </p>
      ) : null}
    </div>
  );
}

/** A problem with the whole form (the API's refusal, a failed request), read out when it shows. */
export function FormAlert({ children }: { children?: ReactNode }) {
  return children ? (
    <p role="alert" className="form-alert">
      {children}
    </p>
  ) : null;
}
