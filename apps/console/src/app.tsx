import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { AuthProvider, useAuth } from './lib/auth.tsx';
import { I18nProvider, useI18nState } from './lib/i18n/index.tsx';
import { createQueryClient } from './lib/query-client.ts';
import { RealtimeProvider } from './lib/realtime.tsx';
import { matchPath, navigate, useLocation } from './lib/router.tsx';
import { routes } from './routes.tsx';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const i18n = useI18nState();
  return (
    <I18nProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RealtimeProvider>
            <Router />
          </RealtimeProvider>
        </AuthProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}

/** Public routes for the signed out; the rest sends them to /login?next=<where they were>. */
function Router(): ReactNode {
  const location = useLocation();
  const { tokens } = useAuth();
  const match = routes
    .map((route) => ({ route, params: matchPath(route.path, location.pathname) }))
    .find((m) => m.params !== null);
  const needsLogin = !tokens && !match?.route.public;
  useEffect(() => {
    if (needsLogin) {
      const next = location.href === '/' ? '' : `?next=${encodeURIComponent(location.href)}`;
      navigate(`/login${next}`, { replace: true });
    } else if (!match) {
      navigate('/inbox', { replace: true });
    }
  }, [needsLogin, match, location.href]);
  if (needsLogin || !match || !match.params) return null;
  const { render } = match.route;
  return render(match.params, location.search);
}
