import { lazyPage } from '../../lib/lazy-page.tsx';
import type { Route } from '../../lib/router.tsx';

// Its own chunk, with the chart library: the inbox's bundle does not carry it.
export const reportRoutes: Route[] = [
  { path: '/reports', render: lazyPage(() => import('./reports-page.tsx'), 'reports.loading') },
];
