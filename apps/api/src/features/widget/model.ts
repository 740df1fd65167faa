import { t } from 'elysia';

export { BootBody, BootResponse } from '@flc/protocol/resources';

/** Opening a conversation takes no input yet; the object leaves room for some. */
export const ConversationOpen = t.Object({});
