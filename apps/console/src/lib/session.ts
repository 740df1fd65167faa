/** The signed-in agent's tokens, kept in localStorage so a reload stays signed in. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

type Listener = (tokens: Tokens | null) => void;

const KEY = 'flc.console.session';

/** Seconds since the epoch when a JWT expires, or 0 when it carries no readable `exp`. */
export function tokenExpiry(token: string): number {
  const part = token.split('.')[1];
  if (!part) return 0;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : 0;
  } catch {
    return 0; // not a JWT we can read: treat as expired, the server decides
  }
}

export class SessionStore {
  private tokens: Tokens | null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {
    this.tokens = SessionStore.read(storage);
  }

  private static read(storage: Pick<Storage, 'getItem'>): Tokens | null {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<Tokens>;
      return typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string'
        ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken }
        : null;
    } catch {
      return null;
    }
  }

  get(): Tokens | null {
    return this.tokens;
  }

  set(tokens: Tokens | null): void {
    this.tokens = tokens;
    if (tokens) this.storage.setItem(KEY, JSON.stringify(tokens));
    else this.storage.removeItem(KEY);
    for (const listener of this.listeners) listener(tokens);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
