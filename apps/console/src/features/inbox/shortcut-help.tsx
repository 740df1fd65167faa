import { type MessageKey, useT } from '../../lib/i18n/index.tsx';
import { useModalDialog } from '../../lib/modal.ts';
import { shortcuts } from './shortcuts.ts';

const keyLabel: Record<string, MessageKey> = { Enter: 'inbox.keyEnter', Escape: 'inbox.keyEscape' };

/** The `?` overlay: every shortcut, closed by Esc, a click outside or its button. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const t = useT();
  const { props } = useModalDialog(onClose);
  return (
    <dialog {...props} className="shortcut-help" aria-labelledby="shortcut-help-title">
      <div className="shortcut-help-body">
        <header>
          <h2 id="shortcut-help-title">{t('inbox.shortcuts')}</h2>
          <button
            type="button"
            className="ui-icon-button"
            aria-label={t('common.close')}
            onClick={onClose}
          >
            ×
          </button>
        </header>
        <dl>
          {shortcuts.map((s) => (
            <div key={s.command} className="shortcut-help-row">
              <dt>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? <span className="muted"> {t('inbox.keyOr')} </span> : null}
                    <kbd>{keyLabel[k] ? t(keyLabel[k]) : k}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{t(s.label)}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">{t('inbox.shortcutsOff')}</p>
      </div>
    </dialog>
  );
}
