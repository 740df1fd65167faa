/** The part of Web Storage the widget uses; memory-backed where the page may not use storage. */
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function memoryStorage(): KeyValue {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => void map.set(key, value),
    remove: (key) => void map.delete(key),
  };
}

/**
 * `localStorage` (shared by the visitor's tabs) or `sessionStorage` (one tab). Reading the
 * property throws in sandboxed frames and with cookies blocked, and writes throw when the quota
 * is full: the widget then keeps working for this page view, only without continuity.
 */
export function webStorage(kind: 'localStorage' | 'sessionStorage'): KeyValue {
  let store: Storage;
  try {
    store = window[kind];
    store.getItem('flc');
  } catch {
    return memoryStorage();
  }
  const fallback = memoryStorage();
  return {
    get(key) {
      try {
        return store.getItem(key) ?? fallback.get(key);
      } catch {
        return fallback.get(key);
      }
    },
    set(key, value) {
      try {
        store.setItem(key, value);
      } catch {
        fallback.set(key, value);
      }
    },
    remove(key) {
      fallback.remove(key);
      try {
        store.removeItem(key);
      } catch {
        // Nothing was stored there if it cannot even be removed.
      }
    },
  };
}

/** The keys of one plugin key's data; tenants with several widgets on a page stay apart. */
export const storageKeys = (pluginKey: string) => ({
  /** localStorage: the anonymous visitor's token, for the same contact in every tab and visit. */
  visitor: `flc:${pluginKey}:visitor`,
  /** localStorage: `{contactId, id}` of the conversation a tab opened, so the others follow it. */
  conversation: `flc:${pluginKey}:conversation`,
  /** sessionStorage: this tab's unacked messages (the SDK outbox). */
  outbox: `flc:${pluginKey}:outbox`,
  /** sessionStorage: whether this tab had the panel open, kept across reloads and navigation. */
  open: `flc:${pluginKey}:open`,
  /** localStorage: the environment's widget language from the last boot, when it fixed one. */
  language: `flc:${pluginKey}:language`,
});
