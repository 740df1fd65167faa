import { useModalDialog } from '../../lib/modal.ts';
import { shortcuts } from './shortcuts.ts';

const keyLabel: Record<string, string> = { Enter: '↵ Enter', Escape: 'Esc' };

/** The `?` overlay: every shortcut, closed by Esc, a click outside or its button. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const { props } = useModalDialog(onClose);
  return (
    <dialog {...props} className="shortcut-help" aria-labelledby="shortcut-help-title">
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
