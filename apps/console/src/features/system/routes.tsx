import { lazyPage } from '../../lib/lazy-page.tsx';
import type { Route } from '../../lib/router.tsx';

// Its own chunk: only an install's operators ever open it.
export const systemRoutes: Route[] = [
  { path: '/system', render: lazyPage(() => import('./system-page.tsx'), 'system.loading') },
];
