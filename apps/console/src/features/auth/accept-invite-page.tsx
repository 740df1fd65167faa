import { type FormEvent, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { Field } from '../../lib/field.tsx';
import { fieldError, formErrors } from '../../lib/form-errors.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { ACCEPT_INVITE_FIELDS, useAcceptInvite } from './api/accept-invite.ts';
import { AuthLayout } from './auth-layout.tsx';
import { hasProblems, MIN_PASSWORD, type Problems, validateAcceptInvite } from './validation.ts';

/** `/accept-invite?token=…`: the invited agent picks a password (and a name), then is signed in. */
export function AcceptInvitePage({ token }: { token: string }) {
  const { signIn } = useAuth();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const accept = useAcceptInvite();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateAcceptInvite({ token, name, password, confirm });
    setProblems(found);
    if (hasProblems(found)) return;
    const trimmed = name.trim();
    accept.mutate(
      { token, password, ...(trimmed ? { name: trimmed } : {}) },
      {
        onSuccess: (answer) => {
          // Replaces whoever was signed in here: the invitation is for someone else.
          signIn({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
          navigate('/inbox', { replace: true });
        },
      },
    );
  };

  const apiErrors = formErrors(accept.error, ACCEPT_INVITE_FIELDS);
  const dead = accept.error instanceof ApiError && accept.error.status === 401;
  const error = (field: string) => problems[field] ?? fieldError(apiErrors, field);

  if (!token) {
    return (
      <AuthLayout title="Invitation link incomplete">
        <p>
          This link has no invitation token. Open the link from your invitation again, or ask the
          person who invited you for a new one.
        </p>
        <Link to="/login">Go to log in</Link>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Join your team"
      subtitle="You were invited to Fast Light Chat. Choose a password to finish setting up your account."
      footer={
        <>
          Already joined? <Link to="/login">Log in</Link>
        </>
      }
    >
      <form className="auth-form" onSubmit={submit} noValidate>
        <Field
          label="Your name"
          error={error('name')}
          hint="Leave empty to keep the name you were invited with."
        >
          {(props) => (
            <input
              {...props}
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Password"
          error={error('password')}
          hint={`At least ${MIN_PASSWORD} characters.`}
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Field label="Confirm password" error={problems.confirm}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          )}
        </Field>
        {dead ? (
          <p role="alert" className="form-alert">
            This invitation is invalid, already used or expired. Ask an admin of your organization
            for a new link.
          </p>
        ) : apiErrors.form || problems.token ? (
          <p role="alert" className="form-alert">
            {problems.token ?? apiErrors.form}
          </p>
        ) : null}
        <button type="submit" className="primary block" disabled={accept.isPending}>
          {accept.isPending ? 'Joining…' : 'Join and sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
