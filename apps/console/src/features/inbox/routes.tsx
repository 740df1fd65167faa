import type { Route } from '../../lib/router.tsx';
import { ConversationView } from '../conversation/conversation-view.tsx';
import { MentionsSeen } from '../mentions/mentions-seen.tsx';
import { Shell } from '../shell/shell.tsx';
import { InboxPage } from './inbox-page.tsx';

// The route composes the features: the inbox lays out the list, the conversation feature fills
// the pane (keyed by id, so each conversation starts with its own state and draft), and opening
// it reads the agent's mentions there.
/** `?seq=`: the message to open the conversation at (a search hit, a shared link). */
function seqParam(search: URLSearchParams): number | null {
  const seq = Number(search.get('seq'));
  return Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}

export const inboxRoutes: Route[] = [
  {
    path: '/inbox/:conversationId?',
    render: (params, search) => (
      <Shell>
        <InboxPage
          conversationId={params.conversationId ?? null}
          search={search}
          renderConversation={(id, back) => (
            <>
              <ConversationView key={id} id={id} at={seqParam(search)} onBack={back} />
              <MentionsSeen conversationId={id} />
            </>
          )}
        />
      </Shell>
    ),
  },
];
