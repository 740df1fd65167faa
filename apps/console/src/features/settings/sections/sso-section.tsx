import type { OidcConnection } from '@flc/protocol/resources';
import { type FormEvent, useEffect, useState } from 'react';
import { useMe } from '../../../lib/auth.tsx';
import { Field, FormAlert } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import {
  SSO_FIELDS,
  useRedirectUri,
  useRemoveSsoConnection,
  useSaveSsoConnection,
  useSsoConnection,
} from '../api/sso-connection.ts';
import { CopyField } from '../components/copy.tsx';
import { ConfirmDialog } from '../components/dialog.tsx';
import { Card, ErrorState, Loading } from '../components/states.tsx';
import { SectionHeader } from './section-header.tsx';

export function SsoSection() {
  const me = useMe();
  const owner = me.data?.agent.role === 'owner';
  const connection = useSsoConnection(owner);
  const redirect = useRedirectUri(owner);
  return (
    <>
      <SectionHeader title={t('ssoSettings.title')} description={t('ssoSettings.description')} />
      {!me.data ? (
        <Loading />
      ) : !owner ? (
        <p className="muted">{t('ssoSettings.ownersOnly')}</p>
      ) : connection.isPending || redirect.isPending ? (
        <Loading />
      ) : connection.isError ? (
        <ErrorState error={connection.error} onRetry={() => void connection.refetch()} />
      ) : redirect.isError ? (
        <ErrorState error={redirect.error} onRetry={() => void redirect.refetch()} />
      ) : (
        <>
          <Card title={t('ssoSettings.registerTitle')}>
            <p className="muted">{t('ssoSettings.registerHint')}</p>
            <CopyField
              label={t('ssoSettings.redirectUri')}
              value={redirect.data.redirectUri}
              testId="sso-redirect-uri"
            />
          </Card>
          <ConnectionForm connection={connection.data} />
        </>
      )}
    </>
  );
}

const splitDomains = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);

function ConnectionForm({ connection }: { connection: OidcConnection | null }) {
  const save = useSaveSsoConnection();
  const remove = useRemoveSsoConnection();
  const [slug, setSlug] = useState('');
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [enforceSso, setEnforceSso] = useState(false);
  const [provisionAgents, setProvisionAgents] = useState(false);
  const [saved, setSaved] = useState(false);
  const [removing, setRemoving] = useState(false);

  useEffect(() => {
    setSlug(connection?.slug ?? '');
    setIssuer(connection?.issuer ?? '');
    setClientId(connection?.clientId ?? '');
    setDomains(connection?.allowedDomains.join(', ') ?? '');
    setEnabled(connection?.enabled ?? true);
    setEnforceSso(connection?.enforceSso ?? false);
    setProvisionAgents(connection?.provisionAgents ?? false);
    setClientSecret('');
  }, [connection]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate(
      {
        slug: slug.trim().toLowerCase(),
        issuer: issuer.trim(),
        clientId: clientId.trim(),
        ...(clientSecret ? { clientSecret } : {}),
        allowedDomains: splitDomains(domains),
        enabled,
        enforceSso,
        provisionAgents,
      },
      { onSuccess: () => setSaved(true) },
    );
  };
  const errors = formErrors(save.error, SSO_FIELDS);
  const touched = () => setSaved(false);

  const text = (
    label: string,
    field: (typeof SSO_FIELDS)[number],
    value: string,
    set: (v: string) => void,
    hint?: string,
    extra: Record<string, unknown> = {},
  ) => (
    <Field label={label} error={fieldError(errors, field)} hint={hint}>
      {(props) => (
        <input
          {...props}
          {...extra}
          name={field}
          spellCheck={false}
          value={value}
          onChange={(e) => {
            set(e.target.value);
            touched();
          }}
        />
      )}
    </Field>
  );
  const check = (label: string, hint: string, value: boolean, set: (v: boolean) => void) => (
    <label className="check">
      <input
        type="checkbox"
        checked={value}
        onChange={(e) => {
          set(e.target.checked);
          touched();
        }}
      />
      <span>
        {label}
        <small className="muted">{hint}</small>
      </span>
    </label>
  );

  return (
    <Card title={t('ssoSettings.connectionTitle')}>
      <form className="form-grid form-narrow" onSubmit={submit} noValidate>
        {text(t('ssoSettings.slug'), 'slug', slug, setSlug, t('ssoSettings.slugHint'), {
          autoCapitalize: 'none',
        })}
        {text(t('ssoSettings.issuer'), 'issuer', issuer, setIssuer, t('ssoSettings.issuerHint'), {
          type: 'url',
        })}
        {text(t('ssoSettings.clientId'), 'clientId', clientId, setClientId)}
        {text(
          t('ssoSettings.clientSecret'),
          'clientSecret',
          clientSecret,
          setClientSecret,
          connection ? t('ssoSettings.clientSecretKept') : t('ssoSettings.clientSecretNew'),
          { type: 'password', autoComplete: 'new-password' },
        )}
        {text(
          t('ssoSettings.domains'),
          'allowedDomains',
          domains,
          setDomains,
          t('ssoSettings.domainsHint'),
        )}
        <fieldset className="events">
          <legend>{t('ssoSettings.options')}</legend>
          {check(t('ssoSettings.enabled'), t('ssoSettings.enabledHint'), enabled, setEnabled)}
          {check(t('ssoSettings.enforce'), t('ssoSettings.enforceHint'), enforceSso, setEnforceSso)}
          {check(
            t('ssoSettings.provision'),
            t('ssoSettings.provisionHint'),
            provisionAgents,
            setProvisionAgents,
          )}
        </fieldset>
        <FormAlert>{errors.form}</FormAlert>
        <div className="form-actions">
          {connection ? (
            <button type="button" className="danger" onClick={() => setRemoving(true)}>
              {t('ssoSettings.remove')}
            </button>
          ) : null}
          {saved ? <span className="saved">{t('ssoSettings.saved')}</span> : null}
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('ssoSettings.saving') : t('ssoSettings.save')}
          </button>
        </div>
      </form>
      {removing ? (
        <ConfirmDialog
          title={t('ssoSettings.remove')}
          confirmLabel={t('ssoSettings.removeConfirm')}
          danger
          pending={remove.isPending}
          error={remove.error ? errorText(remove.error) : null}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => setRemoving(false) })}
          onClose={() => setRemoving(false)}
        >
          <p>{t('ssoSettings.removeBody')}</p>
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}
