/**
 * Drafts per conversation in localStorage: a reload, a new tab or a forced log in (a dead
 * refresh token) keeps what the agent was writing. Old drafts are dropped after a month.
 */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key'> & {
  readonly length: number;
};

const PREFIX = 'flc.console.draft.';
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

interface Stored {
  text: string;
  at: number;
}

export class DraftStore {
  constructor(
    private readonly storage: DraftStorage,
    private readonly now: () => number = Date.now,
  ) {}

  get(conversationId: string): string {
    const raw = this.storage.getItem(PREFIX + conversationId);
    if (!raw) return '';
    try {
      const stored = JSON.parse(raw) as Partial<Stored>;
      return typeof stored.text === 'string' ? stored.text : '';
    } catch {
      return ''; // not ours or damaged: start empty rather than show garbage
    }
  }

  /** Keeps `text`; an empty or blank draft removes the entry. */
  set(conversationId: string, text: string): void {
    const key = PREFIX + conversationId;
    if (text.trim() === '') {
      this.storage.removeItem(key);
      return;
    }
    const value: Stored = { text, at: this.now() };
    try {
      this.storage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or denied (private mode): the draft lives on in memory only.
    }
  }

  clear(conversationId: string): void {
    this.storage.removeItem(PREFIX + conversationId);
  }

  /** Drops drafts untouched for a month; returns how many. */
  prune(): number {
    const old: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      try {
        const at = (JSON.parse(this.storage.getItem(key) ?? '') as Partial<Stored>).at;
        if (typeof at !== 'number' || this.now() - at > MAX_AGE_MS) old.push(key);
      } catch {
        old.push(key);
      }
    }
    for (const key of old) this.storage.removeItem(key);
    return old.length;
  }
}
