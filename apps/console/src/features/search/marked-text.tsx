import type { Highlight } from '@flc/protocol/resources';
import type { ReactNode } from 'react';

/**
 * `text` with its `highlights` in <mark>: the snippet stays text (React escapes it), only the
 * marks are ours. Ranges outside the text or overlapping an earlier one are skipped.
 */
export function MarkedText({ text, highlights }: { text: string; highlights: Highlight[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const h of highlights) {
    if (h.start < at || h.end > text.length || h.end <= h.start) continue;
    if (h.start > at) parts.push(text.slice(at, h.start));
    parts.push(<mark key={h.start}>{text.slice(h.start, h.end)}</mark>);
    at = h.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
