import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { FormAlert } from '../../../lib/field.tsx';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';

/**
 * A modal on the native `<dialog>`: focus is trapped and Escape closes it. Rendered only while
 * open, so whatever it shows (a secret) is gone from the page once it closes.
 */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    const cancel = (event: Event) => {
      event.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby="dlg-title"
    >
      <header className="dialog-head">
        <h2 id="dlg-title">{title}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('common.close')}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {footer ? <footer className="dialog-foot">{footer}</footer> : null}
    </dialog>
  );
}

/**
 * A dialog holding one form: its fields, the form-wide error under them, and Cancel with the
 * submit button (showing `pendingLabel` while the form works) in the footer. The first field
 * has the focus when it opens.
 */
export function FormDialog({
  title,
  submitLabel,
  pendingLabel,
  pending,
  error,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: string | null | undefined;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  // After Dialog's own effect (children's run first), which opened it on its first control.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={id} className="primary" disabled={pending}>
            {pending ? pendingLabel : submitLabel}
          </button>
        </>
      }
    >
      <form ref={form} id={id} className="form-grid" onSubmit={onSubmit} noValidate>
        {children}
        <FormAlert>{error}</FormAlert>
      </form>
    </Dialog>
  );
}

/** Asks before something that cannot be undone. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={danger ? 'danger-solid' : 'primary'}
            disabled={pending}
            onClick={onConfirm}
          >
            {pending ? t('settings.working') : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      <FormAlert>{error}</FormAlert>
    </Dialog>
  );
}

/** What `ConfirmDeletion` needs of a react-query mutation that deletes one item by id. */
interface Removal {
  isPending: boolean;
  error: { message: string } | null;
  reset(): void;
  mutate(id: string, options: { onSuccess: () => void }): void;
}

/**
 * Confirms deleting one item through its mutation: closes once it is gone, shows why it was
 * not, and forgets that error when cancelled.
 */
export function ConfirmDeletion({
  title,
  confirmLabel,
  removal,
  id,
  onDone,
  children,
}: {
  title: string;
  confirmLabel: string;
  removal: Removal;
  id: string;
  onDone: () => void;
  children: ReactNode;
}) {
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel}
      danger
      pending={removal.isPending}
      error={removal.error ? errorText(removal.error) : undefined}
      onClose={() => {
        removal.reset();
        onDone();
      }}
      onConfirm={() => removal.mutate(id, { onSuccess: onDone })}
    >
      {children}
    </ConfirmDialog>
  );
}
