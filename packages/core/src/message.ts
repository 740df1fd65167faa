import type { Sender } from '@flc/protocol';

/** A chat message as it travels on the bus and sits in the message store. */
export interface Message {
  id: string;
  organizationId: string;
  conversationId: string;
  /** 1, 2, 3… within the conversation, without gaps. */
  seq: number;
  sender: Sender;
  body: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** The sender's idempotency key, when it gave one. */
  cid?: string;
}

export interface MessageInput {
  organizationId: string;
  conversationId: string;
  cid: string;
  sender: Sender;
  body: string;
}
