// `@flc/protocol/webhook-events`: a plain list, no imports, so the console takes it without
// TypeBox (entries.test.ts checks).

/** The events a webhook can subscribe to: exactly what the dispatcher sends. */
export const webhookEventTypes = [
  'conversation.created',
  'conversation.updated',
  'conversation.labels_changed',
  'conversation.rated',
  'message.created',
  'message.updated',
  'message.deleted',
  'note.created',
  'note.updated',
  'note.deleted',
  'contact.created',
  'contact.updated',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
