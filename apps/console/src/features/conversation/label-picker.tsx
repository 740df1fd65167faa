import type { Label } from '@flc/protocol/resources';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { t } from '../../lib/i18n/index.tsx';
import { byName, useLabels } from '../../lib/labels.ts';
import './label-picker.css';

/** How many labels one conversation or contact carries at most (the API's limit). */
const MAX_LABELS = 20;

interface Props {
  /** The ids on the conversation or contact now. */
  selected: readonly string[];
  onToggle(label: Label, on: boolean): void;
  open: boolean;
  onOpenChange(open: boolean): void;
  /** What it labels, said after the button's visible "Label" ("Label Ada"), never shown. */
  subject: string;
  /** Names the popup and its list ("Labels of Ada"). */
  title?: string;
  /** The trigger's hint (its shortcut). */
  hint?: string;
}

/**
 * Puts labels on and takes them off: a button that opens a combobox (type to narrow) over a
 * multi-select listbox. Arrows move, Enter puts the active label on or takes it off, Esc (or
 * Tab) closes and gives the focus back to the button. The list keeps its order while open.
 */
export function LabelPicker({
  selected,
  onToggle,
  open,
  onOpenChange,
  subject,
  title,
  hint,
}: Props) {
  const labels = useLabels();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (labelId: string) => `${id}-o-${labelId}`;

  const all = useMemo(() => [...(labels.data ?? [])].sort(byName), [labels.data]);
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return q ? all.filter((l) => l.name.toLocaleLowerCase().includes(q)) : all;
  }, [all, query]);
  const current = shown[Math.min(active, shown.length - 1)];
  const full = selected.length >= MAX_LABELS;

  useEffect(() => {
    if (!open) return;
    setQuery('');
    setActive(0);
    input.current?.focus();
    const away = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) onOpenChange(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open, onOpenChange]);

  const close = () => {
    onOpenChange(false);
    trigger.current?.focus();
  };
  const toggle = (label: Label) => {
    const on = !selected.includes(label.id);
    if (on && full) return;
    onToggle(label, on);
  };
  const keys = (e: KeyboardEvent<HTMLInputElement>) => {
    const last = shown.length - 1;
    if (e.key === 'ArrowDown') setActive((a) => Math.min(last, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(Math.max(0, last));
    else if (e.key === 'Enter' && current) toggle(current);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') onOpenChange(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
    // Nothing else (the inbox's shortcuts, a dialog) acts on these keys.
    e.stopPropagation();
  };

  const name = title ?? t('labels.picker');
  return (
    <div className="label-picker" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="label-picker-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        title={hint}
        onClick={() => onOpenChange(!open)}
      >
        <TagIcon />
        {t('labels.pickerButton')}
        {/* Its name begins with what it shows ("Label …"), as speech input expects. */}
        <span className="visually-hidden"> {subject}</span>
      </button>
      {open ? (
        <div className="label-picker-popup" role="dialog" aria-label={name}>
          <input
            ref={input}
            type="text"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-label={t('labels.pickerSearch')}
            aria-activedescendant={current ? optionId(current.id) : undefined}
            placeholder={t('labels.pickerSearch')}
            autoComplete="off"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={keys}
          />
          <div id={listId} role="listbox" aria-multiselectable="true" aria-label={name}>
            {shown.map((label) => {
              const on = selected.includes(label.id);
              const disabled = !on && full;
              return (
                // Options are never focused (the combobox keeps the focus and names the active
                // one, aria-activedescendant); a click toggles without taking the focus.
                // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's keys drive the list
                <div
                  key={label.id}
                  id={optionId(label.id)}
                  role="option"
                  tabIndex={-1}
                  aria-selected={on}
                  aria-disabled={disabled || undefined}
                  data-active={label.id === current?.id ? 'true' : undefined}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => toggle(label)}
                >
                  <span className="label-picker-check" aria-hidden="true">
                    {on ? '✓' : ''}
                  </span>
                  <span className="label-picker-dot" style={{ background: label.color }} />
                  <span className="label-picker-name">{label.name}</span>
                </div>
              );
            })}
          </div>
          {labels.isSuccess && all.length === 0 ? (
            <p className="label-picker-note">{t('labels.pickerEmpty')}</p>
          ) : shown.length === 0 && all.length > 0 ? (
            <p className="label-picker-note">{t('labels.pickerNone')}</p>
          ) : full ? (
            <p className="label-picker-note">{t('labels.pickerFull')}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function TagIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M3 12V4a1 1 0 0 1 1-1h8l9 9-9 9-9-9Z"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
      <circle cx="8" cy="8" r="1.5" fill="currentColor" />
    </svg>
  );
}
