import { type SearchLanguage, searchLanguages } from '@flc/protocol/search-languages';
import { useId } from 'react';
import { useUpdateOrganization } from '../api/update-organization.ts';
import { Card } from '../components/states.tsx';
import { searchLanguageStrings as s } from './search-language-strings.ts';

const named = (language: SearchLanguage) =>
  language === 'simple' ? s.simple : language.charAt(0).toUpperCase() + language.slice(1);

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
    <Card title={s.title}>
      <div className="form-grid form-narrow">
        <label htmlFor={`${id}-language`}>{s.label}</label>
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
          {manager ? s.hint : `${s.hint} ${s.readOnly}`}
        </p>
        <p role="status" className="muted">
          {update.isPending
            ? s.saving
            : update.isError
              ? s.failed
              : update.isSuccess
                ? s.saved
                : ''}
        </p>
      </div>
    </Card>
  );
}
