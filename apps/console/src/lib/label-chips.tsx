import type { Label } from '@flc/protocol/resources';
import { t } from './i18n/index.tsx';
import { textOn } from './labels.ts';
import './labels.css';

/** One label, in its color. With `onRemove`, a button takes it off. */
export function LabelChip({ label, onRemove }: { label: Label; onRemove?: () => void }) {
  return (
    <span
      className="label-chip"
      style={{ background: label.color, color: textOn(label.color) }}
      title={label.description ?? label.name}
    >
      <span className="label-chip-name">{label.name}</span>
      {onRemove ? (
        <button
          type="button"
          className="label-chip-remove"
          aria-label={t('labels.remove', { name: label.name })}
          onClick={onRemove}
        >
          ×
        </button>
      ) : null}
    </span>
  );
}

/**
 * The chips of some labels; past `max`, the rest as "+n" (named in its title). A list by default;
 * `inline` inside phrasing content (an inbox row's link), where a list may not go.
 */
export function LabelChips({
  labels,
  max = Number.POSITIVE_INFINITY,
  onRemove,
  inline,
  className,
}: {
  labels: readonly Label[];
  max?: number;
  onRemove?: (label: Label) => void;
  inline?: boolean;
  className?: string;
}) {
  if (labels.length === 0) return null;
  const shown = labels.slice(0, max);
  const rest = labels.slice(max);
  const Outer = inline ? 'span' : 'ul';
  const Item = inline ? 'span' : 'li';
  return (
    <Outer
      className={className ? `label-chips ${className}` : 'label-chips'}
      {...(inline ? {} : { 'aria-label': t('labels.listLabel') })}
    >
      {shown.map((label) => (
        <Item key={label.id}>
          <LabelChip label={label} {...(onRemove ? { onRemove: () => onRemove(label) } : {})} />
        </Item>
      ))}
      {rest.length > 0 ? (
        <Item
          className="label-chip-more"
          title={t('labels.moreTitle', { names: rest.map((l) => l.name).join(', ') })}
        >
          {t('labels.more', { n: rest.length })}
        </Item>
      ) : null}
    </Outer>
  );
}
