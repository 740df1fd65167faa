import { createClient, type Message } from '@fast-light-chat/sdk';
import { useEffect, useState } from 'react';

/** One conversation's messages, live, and a way to send; one client per mounted component. */
export function useConversation(url: string, token: string, conversationId: string) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [send, setSend] = useState<(body: string) => void>(() => () => {});
  useEffect(() => {
    const client = createClient({ url, token });
    const off = client.on('message', (m) => setMessages((all) => [...all, m]));
    client.subscribe(conversationId, 0);
    client.connect();
    setSend(() => (body: string) => void client.send(conversationId, body));
    return () => {
      off();
      client.close();
      setMessages([]);
    };
  }, [url, token, conversationId]);
  return { messages, send };
}

export function Conversation(props: { url: string; token: string; conversationId: string }) {
  const { messages, send } = useConversation(props.url, props.token, props.conversationId);
  const [draft, setDraft] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        send(draft);
        setDraft('');
      }}
    >
      <ol aria-live="polite">
        {messages.map((m) => (
          <li key={m.seq}>
            {m.sender.type}: {m.body}
          </li>
        ))}
      </ol>
      <input aria-label="Message" value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button type="submit">Send</button>
    </form>
  );
}
