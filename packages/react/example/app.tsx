import { ChatProvider, useConversation } from '@fast-light-chat/react';
import { createClient } from '@fast-light-chat/sdk';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

function Chat({ conversationId }: { conversationId: string }) {
  const { messages, typing, unread, state, send, notifyTyping, markRead } =
    useConversation(conversationId);
  const [draft, setDraft] = useState('');
  return (
    <main>
      <h1>Chat</h1>
      <p role="status">{state === 'open' ? 'Connected' : 'Connecting…'}</p>
      <ol aria-label="Messages" aria-live="polite">
        {messages.map((m) => (
          <li key={m.seq}>
            {m.sender.type}: {m.body}
          </li>
        ))}
      </ol>
      <p aria-live="polite">
        {typing.map((sender) => `${sender.name ?? sender.type} is typing…`).join(' ')}
      </p>
      <p>
        {unread} unread{' '}
        <button type="button" onClick={() => markRead()} disabled={unread === 0}>
          Mark as read
        </button>
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          send(draft);
          setDraft('');
        }}
      >
        <input
          aria-label="Message"
          value={draft}
          required
          onChange={(event) => {
            setDraft(event.target.value);
            notifyTyping();
          }}
        />
        <button type="submit">Send</button>
      </form>
    </main>
  );
}

// Your server boots the visitor (POST /v1/widget/boot) and puts these in the page.
const { chatUrl = '', sessionToken = '', conversationId = '' } = document.body.dataset;
// One client for the page: the provider connects it on mount and closes it on unmount.
const client = createClient({ url: chatUrl, token: sessionToken });
createRoot(document.getElementById('root') as HTMLElement).render(
  <ChatProvider client={client}>
    <Chat conversationId={conversationId} />
  </ChatProvider>,
);
