import {
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  useSyncExternalStore,
} from 'react';

/**
 * A small history router: the console has a handful of routes, so a path matcher and
 * `navigate()` over the History API are all it needs (the server answers index.html for them).
 */
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === `${location.pathname}${location.search}`) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const snapshot = () => `${location.pathname}${location.search}`;

/** A page of the console; each feature lists its own (`features/<x>/routes.tsx`). */
export interface Route {
  /** A `matchPath` pattern. */
  path: string;
  /** Reachable while signed out. */
  public?: boolean;
  render(params: Record<string, string>, search: URLSearchParams): ReactNode;
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
  /** pathname + search, what `navigate()` takes. */
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(href, 'http://console.local');
  return { pathname: url.pathname, search: url.searchParams, href };
}

/** `matchPath('/inbox/:id?', '/inbox/42')` → `{id: '42'}`; null when the path does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < Math.max(want.length, have.length); i++) {
    const segment = want[i];
    const value = have[i];
    if (segment === undefined) return null;
    if (segment.startsWith(':')) {
      const optional = segment.endsWith('?');
      const name = segment.slice(1, optional ? -1 : undefined);
      if (value === undefined) {
        if (optional) continue;
        return null;
      }
      params[name] = decodeURIComponent(value);
    } else if (segment !== value) {
      return null;
    }
  }
  return params;
}

/** An anchor that navigates in place on a plain left click, and opens a tab on ctrl/cmd-click. */
export function Link({
  to,
  onClick,
  ...rest
}: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}
