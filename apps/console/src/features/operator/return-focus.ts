import { useEffect, useRef, useState } from 'react';

/**
 * A dialog's state that gives focus back to what opened it once it is gone (an unmounted
 * `<dialog>` leaves focus on the body). The opener is taken when the dialog opens, before the
 * dialog moves focus into itself.
 */
export function useDialogState<T>() {
  const [value, setValue] = useState<T | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (value !== null || !opener.current) return;
    const element = opener.current;
    opener.current = null;
    if (element.isConnected) element.focus();
  }, [value]);
  const open = (next: T) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setValue(next);
  };
  return [value, open, () => setValue(null)] as const;
}
