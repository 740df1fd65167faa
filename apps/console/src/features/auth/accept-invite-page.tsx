import type { InvitationPreview } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { useAuth } from '../../lib/auth.tsx';
import { acceptInviteText } from './accept-invite-text.ts';
import '../../lib/ui.css';
import { Field, FormAlert } from '../../lib/field.tsx';
import { fieldError, formErrors } from '../../lib/form-errors.ts';
import { secondStepRoute } from '../../lib/pending-sign-in.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { ACCEPT_INVITE_FIELDS, useAcceptInvite } from './api/accept-invite.ts';
import { useInvitation } from './api/get-invitation.ts';
import { AuthLayout } from './auth-layout.tsx';
import { invitationState, joinTitle, validityNote } from './invitation.ts';
import { NewPasswordField } from './new-password-field.tsx';
import { hasProblems, type Problems, validateAcceptInvite } from './validation.ts';

/**
 * `/accept-invite?token=…`: the page first asks what the token invites to, so a dead link says
 * so before anyone types; a live one shows the organization and role, with the name pre-filled.
 */
export function AcceptInvitePage({ token }: { token: string }) {
  const preview = useInvitation(token);
  const accept = useAcceptInvite();
  const state = invitationState({
    token,
    data: preview.data,
    error: preview.error,
    acceptError: accept.error,
  });
  const toLogin = (
    <>
      Already joined? <Link to="/login">Log in</Link>
    </>
  );

  switch (state.kind) {
    case 'missing':
      return (
        <AuthLayout key="missing" title="Invitation link incomplete" footer={toLogin}>
          <p>
            This link has no invitation token. Open the link from your invitation again, or ask the
            person who invited you for a new one.
          </p>
        </AuthLayout>
      );
    case 'checking':
      return (
        <AuthLayout key="checking" title="Checking your invitation…">
          <div className="auth-checking" aria-busy="true">
            <span className="ui-spinner" aria-hidden="true" />
            One moment.
          </div>
        </AuthLayout>
      );
    case 'dead':
      return (
        <AuthLayout key="dead" title="This invitation link no longer works" footer={toLogin}>
          <div className="auth-dead">
            <FormAlert>It was already used, replaced by a newer link, or it expired.</FormAlert>
            <p className="muted auth-note">
              Ask an owner or admin of your organization for a new link: they can issue one from
              Settings → Agents. If you already joined, log in instead.
            </p>
          </div>
        </AuthLayout>
      );
    case 'unreachable':
      return (
        <AuthLayout key="unreachable" title="We could not check your invitation">
          <FormAlert>{state.error.message}</FormAlert>
          <button type="button" className="primary block" onClick={() => void preview.refetch()}>
            Try again
          </button>
        </AuthLayout>
      );
    case 'email_in_use':
      return (
        <AuthLayout
          key="email_in_use"
          title={acceptInviteText.emailInUseTitle}
          footer={<Link to="/login">{acceptInviteText.logIn}</Link>}
        >
          <div className="auth-dead">
            <FormAlert>{acceptInviteText.emailInUse(state.invitation.email)}</FormAlert>
            <p className="muted auth-note">{acceptInviteText.emailInUseHint}</p>
          </div>
        </AuthLayout>
      );
    case 'live':
      return (
        <AuthLayout
          key="live"
          title={joinTitle(state.invitation)}
          subtitle={
            <>
              Choose a password to finish setting up your account.{' '}
              {validityNote(state.invitation.expiresAt)}
            </>
          }
          footer={toLogin}
        >
          <JoinForm token={token} invitation={state.invitation} accept={accept} />
        </AuthLayout>
      );
  }
}

function JoinForm({
  token,
  invitation,
  accept,
}: {
  token: string;
  invitation: InvitationPreview;
  accept: ReturnType<typeof useAcceptInvite>;
}) {
  const { signIn } = useAuth();
  const [name, setName] = useState(invitation.name);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problems>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateAcceptInvite({ token, name, password, confirm });
    setProblems(found);
    if (hasProblems(found)) return;
    accept.mutate(
      { token, password, name: name.trim() },
      {
        onSuccess: (answer) => {
          // The organization requires two-factor: enrolment comes before the inbox.
          const step = secondStepRoute(answer, '/inbox');
          if (step) return navigate(step, { replace: true });
          if ('accessToken' in answer) {
            // Replaces whoever was signed in here: the invitation is for someone else.
            signIn({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
            navigate('/inbox', { replace: true });
          }
        },
      },
    );
  };

  const apiErrors = formErrors(accept.error, ACCEPT_INVITE_FIELDS);
  const error = (field: string) => problems[field] ?? fieldError(apiErrors, field);

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      <Field label="Email" hint="You log in with this address.">
        {(props) => (
          <input
            {...props}
            type="email"
            autoComplete="username"
            value={invitation.email}
            readOnly
          />
        )}
      </Field>
      <Field label="Your name" error={error('name')} hint="As your teammates and visitors see it.">
        {(props) => (
          <input
            {...props}
            autoComplete="name"
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <NewPasswordField
        value={password}
        error={error('password')}
        onChange={(e) => setPassword(e.target.value)}
      />
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
      <FormAlert>{problems.token ?? apiErrors.form}</FormAlert>
      <button type="submit" className="primary block" disabled={accept.isPending}>
        {accept.isPending ? 'Joining…' : `Join ${invitation.organization.name}`}
      </button>
    </form>
  );
}
