import type { WidgetLanguage } from '@flc/protocol';
import type { Environment } from '@flc/protocol/resources';
import { useId } from 'react';
import { t } from '../../../lib/i18n/index.tsx';
import { useUpdateEnvironment } from '../api/mutate-environment.ts';
import { Card } from '../components/states.tsx';
import { widgetLanguageNames } from './widget-language-strings.ts';

const choices = Object.entries(widgetLanguageNames) as [
  WidgetLanguage,
  (typeof widgetLanguageNames)[WidgetLanguage],
][];

/** The language of the environment's widget (owners and admins): saved as it is picked. */
export function WidgetLanguageCard({ env }: { env: Environment }) {
  const update = useUpdateEnvironment();
  const id = useId();
  return (
    <Card title={t('widgetLanguage.title')}>
      <div className="form-grid form-narrow">
        <label htmlFor={`${id}-language`}>{t('widgetLanguage.label')}</label>
        <select
          id={`${id}-language`}
          value={env.widgetLanguage}
          disabled={update.isPending}
          aria-describedby={`${id}-hint`}
          onChange={(e) =>
            update.mutate({
              id: env.id,
              patch: { widgetLanguage: e.target.value as WidgetLanguage },
            })
          }
        >
          {choices.map(([value, { name, lang }]) => (
            <option key={value} value={value} lang={lang}>
              {value === 'auto' ? t('widgetLanguage.automatic') : name}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} className="muted">
          {t('widgetLanguage.hint')}
        </p>
        <p role="status" className="muted">
          {update.isPending
            ? t('widgetLanguage.saving')
            : update.isError
              ? t('widgetLanguage.failed')
              : update.isSuccess
                ? t('widgetLanguage.saved')
                : ''}
        </p>
      </div>
    </Card>
  );
}
