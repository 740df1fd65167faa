import type { WidgetLanguage } from '@flc/protocol';
import type { Environment } from '@flc/protocol/resources';
import { useId } from 'react';
import { useUpdateEnvironment } from '../api/mutate-environment.ts';
import { Card } from '../components/states.tsx';
import { widgetLanguageStrings as s, widgetLanguageNames } from './widget-language-strings.ts';

const choices = Object.entries(widgetLanguageNames) as [
  WidgetLanguage,
  (typeof widgetLanguageNames)[WidgetLanguage],
][];

/** The language of the environment's widget (owners and admins): saved as it is picked. */
export function WidgetLanguageCard({ env }: { env: Environment }) {
  const update = useUpdateEnvironment();
  const id = useId();
  return (
    <Card title={s.title}>
      <div className="form-grid form-narrow">
        <label htmlFor={`${id}-language`}>{s.label}</label>
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
              {name}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} className="muted">
          {s.hint}
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
