import type { Route } from '../../lib/router.tsx';
import { AcceptInvitePage } from './accept-invite-page.tsx';
import { ForgotPasswordPage } from './forgot-password-page.tsx';
import { LoginPage } from './login-page.tsx';
import { ResetPasswordPage } from './reset-password-page.tsx';
import { SignupPage } from './signup-page.tsx';
import { SsoCallbackPage } from './sso-callback-page.tsx';

export const authRoutes: Route[] = [
  {
    path: '/login',
    public: true,
    render: (_, search) => (
      <LoginPage
        next={search.get('next')}
        ssoError={search.get('sso_error')}
        passwordChanged={search.get('reset') === 'done'}
      />
    ),
  },
  { path: '/login/sso', public: true, render: () => <SsoCallbackPage /> },
  { path: '/forgot-password', public: true, render: () => <ForgotPasswordPage /> },
  { path: '/reset-password', public: true, render: () => <ResetPasswordPage /> },
  { path: '/signup', public: true, render: () => <SignupPage /> },
  {
    path: '/accept-invite',
    public: true,
    render: (_, search) => <AcceptInvitePage token={search.get('token') ?? ''} />,
  },
];
