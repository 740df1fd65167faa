import { lazy, Suspense } from 'react';
import type { Route } from '../../lib/router.tsx';
import { Shell } from '../shell/shell.tsx';
import { systemStrings as t } from './strings.ts';

// Its own chunk: only an install's operators ever open it.
const SystemPage = lazy(() => import('./system-page.tsx'));

export const systemRoutes: Route[] = [
  {
    path: '/system',
    render: () => (
      <Shell>
        <Suspense
          fallback={
            <div className="ui-pane-state">
              <span className="ui-spinner" role="status" aria-label={t.loading} />
            </div>
          }
        >
          <SystemPage />
        </Suspense>
      </Shell>
    ),
  },
];
