import { renderTemplate, type TemplateValues } from '@flc/protocol/canned-templates';
import type { CannedResponse } from '@flc/protocol/resources';
import { type KeyboardEvent, useId, useState } from 'react';
import { t } from '../../lib/i18n/index.tsx';
import { useCannedResponses } from './api/canned-responses.ts';
import { matchResponses, replaceWord, type SlashWord, slashWord } from './slash.ts';
import './canned.css';

/** The text after an insertion, and where the caret goes. */
export interface Insertion {
  text: string;
  caret: number;
}

/**
 * The `/shortcut` picker of a text field (the listbox pattern: focus stays in the field, which
 * names the highlighted option with `aria-activedescendant`). The field reports its text and
 * caret with `track`, hands its key presses to `keyDown` first, and spreads `fieldProps`.
 */
export function useCannedPicker(values: TemplateValues, onInsert: (next: Insertion) => void) {
  const responses = useCannedResponses();
  const listboxId = useId();
  const [text, setText] = useState('');
  const [word, setWord] = useState<SlashWord | null>(null);
  // The `/` (by position) whose picker Escape closed: it stays closed until another is typed.
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [active, setActive] = useState(0);

  const live = word !== null && word.start !== dismissed;
  const { shown, more } = live
    ? matchResponses(responses.data ?? [], word.query)
    : { shown: [] as CannedResponse[], more: 0 };
  const open = shown.length > 0;
  const current = Math.min(active, shown.length - 1);
  const optionId = (index: number) => `${listboxId}-option-${index}`;

  const track = (value: string, caret: number | null) => {
    const next = caret === null ? null : slashWord(value, caret);
    if (next?.query !== word?.query || next?.start !== word?.start) setActive(0);
    if (next?.start !== dismissed) setDismissed(null);
    setText(value);
    setWord(next);
  };

  const insert = (response: CannedResponse) => {
    if (!word) return;
    const next = replaceWord(text, word, renderTemplate(response.body, values));
    setWord(null);
    setText(next.text);
    onInsert(next);
  };

  /** Closes it (the field lost the focus) until the caret moves into a `/word` again. */
  const close = () => setWord(null);

  /** True when the key was the picker's (the field must not act on it too). */
  const keyDown = (event: KeyboardEvent<HTMLElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + shown.length) % shown.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && plain) {
      const chosen = shown[current];
      if (chosen) insert(chosen);
    } else if (event.key === 'Escape') {
      setDismissed(word?.start ?? null);
      // Only the picker closes: the inbox's Escape (leave the reply box) waits for the next one.
      event.stopPropagation();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  };

  const fieldProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? listboxId : undefined,
    'aria-activedescendant': open ? optionId(current) : undefined,
  };

  const picker = (
    <>
      {open ? (
        <div className="canned-picker">
          <div
            id={listboxId}
            role="listbox"
            aria-label={t('canned.pickerLabel')}
            className="canned-options"
          >
            {shown.map((response, index) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: keys reach the options through the field (aria-activedescendant), which keeps the focus
              <div
                key={response.id}
                id={optionId(index)}
                role="option"
                tabIndex={-1}
                aria-selected={index === current}
                className="canned-option"
                // The field keeps the focus (and the caret) while the mouse picks.
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => index !== current && setActive(index)}
                onClick={() => insert(response)}
              >
                <span className="canned-option-head">
                  <code className="canned-shortcut">/{response.shortcut}</code>
                  <span className="canned-option-title">{response.title}</span>
                  {response.scope === 'personal' ? (
                    <span className="canned-option-scope">{t('canned.personalTag')}</span>
                  ) : null}
                </span>
                <span className="canned-option-preview">
                  {renderTemplate(response.body, values)}
                </span>
              </div>
            ))}
          </div>
          <p className="canned-picker-foot">
            {more > 0 ? t('canned.pickerMore', { n: more }) : t('canned.pickerHint')}
          </p>
        </div>
      ) : null}
      <span className="visually-hidden" role="status">
        {open
          ? `${t('canned.pickerCount', { n: shown.length + more })} ${t('canned.pickerHint')}`
          : ''}
      </span>
    </>
  );

  return { track, keyDown, close, fieldProps, picker, open };
}
