import type { TemplateValues } from '@flc/protocol/canned-templates';
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useCommand } from '../../lib/commands.ts';
import { useRealtime } from '../../lib/realtime.tsx';
import { type Insertion, useCannedPicker } from '../canned-responses/canned-picker.tsx';
import { DraftStore } from './draft-storage.ts';

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

interface Props {
  conversationId: string;
  placeholder: string;
  /** Queues the message; false when there is no connection to queue it on yet. */
  onSend(body: string): boolean;
  disabled?: boolean;
  /** What a canned response's variables are filled in with when it is inserted. */
  templateValues: TemplateValues;
}

/**
 * Enter sends, Shift+Enter breaks the line; the draft is kept per conversation. `/` at the start
 * of a word opens the canned responses.
 */
export function Composer({ conversationId, placeholder, onSend, disabled, templateValues }: Props) {
  const client = useRealtime();
  const [text, setText] = useState(() => drafts().get(conversationId));
  const field = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once an insertion has been rendered.
  const caret = useRef<number | null>(null);
  const picker = useCannedPicker(templateValues, (next: Insertion) => {
    caret.current = next.caret;
    change(next.text);
  });

  useCommand('focus-composer', () => field.current?.focus());

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

  const change = (value: string) => {
    setText(value);
    drafts().set(conversationId, value);
    if (value.trim()) client?.typing(conversationId);
    else client?.stopTyping(conversationId);
  };

  const body = text.trim();
  const tooLong = body.length > MAX_CHARS;
  const send = () => {
    if (!body || tooLong || disabled) return;
    if (!onSend(body)) return;
    setText('');
    drafts().clear(conversationId);
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picker.keyDown(event)) return;
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        ref={field}
        rows={1}
        value={text}
        placeholder={placeholder}
        aria-label="Reply"
        {...picker.fieldProps}
        onChange={(e) => {
          change(e.target.value);
          picker.track(e.target.value, e.target.selectionStart);
        }}
        onSelect={(e) => picker.track(e.currentTarget.value, e.currentTarget.selectionStart)}
        onKeyDown={keyDown}
        onBlur={() => {
          client?.stopTyping(conversationId);
          picker.close();
        }}
      />
      {picker.picker}
      <div className="composer-bar">
        <span className={tooLong ? 'composer-hint error' : 'composer-hint'}>
          {body.length > MAX_CHARS - 500 ? (
            `${body.length} / ${MAX_CHARS}`
          ) : (
            <>
              <kbd>↵</kbd> send · <kbd>⇧ ↵</kbd> new line
            </>
          )}
        </span>
        <button type="submit" className="primary" disabled={!body || tooLong || disabled}>
          Send
        </button>
      </div>
    </form>
  );
}
