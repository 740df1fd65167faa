import { initials } from './agents.ts';

/** Soft backgrounds with dark text, picked by id so a person keeps the same color everywhere. */
const palette = [
  ['#dbeafe', '#1e3a8a'],
  ['#dcfce7', '#14532d'],
  ['#fef3c7', '#78350f'],
  ['#fce7f3', '#831843'],
  ['#ede9fe', '#4c1d95'],
  ['#cffafe', '#164e63'],
  ['#ffedd5', '#7c2d12'],
  ['#e0e7ff', '#312e81'],
] as const;

export function colorOf(id: string): readonly [string, string] {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return palette[Math.abs(hash) % palette.length] ?? palette[0];
}

export function Avatar({
  id,
  name,
  size = 32,
  className,
}: {
  id: string;
  name: string | null | undefined;
  size?: number;
  className?: string;
}) {
  const [bg, fg] = colorOf(id);
  return (
    <span
      className={`ui-avatar${className ? ` ${className}` : ''}`}
      aria-hidden="true"
      style={{
        width: size,
        height: size,
        fontSize: Math.round(size * 0.4),
        background: bg,
        color: fg,
      }}
    >
      {initials(name)}
    </span>
  );
}
