import type { SearchHit } from '@flc/protocol/resources';
import { useEffect, useId, useMemo, useState } from 'react';
import { currentLocale, type MessageKey, t } from '../../lib/i18n/index.tsx';
import { useModalDialog } from '../../lib/modal.ts';
import { navigate } from '../../lib/router.tsx';
import { useSearch } from './api/search.ts';
import { MarkedText } from './marked-text.tsx';
import './search.css';

const groups = ['contact', 'conversation', 'message'] as const;

/** What a hit's line says besides its snippet. */
function caption(hit: SearchHit): string {
  switch (hit.type) {
    case 'contact':
      return [hit.name ?? t('search.unnamed'), hit.email].filter(Boolean).join(' · ');
    case 'conversation':
      return hit.contactName ?? t('search.unnamed');
    case 'message':
      return [
        hit.kind === 'note' ? t('search.note') : t(`search.${hit.senderType}` as MessageKey),
        hit.senderName,
        new Date(hit.createdAt).toLocaleString(currentLocale()),
      ]
        .filter(Boolean)
        .join(' · ');
  }
}

/** The typed text, once the typing pauses. */
function useSettled(value: string, ms = 150): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The search box (`/` or Ctrl+K): hits grouped by type, the matched words marked. ↑/↓ choose,
 * Enter opens (a message opens its conversation at it, a conversation at its newest; a contact searches for its
 * conversations), Esc closes.
 */
export function SearchDialog({ onClose }: { onClose(): void }) {
  const { props: modal } = useModalDialog(onClose);
  const id = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const q = useSettled(text);
  const result = useSearch(q);
  const hits = useMemo(() => {
    const items = result.data?.items ?? [];
    // Grouped in the order shown, so ↑/↓ walk the list as it reads.
    return groups.flatMap((g) => items.filter((h) => h.type === g));
  }, [result.data]);
  // The list may have shrunk since the choice was made.
  const current = Math.max(0, Math.min(active, hits.length - 1));

  const open = (hit: SearchHit | undefined) => {
    if (!hit) return;
    if (hit.type === 'contact') {
      setText(hit.email ?? hit.name ?? text);
      return;
    }
    navigate(
      hit.type === 'message'
        ? `/inbox/${encodeURIComponent(hit.conversationId)}?seq=${hit.seq}`
        : `/inbox/${encodeURIComponent(hit.id)}`,
    );
    onClose();
  };
  const optionId = (i: number) => `${id}-hit-${i}`;
  const trimmed = q.trim();
  const status =
    text.trim().length < 2
      ? t('search.tooShort')
      : result.isError
        ? t('search.failed')
        : result.isFetching || trimmed !== text.trim()
          ? t('search.searching')
          : hits.length === 0
            ? t('search.none', { q: trimmed })
            : t('search.count', { n: hits.length });

  return (
    <dialog {...modal} className="search-dialog" aria-labelledby={`${id}-title`}>
      <div className="search-body">
        <header>
          <h2 id={`${id}-title`} className="visually-hidden">
            {t('search.title')}
          </h2>
          <input
            autoFocus
            type="search"
            className="search-input"
            role="combobox"
            aria-label={t('search.label')}
            aria-expanded={hits.length > 0}
            aria-controls={`${id}-list`}
            aria-activedescendant={hits.length > 0 ? optionId(current) : undefined}
            aria-describedby={`${id}-hint`}
            placeholder={t('search.placeholder')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const step = e.key === 'ArrowDown' ? 1 : -1;
                setActive(hits.length === 0 ? 0 : (current + step + hits.length) % hits.length);
              } else if (e.key === 'Enter') {
                e.preventDefault();
                open(hits[current]);
              }
            }}
          />
          <button
            type="button"
            className="ui-icon-button"
            aria-label={t('search.close')}
            onClick={onClose}
          >
            ×
          </button>
        </header>
        <p className="search-status muted" role="status">
          {status}
        </p>
        <div
          id={`${id}-list`}
          role="listbox"
          aria-label={t('search.title')}
          className="search-list"
        >
          {groups.map((g) => {
            const inGroup = hits.map((h, i) => [h, i] as const).filter(([h]) => h.type === g);
            if (inGroup.length === 0) return null;
            return (
              // biome-ignore lint/a11y/useSemanticElements: a listbox's group of options, not a form's fieldset
              <div key={g} role="group" aria-labelledby={`${id}-${g}`}>
                <div id={`${id}-${g}`} className="search-group" role="presentation">
                  {t('search.group', { group: g })}
                </div>
                {inGroup.map(([hit, i]) => (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the input's keys drive the list
                  <div
                    key={`${hit.type}-${hit.id}`}
                    id={optionId(i)}
                    role="option"
                    tabIndex={-1}
                    aria-selected={i === current}
                    className="search-hit"
                    data-note={hit.type === 'message' && hit.kind === 'note' ? 'true' : undefined}
                    onMouseMove={() => setActive(i)}
                    onClick={() => open(hit)}
                  >
                    <span className="search-caption">{caption(hit)}</span>
                    <span className="search-snippet">
                      <MarkedText text={hit.snippet} highlights={hit.highlights} />
                    </span>
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        <p id={`${id}-hint`} className="search-hint muted">
          {t('search.hint')}
        </p>
      </div>
    </dialog>
  );
}
