import type { OutboxStorage, PendingMessage } from '@flc/sdk';

/** The part of Web Storage the outbox uses. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The agent a console access token was issued to (its `sub`), or null when unreadable. */
export function tokenSubject(token: string): string | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' && sub.length > 0 ? sub : null;
  } catch {
    return null;
  }
}

export const outboxKey = (agentId: string) => `flc.console.outbox.${agentId}`;

/**
 * Keeps an agent's unacked messages across page loads, under a key of its own (another agent
 * signing in on this tab never sends them). The SDK restores them with their cids, so the server
 * takes each once however often it is sent again; an ack removes it here. Storage that fails
 * (full, disabled) only loses the reload guarantee.
 */
export function outboxStorage(storage: KeyValueStorage, agentId: string): OutboxStorage {
  const key = outboxKey(agentId);
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
        return Array.isArray(parsed) ? (parsed as PendingMessage[]) : [];
      } catch {
        return [];
      }
    },
    save(pending) {
      try {
        if (pending.length === 0) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(pending));
      } catch {
        // Full or disabled: the messages still go out from this page.
      }
    },
  };
}
