import type { Route } from '../../lib/router.tsx';
import { CodeStepPage } from './code-step-page.tsx';
import { SetupPage } from './setup-page.tsx';

export const twoFactorRoutes: Route[] = [
  { path: '/login/two-factor', public: true, render: () => <CodeStepPage /> },
  { path: '/login/two-factor-setup', public: true, render: () => <SetupPage /> },
];
