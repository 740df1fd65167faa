import type { Route } from '../../routes.tsx';
import { Shell } from '../shell/shell.tsx';

export const inboxRoutes: Route[] = [
  {
    path: '/inbox/:conversationId?',
    render: () => (
      <Shell>
        <p className="empty">The inbox is on its way.</p>
      </Shell>
    ),
  },
];
