import type { Route } from '../../routes.tsx';
import { Shell } from '../shell/shell.tsx';

export const settingsRoutes: Route[] = [
  {
    path: '/settings/:section?',
    render: () => (
      <Shell>
        <p className="empty">Settings are on their way.</p>
      </Shell>
    ),
  },
];
