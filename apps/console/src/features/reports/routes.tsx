import { lazy, Suspense } from 'react';
import type { Route } from '../../lib/router.tsx';
import { Shell } from '../shell/shell.tsx';
import { reportNavStrings as t } from './nav-strings.ts';

// Its own chunk, with the chart library: the inbox's bundle does not carry it.
const ReportsPage = lazy(() => import('./reports-page.tsx'));

export const reportRoutes: Route[] = [
  {
    path: '/reports',
    render: () => (
      <Shell>
        <Suspense
          fallback={
            <div className="ui-pane-state">
              <span className="ui-spinner" role="status" aria-label={t.loading} />
            </div>
          }
        >
          <ReportsPage />
        </Suspense>
      </Shell>
    ),
  },
];
