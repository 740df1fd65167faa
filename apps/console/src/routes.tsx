import type { ReactNode } from 'react';
import { authRoutes } from './features/auth/routes.tsx';
import { inboxRoutes } from './features/inbox/routes.tsx';
import { settingsRoutes } from './features/settings/routes.tsx';

export interface Route {
  /** A `matchPath` pattern. */
  path: string;
  /** Reachable while signed out. */
  public?: boolean;
  render(params: Record<string, string>, search: URLSearchParams): ReactNode;
}

export const routes: Route[] = [...authRoutes, ...inboxRoutes, ...settingsRoutes];
