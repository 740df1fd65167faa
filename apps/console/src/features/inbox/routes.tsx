import type { Route } from '../../lib/router.tsx';
import { ConversationView } from '../conversation/conversation-view.tsx';
import { Shell } from '../shell/shell.tsx';
import { InboxPage } from './inbox-page.tsx';

// The route composes the features: the inbox lays out the list, the conversation feature fills
// the pane (keyed by id, so each conversation starts with its own state and draft).
export const inboxRoutes: Route[] = [
  {
    path: '/inbox/:conversationId?',
    render: (params, search) => (
      <Shell>
        <InboxPage
          conversationId={params.conversationId ?? null}
          search={search}
          renderConversation={(id, back) => <ConversationView key={id} id={id} onBack={back} />}
        />
      </Shell>
    ),
  },
];
