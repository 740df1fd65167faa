import type { Sender } from '@flc/protocol';

/**
 * Who reads or writes a conversation: an agent, a visitor (`id` is its contact), or a tenant
 * backend writing through an API key as a `bot`. Agents and visitors have the shape of the
 * gateway's socket principal, so REST and the socket share one access rule.
 */
export type Actor =
  | { type: 'agent'; id: string; organizationId: string; name?: string }
  | {
      type: 'visitor';
      id: string;
      organizationId: string;
      /** The contact's environment, where its conversations are, when the caller knows it. */
      environmentId?: string;
      name?: string;
    }
  | { type: 'bot'; id: string; organizationId: string; environmentId: string; name?: string };

/** The conversations an actor reaches; every conversation query is filtered by it. */
export interface Scope {
  organizationId: string;
  /** API keys: only their environment. */
  environmentId?: string;
  /** Visitors: only their own contact's conversations. */
  contactId?: string;
}

export function scopeOf(actor: Actor): Scope {
  if (actor.type === 'visitor')
    return { organizationId: actor.organizationId, contactId: actor.id };
  if (actor.type === 'bot') {
    return { organizationId: actor.organizationId, environmentId: actor.environmentId };
  }
  return { organizationId: actor.organizationId };
}

export function senderOf(actor: Actor): Sender {
  const sender: Sender = { type: actor.type, id: actor.id };
  if (actor.name) sender.name = actor.name;
  return sender;
}
