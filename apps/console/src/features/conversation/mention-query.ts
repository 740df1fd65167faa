import type { Agent } from '@flc/protocol/resources';

/** The `@word` being typed at the caret: where its `@` is, where it ends, and the word. */
export interface MentionQuery {
  /** Index of the `@`. */
  start: number;
  /** Index after the last character of the word (the caret). */
  end: number;
  text: string;
}

const WORD = /[\p{L}\p{M}\p{N}]/u;

/**
 * The mention typed right before the caret, or null: an `@` at the start or after a character
 * that is not part of a word (so an email address is not one), then letters and digits only.
 */
export function mentionQueryAt(value: string, caret: number): MentionQuery | null {
  let at = caret;
  while (at > 0 && WORD.test(value.charAt(at - 1))) at -= 1;
  if (value.charAt(at - 1) !== '@') return null;
  const start = at - 1;
  if (start > 0 && WORD.test(value.charAt(start - 1))) return null;
  return { start, end: caret, text: value.slice(at, caret) };
}

const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]/gu, '');

/**
 * Teammates to offer for `text`: active agents other than the writer whose handle, or a word of
 * whose name, starts with it; handles first, then by name; at most `max`.
 */
export function matchAgents(
  team: readonly Agent[],
  text: string,
  meId: string | null,
  max = 6,
): Agent[] {
  const wanted = squash(text);
  const found: { agent: Agent; rank: number }[] = [];
  for (const agent of team) {
    if (agent.status !== 'active' || agent.id === meId) continue;
    const byHandle = agent.handle.toLowerCase().startsWith(wanted);
    const byName = agent.name
      .split(/\s+/)
      .some((word) => squash(word).startsWith(wanted) && wanted !== '');
    if (byHandle || byName) found.push({ agent, rank: byHandle ? 0 : 1 });
  }
  return found
    .sort((a, b) => a.rank - b.rank || a.agent.name.localeCompare(b.agent.name))
    .slice(0, max)
    .map((f) => f.agent);
}

/** The text with the query replaced by `@handle ` and where the caret goes after it. */
export function insertMention(
  value: string,
  query: MentionQuery,
  handle: string,
): { value: string; caret: number } {
  const inserted = `@${handle} `;
  const rest = value.slice(query.end).replace(/^ /, '');
  return {
    value: value.slice(0, query.start) + inserted + rest,
    caret: query.start + inserted.length,
  };
}
