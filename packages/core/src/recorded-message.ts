import type { RecordedMessage } from './conversation-repository.ts';
import type { Message } from './message.ts';

/** What the conversation's read model records of a message appended to it. */
export const recordedMessage = (m: Message): RecordedMessage => ({
  conversationId: m.conversationId,
  seq: m.seq,
  ...(m.kind === 'note' && { kind: m.kind }),
  lastMessage: {
    seq: m.seq,
    body: m.body,
    sender: m.sender,
    createdAt: m.createdAt,
    // The inbox previews a message of files alone by their names.
    ...(m.attachments?.length && { files: m.attachments.map((a) => a.fileName) }),
  },
});
