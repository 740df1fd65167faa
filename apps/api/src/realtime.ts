import type { GatewayDeps, Principal } from '@flc/gateway';
import type { ApiDeps } from './deps.ts';
import { type Actor, scopeOf } from './domain/actor.ts';
import { ConversationStore } from './domain/conversation-store.ts';
import { MessageService } from './domain/messages.ts';
import { ApiError } from './lib/errors.ts';
import { accessTokens, authenticateAgent } from './plugins/auth.ts';
import { visitorTokens } from './plugins/visitor-auth.ts';

const isNotFound = (e: unknown) => e instanceof ApiError && e.status === 404;

/**
 * What the realtime gateway needs from the platform, built on the same services as REST: the
 * same token checks, the same tenancy scope, the same append path.
 */
export function realtimeDeps(deps: ApiDeps): GatewayDeps {
  const agentJwt = accessTokens(deps).decorator.accessJwt;
  const visitorJwt = visitorTokens(deps).decorator.visitorJwt;
  const conversations = new ConversationStore(deps.db.sql);
  const messages = new MessageService(deps.bus, deps.messages, conversations);
  const actor = (p: Principal): Actor =>
    p.name === undefined ? { type: p.type, id: p.id, organizationId: p.organizationId } : { ...p };

  return {
    bus: deps.bus,
    async authenticate(token) {
      const claims = await agentJwt.verify(token);
      if (claims !== false && claims.typ === 'agent') {
        const agent = await authenticateAgent(deps, async () => claims, `Bearer ${token}`).catch(
          () => null,
        );
        return (
          agent && {
            type: 'agent',
            id: agent.id,
            organizationId: agent.organizationId,
            name: agent.name,
          }
        );
      }
      const visitor = await visitorJwt.verify(token);
      if (visitor === false || visitor.typ !== 'visitor' || typeof visitor.sub !== 'string')
        return null;
      const [row] = await deps.db.sql<
        { id: string; organization_id: string; name: string | null }[]
      >`
        select id, organization_id, name from contacts
        where id = ${visitor.sub} and environment_id = ${String(visitor.env)}`;
      if (!row) return null;
      const principal: Principal = {
        type: 'visitor',
        id: row.id,
        organizationId: row.organization_id,
      };
      if (row.name) principal.name = row.name;
      return principal;
    },
    async access(principal, conversationId) {
      try {
        const row = await conversations.get(scopeOf(actor(principal)), conversationId);
        return { organizationId: row.organization_id };
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },
    async append(principal, input) {
      return (await messages.append(actor(principal), input)).message;
    },
    async history(principal, conversationId, afterSeq, limit) {
      const page = await messages.history(actor(principal), conversationId, { afterSeq, limit });
      return page.items;
    },
    async markRead(principal, conversationId, seq) {
      const side = principal.type === 'visitor' ? 'visitor' : 'agent';
      await conversations.markRead(scopeOf(actor(principal)), conversationId, side, seq);
    },
  };
}
