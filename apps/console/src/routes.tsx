import { authRoutes } from './features/auth/routes.tsx';
import { inboxRoutes } from './features/inbox/routes.tsx';
import { settingsRoutes } from './features/settings/routes.tsx';
import type { Route } from './lib/router.tsx';

export const routes: Route[] = [...authRoutes, ...inboxRoutes, ...settingsRoutes];
