import type { Session } from '@flc/protocol/resources';
import { useEffect, useState } from 'react';
import { useAuth } from '../../lib/auth.tsx';
import { t } from '../../lib/i18n/index.tsx';
import { pendingSignIn, setPendingSignIn } from '../../lib/pending-sign-in.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { AuthLayout } from '../auth/auth-layout.tsx';
import { EnrolFlow } from './enrol-flow.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';

/**
 * `/login/two-factor-setup`: the organization requires two-factor and the agent has none. The
 * enrolment token reaches enrolment only; the session comes with the confirmation, and the agent
 * is signed in once the recovery codes are saved.
 */
export function SetupPage() {
  const pending = pendingSignIn();
  const { signIn } = useAuth();
  const [done, setDone] = useState<{ codes: string[]; session: Session } | null>(null);
  useEffect(() => {
    if (pending?.step !== 'enrol') navigate('/login', { replace: true });
  }, [pending]);
  if (pending?.step !== 'enrol') return null;
  return (
    <AuthLayout
      title={t('twoFactor.setupTitle')}
      subtitle={t('twoFactor.setupSubtitle')}
      footer={<Link to="/login">{t('twoFactor.backToLogin')}</Link>}
    >
      {done ? (
        <RecoveryCodes
          codes={done.codes}
          doneLabel={t('twoFactor.continue')}
          onDone={() => {
            setPendingSignIn(null);
            signIn({
              accessToken: done.session.accessToken,
              refreshToken: done.session.refreshToken,
            });
            navigate(pending.next, { replace: true });
          }}
        />
      ) : (
        <EnrolFlow
          bearer={pending.token}
          onConfirmed={(confirmed) => {
            if (confirmed.session)
              setDone({ codes: confirmed.recoveryCodes, session: confirmed.session });
          }}
        />
      )}
    </AuthLayout>
  );
}
