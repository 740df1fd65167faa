import { type FormEvent, useEffect, useId, useState } from 'react';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { Field, FormAlert } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { useOrganization } from '../api/get-organization.ts';
import { useUpdateOrganization } from '../api/update-organization.ts';
import { Card, ErrorState, Loading } from '../components/states.tsx';
import { shortDate } from '../format.ts';
import { SearchLanguageCard } from './search-language-card.tsx';
import { SectionHeader } from './section-header.tsx';

export function OrganizationSection() {
  const me = useMe();
  const org = useOrganization();
  const update = useUpdateOrganization();
  const [name, setName] = useState('');
  const [saved, setSaved] = useState(false);
  const manager = canManage(me.data?.agent.role);

  useEffect(() => {
    if (org.data) setName(org.data.name);
  }, [org.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate({ name: name.trim() }, { onSuccess: () => setSaved(true) });
  };

  const errors = formErrors(update.error, ['name']);
  const dirty = org.data !== undefined && name.trim() !== org.data.name;

  return (
    <>
      <SectionHeader
        title={t('settings.organization')}
        description={t('settings.organizationDescription')}
      />
      {org.isPending ? (
        <Loading />
      ) : org.isError ? (
        <ErrorState error={org.error} onRetry={() => void org.refetch()} />
      ) : (
        <Card title={t('settings.profile')}>
          <form className="form-grid form-narrow" onSubmit={submit} noValidate>
            <Field
              label={t('settings.organizationName')}
              error={!name.trim() ? t('errors.required') : fieldError(errors, 'name')}
              hint={manager ? t('settings.organizationNameHint') : t('settings.managersOnly')}
            >
              {(props) => (
                <input
                  {...props}
                  value={name}
                  readOnly={!manager}
                  maxLength={120}
                  onChange={(e) => {
                    setName(e.target.value);
                    setSaved(false);
                  }}
                />
              )}
            </Field>
            <dl className="facts">
              <div>
                <dt>{t('settings.created')}</dt>
                <dd>{shortDate(org.data.createdAt)}</dd>
              </div>
              <div>
                <dt>{t('settings.organizationId')}</dt>
                <dd>
                  <code>{org.data.id}</code>
                </dd>
              </div>
            </dl>
            <FormAlert>{errors.form}</FormAlert>
            {manager ? (
              <div className="form-actions">
                {saved && !dirty ? <span className="saved">{t('common.saved')}</span> : null}
                <button
                  type="submit"
                  className="primary"
                  disabled={!dirty || !name.trim() || update.isPending}
                >
                  {update.isPending ? t('common.saving') : t('common.save')}
                </button>
              </div>
            ) : null}
          </form>
        </Card>
      )}
      {org.data ? (
        <SearchLanguageCard language={org.data.searchLanguage} manager={manager} />
      ) : null}
      {org.data ? (
        <TwoFactorRequirement
          required={org.data.requireTwoFactor}
          owner={me.data?.agent.role === 'owner'}
        />
      ) : null}
    </>
  );
}

/** Owners require two-factor sign-in of every agent; others see whether it is required. */
function TwoFactorRequirement({ required, owner }: { required: boolean; owner: boolean }) {
  const update = useUpdateOrganization();
  const hintId = useId();
  return (
    <Card title={t('twoFactor.cardTitle')}>
      <div className="form-grid form-narrow">
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={required}
            disabled={!owner || update.isPending}
            aria-describedby={hintId}
            onChange={(e) => update.mutate({ requireTwoFactor: e.target.checked })}
          />
          {t('twoFactor.orgToggle')}
        </label>
        <p id={hintId} className="muted">
          {owner ? t('settings.requireTwoFactorHint') : t('twoFactor.orgToggleOwnersOnly')}
        </p>
        <FormAlert>{update.error ? errorText(update.error) : null}</FormAlert>
      </div>
    </Card>
  );
}
