import { useEffect, useMemo, useRef, useState } from 'react';
import { t } from '../../lib/i18n/index.tsx';
import { recoveryFile } from './codes.ts';

/** Recovery codes, shown once: copy, download, then a deliberate "saved" to move on. */
export function RecoveryCodes({
  codes,
  onDone,
  doneLabel = t('twoFactor.codesSaved'),
}: {
  codes: string[];
  onDone: () => void;
  doneLabel?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  const text = recoveryFile(codes);
  const href = useMemo(() => URL.createObjectURL(new Blob([text], { type: 'text/plain' })), [text]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  // The codes replace the form the focus was in: it moves to their heading.
  useEffect(() => heading.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="two-factor-codes">
      <h3 ref={heading} tabIndex={-1}>
        {t('twoFactor.codesTitle')}
      </h3>
      <p className="muted">{t('twoFactor.codesIntro')}</p>
      <ul aria-label={t('twoFactor.codesList')} data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" onClick={() => void copy()}>
          {copied ? t('twoFactor.copied') : t('twoFactor.copyCodes')}
        </button>
        <a className="button" href={href} download="fast-light-chat-recovery-codes.txt">
          {t('twoFactor.download')}
        </a>
        <button type="button" className="primary" onClick={onDone}>
          {doneLabel}
        </button>
      </div>
    </div>
  );
}
