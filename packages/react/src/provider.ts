import type { Client } from '@flc/sdk';
import {
  createContext,
  createElement,
  type ReactElement,
  type ReactNode,
  useContext,
  useEffect,
} from 'react';
import { type ChatStore, storeOf } from './store.ts';

const ChatContext = createContext<ChatStore | null>(null);

export interface ChatProviderProps {
  /** A client from `createClient` of @fast-light-chat/sdk; keep one per token (not per render). */
  client: Client;
  /** Connect on mount and close on unmount (default true); false when you do it yourself. */
  connect?: boolean;
  children?: ReactNode;
}

/** Gives the hooks below it this client. */
export function ChatProvider({
  client,
  connect = true,
  children,
}: ChatProviderProps): ReactElement {
  const store = storeOf(client);
  useEffect(() => {
    if (!connect) return;
    client.connect();
    return () => client.close();
  }, [client, connect]);
  return createElement(ChatContext.Provider, { value: store }, children);
}

export function useChatStore(): ChatStore {
  const store = useContext(ChatContext);
  if (!store) throw new Error('The chat hooks need a <ChatProvider client={...}> above them');
  return store;
}

/** The provider's client, for what the hooks do not cover. */
export const useChatClient = (): Client => useChatStore().client;
