import { type RefObject, useEffect, useRef, useState } from 'react';
import { t } from '../../../lib/i18n/index.tsx';

/** Copies `text`; false when the browser refused (no clipboard permission, insecure origin). */
async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A Copy button that says "Copied" for a moment, or selects `fallback` when it cannot copy. */
export function CopyButton({
  text,
  what,
  fallback,
}: {
  text: string;
  /** Named to screen readers: "Copy plugin key". */
  what?: string;
  fallback?: () => HTMLElement | null;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    const ok = await writeClipboard(text);
    if (!ok) {
      const node = fallback?.();
      if (node) window.getSelection()?.selectAllChildren(node);
    }
    setState(ok ? 'copied' : 'failed');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 1800);
  };
  return (
    <button
      type="button"
      className="copy-button"
      aria-label={what ? t('settings.copyWhat', { what }) : undefined}
      onClick={() => void copy()}
    >
      {state === 'copied'
        ? t('settings.copied')
        : state === 'failed'
          ? t('settings.pressCtrlC')
          : t('common.copy')}
    </button>
  );
}

/** A value in monospace with a Copy button: keys, secrets, links, snippets. */
export function CopyField({
  value,
  label,
  multiline,
  masked,
  testId,
}: {
  value: string;
  label: string;
  multiline?: boolean;
  masked?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLElement>(null);
  const shown = masked ? '•'.repeat(Math.min(40, value.length)) : value;
  return (
    <div className={multiline ? 'copy-field copy-field-block' : 'copy-field'}>
      {multiline ? (
        <pre ref={ref as RefObject<HTMLPreElement>} data-testid={testId}>
          {shown}
        </pre>
      ) : (
        <code ref={ref} data-testid={testId}>
          {shown}
        </code>
      )}
      <CopyButton text={value} what={label.toLowerCase()} fallback={() => ref.current} />
    </div>
  );
}
