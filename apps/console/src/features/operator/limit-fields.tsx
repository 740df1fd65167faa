import type { PlanLimit } from '@flc/protocol/resources';
import { t } from '../../lib/i18n/index.tsx';

/** Limits typed into a form, as text: an empty field sets nothing. */
export type LimitTexts<K extends PlanLimit> = Record<K, string>;

/** A number field per limit, labelled with the limit's name. */
export function LimitFields<K extends PlanLimit>(props: {
  keys: readonly K[];
  values: LimitTexts<K>;
  onChange: (values: LimitTexts<K>) => void;
}) {
  return props.keys.map((key) => (
    <label key={key}>
      {t('operator.limitName', { limit: key })}
      <input
        type="number"
        min={0}
        inputMode="numeric"
        value={props.values[key]}
        onChange={(e) => props.onChange({ ...props.values, [key]: e.target.value })}
      />
    </label>
  ));
}

/** The limits whose fields were filled in, as numbers. */
export function filledLimits<K extends PlanLimit>(
  keys: readonly K[],
  values: LimitTexts<K>,
): Partial<Record<K, number>> {
  const set: Partial<Record<K, number>> = {};
  for (const key of keys) if (values[key].trim() !== '') set[key] = Number(values[key]);
  return set;
}
