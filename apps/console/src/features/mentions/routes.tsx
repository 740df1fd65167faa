import type { Route } from '../../lib/router.tsx';
import { Shell } from '../shell/shell.tsx';
import { MentionsPage } from './mentions-page.tsx';

export const mentionRoutes: Route[] = [
  {
    path: '/mentions',
    render: () => (
      <Shell>
        <MentionsPage />
      </Shell>
    ),
  },
];
