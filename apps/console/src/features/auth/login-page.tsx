import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { Link, navigate } from '../../lib/router.tsx';

interface LoginAnswer {
  accessToken: string;
  refreshToken: string;
}

/** Only same-origin console paths are followed after logging in. */
export const safeNext = (next: string | null) =>
  next?.startsWith('/') && !next.startsWith('//') ? next : '/inbox';

export function LoginPage({ next }: { next: string | null }) {
  const { api, signIn } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () =>
      api.request<LoginAnswer>('/v1/auth/login', {
        method: 'POST',
        body: { email, password },
        anonymous: true,
      }),
    onSuccess: (answer) => {
      signIn({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
      navigate(safeNext(next), { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <main className="auth">
      <form className="auth-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Log in to Fast Light Chat</h1>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {login.error ? (
          <p role="alert" className="error">
            {login.error instanceof ApiError && login.error.status === 401
              ? 'Wrong email or password.'
              : login.error.message}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
        <p className="muted">
          New here? <Link to="/signup">Create an organization</Link>
        </p>
      </form>
    </main>
  );
}
