import { type FormEvent, useState } from 'react';
import { Field } from '../../lib/field.tsx';
import { t } from '../../lib/i18n/index.tsx';
import { ssoStartUrl } from './api/exchange-sso-code.ts';

/** "Sign in with SSO": asks for the organization's SSO name and sends the browser on. */
export function SsoLoginForm({ open: initiallyOpen }: { open: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const [organization, setOrganization] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!organization.trim()) {
      setProblem(t('sso.organizationRequired'));
      return;
    }
    window.location.assign(ssoStartUrl(organization));
  };

  if (!open) {
    return (
      <button type="button" className="block" onClick={() => setOpen(true)}>
        {t('sso.toggle')}
      </button>
    );
  }
  return (
    <form className="auth-form sso-form" onSubmit={submit} noValidate aria-label={t('sso.heading')}>
      <Field label={t('sso.organizationLabel')} error={problem} hint={t('sso.organizationHint')}>
        {(props) => (
          <input
            {...props}
            // biome-ignore lint/a11y/noAutofocus: opened on request, the field is what comes next
            autoFocus
            autoCapitalize="none"
            spellCheck={false}
            value={organization}
            maxLength={100}
            onChange={(e) => {
              setOrganization(e.target.value);
              setProblem(undefined);
            }}
          />
        )}
      </Field>
      <button type="submit" className="block">
        {t('sso.continue')}
      </button>
    </form>
  );
}
