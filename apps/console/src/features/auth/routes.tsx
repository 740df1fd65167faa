import type { Route } from '../../routes.tsx';
import { LoginPage } from './login-page.tsx';

export const authRoutes: Route[] = [
  { path: '/login', public: true, render: (_, search) => <LoginPage next={search.get('next')} /> },
];
