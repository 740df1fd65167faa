import { authRoutes } from './features/auth/routes.tsx';
import { inboxRoutes } from './features/inbox/routes.tsx';
import { mentionRoutes } from './features/mentions/routes.tsx';
import { operatorRoutes } from './features/operator/routes.tsx';
import { reportRoutes } from './features/reports/routes.tsx';
import { settingsRoutes } from './features/settings/routes.tsx';
import { systemRoutes } from './features/system/routes.tsx';
import { twoFactorRoutes } from './features/two-factor/routes.tsx';
import type { Route } from './lib/router.tsx';

export const routes: Route[] = [
  ...authRoutes,
  ...twoFactorRoutes,
  ...inboxRoutes,
  ...mentionRoutes,
  ...reportRoutes,
  ...settingsRoutes,
  ...systemRoutes,
  ...operatorRoutes,
];
