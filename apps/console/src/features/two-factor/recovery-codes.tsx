import { useEffect, useMemo, useRef, useState } from 'react';
import { recoveryFile } from './codes.ts';
import { t } from './strings.ts';

/** Recovery codes, shown once: copy, download, then a deliberate "saved" to move on. */
export function RecoveryCodes({
  codes,
  onDone,
  doneLabel = t.codesSaved,
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
        {t.codesTitle}
      </h3>
      <p className="muted">{t.codesIntro}</p>
      <ul aria-label={t.codesList} data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" onClick={() => void copy()}>
          {copied ? t.copied : t.copyCodes}
        </button>
        <a className="button" href={href} download="fast-light-chat-recovery-codes.txt">
          {t.download}
        </a>
        <button type="button" className="primary" onClick={onDone}>
          {doneLabel}
        </button>
      </div>
    </div>
  );
}
