import type { Message } from '@flc/protocol/resources';
import { useEffect, useRef, useState } from 'react';
import { t } from '../../lib/i18n/index.tsx';

/**
 * The visitor's messages that arrived live (newer than the newest shown so far, not history
 * loaded or paged in), as one sentence for the polite live region.
 */
export function useAnnouncement(messages: Message[], name: string, hasNewer: boolean): string {
  const [text, setText] = useState('');
  const newest = useRef<number | null>(null);
  // Newer pages still to load a render ago: what arrives now is the last of them, not news.
  const hadNewer = useRef(hasNewer);
  const last = messages.at(-1)?.seq ?? null;
  useEffect(() => {
    const before = newest.current;
    const paging = hadNewer.current || hasNewer;
    newest.current = last;
    hadNewer.current = hasNewer;
    if (before === null || last === null || last <= before || paging) return;
    const fresh = messages.filter((m) => m.seq > before && m.sender.type === 'visitor');
    if (fresh.length === 0) return;
    setText(
      fresh
        .map((m) =>
          m.body
            ? t('timeline.announce', { name, body: m.body })
            : t('timeline.announceFile', { name }),
        )
        .join('\n'),
    );
  }, [last, messages, name, hasNewer]);
  return text;
}
