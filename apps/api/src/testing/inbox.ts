import type { TestApi } from './harness.ts';

/** A `conversation` frame as agents receive it on their organization's topic. */
export interface InboxFrame {
  t: 'conversation';
  event: 'created' | 'updated' | 'message';
  conversation: { id: string; status: string; assigneeId: string | null; unread: number };
}

/** Follows an organization's inbox topic on the bus; `until(n)` waits for the n-th frame. */
export async function followInbox(api: TestApi, organizationId: string) {
  const frames: InboxFrame[] = [];
  let wake = () => {};
  const stop = await api.deps.bus.subscribe({ kind: 'organization', organizationId }, (event) => {
    if (event.type !== 'signal') return;
    frames.push(JSON.parse(event.frame));
    wake();
  });
  const until = async (count: number) => {
    while (frames.length < count) await new Promise<void>((resolve) => (wake = resolve));
    return frames.slice(0, count);
  };
  return { frames, until, stop };
}
