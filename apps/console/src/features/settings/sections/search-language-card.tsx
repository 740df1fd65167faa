import { type SearchLanguage, searchLanguages } from '@flc/protocol/search-languages';
import { useId } from 'react';
import { t } from '../../../lib/i18n/index.tsx';
import { useUpdateOrganization } from '../api/update-organization.ts';
import { Card } from '../components/states.tsx';

const named = (language: SearchLanguage) =>
  language === 'simple'
    ? t('searchLanguage.simple')
    : language.charAt(0).toUpperCase() + language.slice(1);

/** The organization's search language: owners and admins pick it, others see it. */
export function SearchLanguageCard({
  language,
  manager,
}: {
  language: SearchLanguage;
  manager: boolean;
}) {
  const update = useUpdateOrganization();
  const id = useId();
  return (
    <Card title={t('searchLanguage.title')}>
      <div className="form-grid form-narrow">
        <label htmlFor={`${id}-language`}>{t('searchLanguage.label')}</label>
        <select
          id={`${id}-language`}
          value={language}
          disabled={!manager || update.isPending}
          aria-describedby={`${id}-hint`}
          onChange={(e) => update.mutate({ searchLanguage: e.target.value as SearchLanguage })}
        >
          {searchLanguages.map((l) => (
            <option key={l} value={l}>
              {named(l)}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} className="muted">
          {manager
            ? t('searchLanguage.hint')
            : `${t('searchLanguage.hint')} ${t('searchLanguage.readOnly')}`}
        </p>
        <p role="status" className="muted">
          {update.isPending
            ? t('searchLanguage.saving')
            : update.isError
              ? t('searchLanguage.failed')
              : update.isSuccess
                ? t('searchLanguage.saved')
                : ''}
        </p>
      </div>
    </Card>
  );
}
