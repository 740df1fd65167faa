import type { TemplateValues } from '@flc/protocol/canned-templates';
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTeam } from '../../lib/agents.ts';
import { useApi, useMe } from '../../lib/auth.tsx';
import { useCommand } from '../../lib/commands.ts';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { useRealtime } from '../../lib/realtime.tsx';
import { type Insertion, useCannedPicker } from '../canned-responses/canned-picker.tsx';
import { DraftStore } from './draft-storage.ts';
import { MentionPicker } from './mention-picker.tsx';
import { useMentionPicker } from './use-mention-picker.ts';
import './notes.css';

const MAX_CHARS = 4000;
const MAX_HEIGHT = 180;

let store: DraftStore | null = null;
/** One store for the page; drafts untouched for a month are dropped on first use. */
function drafts(): DraftStore {
  if (!store) {
    store = new DraftStore(localStorage);
    store.prune();
  }
  return store;
}

/** A reply goes to the visitor; a private note stays with the team. */
export type ComposeKind = 'message' | 'note';

interface Props {
  conversationId: string;
  contactName: string;
  /** Queues the message; false when there is no connection to queue it on yet. */
  onSend(body: string, kind: ComposeKind, attachments?: readonly string[]): boolean;
  disabled?: boolean;
  /** What a canned response's variables are filled in with when it is inserted. */
  templateValues: TemplateValues;
}

/**
 * Enter sends, Shift+Enter breaks the line; the draft is kept per conversation. `/` at the start
 * of a word opens the canned responses. Reply or Private note (radio buttons, so arrow keys
 * switch); a note offers @-mentions of teammates and sends no typing signal, which the visitor
 * would see.
 */
export function Composer({ conversationId, contactName, onSend, disabled, templateValues }: Props) {
  const client = useRealtime();
  const team = useTeam().data ?? [];
  const meId = useMe().data?.agent.id ?? null;
  const [text, setText] = useState(() => drafts().get(conversationId));
  const [kind, setKind] = useState<ComposeKind>('message');
  const field = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once a canned response's insertion has been rendered.
  const caret = useRef<number | null>(null);
  const note = kind === 'note';

  const change = (value: string) => {
    setText(value);
    drafts().set(conversationId, value);
    if (note || !value.trim()) client?.stopTyping(conversationId);
    else client?.typing(conversationId);
  };
  const canned = useCannedPicker(templateValues, (next: Insertion) => {
    caret.current = next.caret;
    change(next.text);
  });
  const mentions = useMentionPicker(field, team, meId, change);

  useCommand('focus-composer', () => field.current?.focus());
  useCommand('focus-note', () => {
    choose('note');
    field.current?.focus();
  });

  // Another conversation: its own draft. (The view is keyed by id; this covers reuse too.)
  useEffect(() => setText(drafts().get(conversationId)), [conversationId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the text
  useLayoutEffect(() => {
    const el = field.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT)}px`;
    if (caret.current !== null) {
      el.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  }, [text]);

  const choose = (next: ComposeKind) => {
    setKind(next);
    if (next === 'note') client?.stopTyping(conversationId);
    mentions.refresh(next === 'note');
  };

  const body = text.trim();
  const tooLong = body.length > MAX_CHARS;
  const send = () => {
    if (!body || tooLong || disabled) return;
    if (!onSend(body, kind)) return;
    setText('');
    drafts().clear(conversationId);
    mentions.refresh(false);
  };

  const api = useApi();
  const picker = useRef<HTMLInputElement>(null);
  const [fileNote, setFileNote] = useState('');
  // Uploads the picked file, then sends it with the text as its caption, or alone.
  const attach = async (file: File) => {
    setFileNote(t('attachments.attaching', { name: file.name }));
    try {
      const form = new FormData();
      form.set('file', file, file.name);
      const path = `/v1/conversations/${encodeURIComponent(conversationId)}/attachments`;
      const uploaded = await api.request<{ id: string }>(path, { method: 'POST', body: form });
      // Without text the message is the file alone.
      const caption = body.slice(0, MAX_CHARS);
      if (!onSend(caption, kind, [uploaded.id])) throw new Error(t('attachments.notConnected'));
      setFileNote('');
      setText('');
      drafts().clear(conversationId);
      field.current?.focus();
    } catch (error) {
      setFileNote(t('attachments.attachFailed', { name: file.name, reason: errorText(error) }));
    }
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mentions.keyDown(event) || canned.keyDown(event)) return;
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  // One suggestion list at a time: an `@word` and a `/word` never both end at the caret.
  const fieldProps = mentions.open
    ? {
        'aria-autocomplete': 'list' as const,
        'aria-controls': mentions.listId,
        'aria-activedescendant': mentions.activeId,
      }
    : canned.fieldProps;

  return (
    <form
      className="composer"
      data-mode={kind}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <fieldset className="composer-mode">
        <legend className="visually-hidden">{t('notes.modeLegend')}</legend>
        {(['message', 'note'] as const).map((value) => (
          <label key={value} className="composer-mode-option" data-checked={kind === value}>
            <input
              type="radio"
              name={`compose-${conversationId}`}
              value={value}
              checked={kind === value}
              onChange={() => choose(value)}
            />
            {value === 'note' ? <LockIcon /> : null}
            {value === 'note' ? t('notes.modeNote') : t('notes.modeReply')}
          </label>
        ))}
        {note ? <span className="composer-mode-hint">{t('notes.noteHint')}</span> : null}
      </fieldset>
      <textarea
        ref={field}
        rows={1}
        value={text}
        placeholder={
          note ? t('notes.notePlaceholder') : t('notes.replyPlaceholder', { name: contactName })
        }
        aria-label={note ? t('notes.noteLabel') : t('notes.replyLabel')}
        {...fieldProps}
        onChange={(e) => {
          change(e.target.value);
          canned.track(e.target.value, e.target.selectionStart);
          mentions.refresh(note);
        }}
        onSelect={(e) => {
          canned.track(e.currentTarget.value, e.currentTarget.selectionStart);
          mentions.refresh(note);
        }}
        onKeyDown={keyDown}
        onBlur={() => {
          client?.stopTyping(conversationId);
          canned.close();
          mentions.refresh(false);
        }}
      />
      {canned.picker}
      {mentions.open ? (
        <MentionPicker
          id={mentions.listId}
          agents={mentions.agents}
          active={mentions.active}
          choose={mentions.choose}
        />
      ) : null}
      <span className="visually-hidden" role="status">
        {mentions.open ? t('notes.pickerStatus', { n: mentions.agents.length }) : ''}
      </span>
      <div className="composer-bar">
        <button
          type="button"
          className="composer-attach"
          aria-label={t('attachments.attach')}
          title={t('attachments.attach')}
          disabled={disabled}
          onClick={() => picker.current?.click()}
        >
          <ClipIcon />
        </button>
        <input
          ref={picker}
          type="file"
          hidden
          tabIndex={-1}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void attach(file);
          }}
        />
        <span className="composer-file-note" role="status">
          {fileNote}
        </span>
        <span className={tooLong ? 'composer-hint error' : 'composer-hint'}>
          {body.length > MAX_CHARS - 500 ? (
            `${body.length} / ${MAX_CHARS}`
          ) : (
            <>
              <kbd>↵</kbd> {note ? t('notes.keyAdd') : t('notes.keySend')} · <kbd>⇧ ↵</kbd>{' '}
              {t('notes.keyNewLine')}
            </>
          )}
        </span>
        <button type="submit" className="primary" disabled={!body || tooLong || disabled}>
          {note ? t('notes.addNote') : t('notes.send')}
        </button>
      </div>
    </form>
  );
}

function ClipIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function LockIcon() {
  return (
    <svg width="13" height="13" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <rect x="5" y="11" width="14" height="10" rx="2" stroke="currentColor" strokeWidth="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
