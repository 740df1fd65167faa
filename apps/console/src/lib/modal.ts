import { type KeyboardEvent, type MouseEvent, useEffect, useRef } from 'react';

/**
 * A native `<dialog>` shown modal while the component is mounted, closed by Esc, a click on its
 * backdrop or the browser closing it; the focus returns to where it was. Spread `props` on the
 * `<dialog>`.
 */
export function useModalDialog(onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // React removes the dialog before this cleanup closes it, too late for the browser to give
    // the focus back: the element that had it when the dialog opened gets it back here.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    el.showModal();
    return () => {
      el.close();
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost && opener?.isConnected) opener.focus();
    };
  }, []);
  const props = {
    ref,
    onClose: () => {
      // StrictMode's remount closes and reopens it: only a dialog still closed is gone.
      if (!ref.current?.open) onClose();
    },
    onClick: (e: MouseEvent<HTMLDialogElement>) => {
      if (e.target === e.currentTarget) onClose();
    },
    onKeyDown: (e: KeyboardEvent<HTMLDialogElement>) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    },
  };
  return { ref, props };
}
