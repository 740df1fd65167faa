import { lazy, Suspense } from 'react';
import { t } from '../../lib/i18n/index.tsx';
import type { Route } from '../../lib/router.tsx';

// Its own chunk, outside the agents' shell: operators sign in here with a token of their own.
const OperatorPage = lazy(() => import('./operator-page.tsx'));

export const operatorRoutes: Route[] = [
  {
    path: '/operator',
    public: true,
    render: (_, search) => (
      <Suspense
        fallback={
          <div className="ui-pane-state">
            <span className="ui-spinner" role="status" aria-label={t('operator.loading')} />
          </div>
        }
      >
        <OperatorPage view={search.get('view')} tenant={search.get('tenant')} />
      </Suspense>
    ),
  },
];
