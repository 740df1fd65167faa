import { useEffect, useRef } from 'react';
import { shortcuts } from './shortcuts.ts';

const keyLabel: Record<string, string> = { Enter: '↵ Enter', Escape: 'Esc' };

/** The `?` overlay: every shortcut, closed by Esc, a click outside or its button. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    el.showModal();
    return () => el.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="shortcut-help"
      aria-labelledby="shortcut-help-title"
      onClose={() => {
        // StrictMode's remount closes and reopens it: only a dialog still closed is gone.
        if (!dialog.current?.open) onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="shortcut-help-body">
        <header>
          <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
          <button type="button" className="ui-icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <dl>
          {shortcuts.map((s) => (
            <div key={s.command} className="shortcut-help-row">
              <dt>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? <span className="muted"> or </span> : null}
                    <kbd>{keyLabel[k] ?? k}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{s.label}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">Shortcuts are off while you type; Esc leaves the composer.</p>
      </div>
    </dialog>
  );
}
