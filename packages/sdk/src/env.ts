import type { OnlineSignal, Timers } from './types.ts';

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

const alwaysOnline: OnlineSignal = { isOnline: () => true, subscribe: () => () => {} };

interface BrowserGlobals {
  navigator?: { onLine?: unknown };
  addEventListener?: (type: string, listener: () => void) => void;
  removeEventListener?: (type: string, listener: () => void) => void;
}

/** The browser's `online`/`offline` events where there are some; elsewhere always online. */
export function defaultOnline(): OnlineSignal {
  const g = globalThis as BrowserGlobals;
  const add = g.addEventListener;
  const remove = g.removeEventListener;
  if (typeof g.navigator?.onLine !== 'boolean' || !add || !remove) return alwaysOnline;
  return {
    isOnline: () => g.navigator?.onLine !== false,
    subscribe(listener) {
      add.call(g, 'online', listener);
      add.call(g, 'offline', listener);
      return () => {
        remove.call(g, 'online', listener);
        remove.call(g, 'offline', listener);
      };
    },
  };
}

/** A v4 UUID; `crypto.randomUUID` is missing on plain-http pages, `getRandomValues` is not. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The `exp` (epoch ms) of a JWT, read without verifying it, or undefined for anything else.
 * A refused upgrade looks like any network failure to a browser, so the client checks expiry
 * itself before dialing with a token that cannot work.
 */
export function tokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    // Not a JWT: the server is the only judge of such a token.
    return undefined;
  }
}

/** `http(s)://host[/base]` or `ws(s)://...` → the socket URL with the token. */
export function socketUrl(base: string, path: string, token: string): string {
  const url = new URL(base);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  if (!url.pathname.endsWith(path)) url.pathname = url.pathname.replace(/\/$/, '') + path;
  url.searchParams.set('token', token);
  return url.toString();
}
