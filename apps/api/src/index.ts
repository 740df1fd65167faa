export { type Api, createApi } from './app.ts';
export type { ApiDeps } from './deps.ts';
// The one append path and its access rule, for the realtime gateway's host to share.
export type { Actor } from './domain/actor.ts';
export { ConversationStore } from './domain/conversation-store.ts';
export { MessageService } from './domain/messages.ts';
export { realtimeDeps } from './realtime.ts';
