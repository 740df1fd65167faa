export {
  type ConversationHandle,
  type ConversationOptions,
  useConnectionState,
  useConversation,
  useMessages,
  useTyping,
  useUnread,
} from './hooks.ts';
export { ChatProvider, type ChatProviderProps, useChatClient } from './provider.ts';
export type { ConversationSnapshot } from './store.ts';
