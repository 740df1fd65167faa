import type { Agent } from '@flc/protocol/resources';
import {
  type KeyboardEvent,
  type RefObject,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { optionId } from './mention-picker.tsx';
import { insertMention, type MentionQuery, matchAgents, mentionQueryAt } from './mention-query.ts';

/**
 * The @-mention suggestions of a text field: what is being typed at the caret, the teammates it
 * matches, the active one, and the keys that move and choose (ArrowUp/Down, Enter or Tab,
 * Escape). `setText` receives the text with the chosen `@handle ` in place; the caret follows it.
 */
export function useMentionPicker(
  field: RefObject<HTMLTextAreaElement | null>,
  team: readonly Agent[],
  meId: string | null,
  setText: (value: string) => void,
) {
  const listId = useId();
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const caret = useRef<number | null>(null);
  const agents = query ? matchAgents(team, query.text, meId) : [];
  const open = query !== null && dismissed !== query.start && agents.length > 0;

  // After a mention is put in, the caret goes right after it.
  useLayoutEffect(() => {
    const el = field.current;
    if (el && caret.current !== null) {
      el.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  });

  /** Reads the field again: call on every change of its text or caret. */
  const refresh = (enabled: boolean) => {
    const el = field.current;
    const next = enabled && el ? mentionQueryAt(el.value, el.selectionStart ?? 0) : null;
    if (next?.start !== query?.start || next?.text !== query?.text) setActive(0);
    if (next?.start !== dismissed) setDismissed(null);
    setQuery(next);
  };

  const choose = (agent: Agent) => {
    const el = field.current;
    if (!el || !query) return;
    const inserted = insertMention(el.value, query, agent.handle);
    caret.current = inserted.caret;
    setQuery(null);
    setText(inserted.value);
  };

  /** Handles the key when the suggestions are open; true when it did. */
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || !query) return false;
    const count = agents.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const agent = agents[Math.min(active, count - 1)];
      if (agent) choose(agent);
    } else if (event.key === 'Escape') {
      setDismissed(query.start);
    } else {
      return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  };

  return {
    open,
    agents,
    active: Math.min(active, Math.max(0, agents.length - 1)),
    listId,
    activeId: open ? optionId(listId, Math.min(active, agents.length - 1)) : undefined,
    refresh,
    choose,
    keyDown,
  };
}
