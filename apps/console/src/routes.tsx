import type { ReactNode } from 'react';
import { LoginPage } from './features/auth/login-page.tsx';
import { Shell } from './features/shell/shell.tsx';

export interface Route {
  /** A `matchPath` pattern. */
  path: string;
  /** Reachable while signed out. */
  public?: boolean;
  render(params: Record<string, string>, search: URLSearchParams): ReactNode;
}

export const routes: Route[] = [
  { path: '/login', public: true, render: (_, search) => <LoginPage next={search.get('next')} /> },
  {
    path: '/inbox/:conversationId?',
    render: () => (
      <Shell>
        <p className="empty">The inbox is on its way.</p>
      </Shell>
    ),
  },
  {
    path: '/settings/:section?',
    render: () => (
      <Shell>
        <p className="empty">Settings are on their way.</p>
      </Shell>
    ),
  },
];
