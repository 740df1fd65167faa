export type {
  AppendResult,
  Bus,
  BusEvent,
  BusListener,
  Topic,
  Unsubscribe,
} from './bus.ts';
export { topicKey } from './bus.ts';
export { uuidv7 } from './ids.ts';
export type { Message, MessageInput } from './message.ts';
export type { MessageRange, MessageStore } from './message-store.ts';
