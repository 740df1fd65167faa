import type { OidcConnection } from '@flc/protocol/resources';
import { type FormEvent, useEffect, useState } from 'react';
import { useMe } from '../../../lib/auth.tsx';
import { Field, FormAlert } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
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
import { ssoSettingsStrings as s } from './sso-strings.ts';

export function SsoSection() {
  const me = useMe();
  const owner = me.data?.agent.role === 'owner';
  const connection = useSsoConnection(owner);
  const redirect = useRedirectUri(owner);
  return (
    <>
      <SectionHeader title={s.title} description={s.description} />
      {!me.data ? (
        <Loading />
      ) : !owner ? (
        <p className="muted">{s.ownersOnly}</p>
      ) : connection.isPending || redirect.isPending ? (
        <Loading />
      ) : connection.isError ? (
        <ErrorState error={connection.error} onRetry={() => void connection.refetch()} />
      ) : redirect.isError ? (
        <ErrorState error={redirect.error} onRetry={() => void redirect.refetch()} />
      ) : (
        <>
          <Card title={s.registerTitle}>
            <p className="muted">{s.registerHint}</p>
            <CopyField
              label={s.redirectUri}
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
    <Card title={s.connectionTitle}>
      <form className="form-grid form-narrow" onSubmit={submit} noValidate>
        {text(s.slug, 'slug', slug, setSlug, s.slugHint, { autoCapitalize: 'none' })}
        {text(s.issuer, 'issuer', issuer, setIssuer, s.issuerHint, { type: 'url' })}
        {text(s.clientId, 'clientId', clientId, setClientId)}
        {text(
          s.clientSecret,
          'clientSecret',
          clientSecret,
          setClientSecret,
          connection ? s.clientSecretKept : s.clientSecretNew,
          { type: 'password', autoComplete: 'new-password' },
        )}
        {text(s.domains, 'allowedDomains', domains, setDomains, s.domainsHint)}
        <fieldset className="events">
          <legend>{s.options}</legend>
          {check(s.enabled, s.enabledHint, enabled, setEnabled)}
          {check(s.enforce, s.enforceHint, enforceSso, setEnforceSso)}
          {check(s.provision, s.provisionHint, provisionAgents, setProvisionAgents)}
        </fieldset>
        <FormAlert>{errors.form}</FormAlert>
        <div className="form-actions">
          {connection ? (
            <button type="button" className="danger" onClick={() => setRemoving(true)}>
              {s.remove}
            </button>
          ) : null}
          {saved ? <span className="saved">{s.saved}</span> : null}
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? s.saving : s.save}
          </button>
        </div>
      </form>
      {removing ? (
        <ConfirmDialog
          title={s.remove}
          confirmLabel={s.removeConfirm}
          danger
          pending={remove.isPending}
          error={remove.error?.message ?? null}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => setRemoving(false) })}
          onClose={() => setRemoving(false)}
        >
          <p>{s.removeBody}</p>
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}
