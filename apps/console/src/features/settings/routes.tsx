import type { Route } from '../../lib/router.tsx';
import { SettingsPage } from './settings-page.tsx';

export const settingsRoutes: Route[] = [
  {
    path: '/settings/:section?',
    render: (params) => <SettingsPage section={params.section} />,
  },
];
