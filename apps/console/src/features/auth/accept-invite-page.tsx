import type { InvitationPreview } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { useAuth } from '../../lib/auth.tsx';
import { t } from '../../lib/i18n/index.tsx';
import '../../lib/ui.css';
import { Field, FormAlert } from '../../lib/field.tsx';
import { fieldError, formErrors } from '../../lib/form-errors.ts';
import { errorText } from '../../lib/i18n/errors.ts';
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
      {t('acceptInvite.alreadyJoined')} <Link to="/login">{t('acceptInvite.logIn')}</Link>
    </>
  );

  switch (state.kind) {
    case 'missing':
      return (
        <AuthLayout key="missing" title={t('acceptInvite.missingTitle')} footer={toLogin}>
          <p>{t('acceptInvite.missing')}</p>
        </AuthLayout>
      );
    case 'checking':
      return (
        <AuthLayout key="checking" title={t('acceptInvite.checking')}>
          <div className="auth-checking" aria-busy="true">
            <span className="ui-spinner" aria-hidden="true" />
            {t('acceptInvite.oneMoment')}
          </div>
        </AuthLayout>
      );
    case 'dead':
      return (
        <AuthLayout key="dead" title={t('acceptInvite.deadTitle')} footer={toLogin}>
          <div className="auth-dead">
            <FormAlert>{t('acceptInvite.dead')}</FormAlert>
            <p className="muted auth-note">{t('acceptInvite.deadHint')}</p>
          </div>
        </AuthLayout>
      );
    case 'unreachable':
      return (
        <AuthLayout key="unreachable" title={t('acceptInvite.unreachable')}>
          <FormAlert>{errorText(state.error)}</FormAlert>
          <button type="button" className="primary block" onClick={() => void preview.refetch()}>
            {t('common.retry')}
          </button>
        </AuthLayout>
      );
    case 'email_in_use':
      return (
        <AuthLayout
          key="email_in_use"
          title={t('acceptInvite.emailInUseTitle')}
          footer={<Link to="/login">{t('acceptInvite.logIn')}</Link>}
        >
          <div className="auth-dead">
            <FormAlert>{t('acceptInvite.emailInUse', { email: state.invitation.email })}</FormAlert>
            <p className="muted auth-note">{t('acceptInvite.emailInUseHint')}</p>
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
              {t('acceptInvite.choosePassword')} {validityNote(state.invitation.expiresAt)}
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
      <Field label={t('acceptInvite.email')} hint={t('acceptInvite.emailHint')}>
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
      <Field
        label={t('acceptInvite.yourName')}
        error={error('name')}
        hint={t('acceptInvite.yourNameHint')}
      >
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
      <Field label={t('acceptInvite.confirmPassword')} error={problems.confirm}>
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
        {accept.isPending
          ? t('acceptInvite.joining')
          : t('acceptInvite.join', { organization: invitation.organization.name })}
      </button>
    </form>
  );
}
