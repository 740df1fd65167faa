import { type MessageStore, type Scope, scopeOf, searchTerms, wordSnippet } from '@flc/core';
import { type MessageHit, type SearchHit, searchLimits } from '@flc/protocol/resources';
import type { Sql } from '@flc/storage/postgres';
import { requireEnvironment } from '../../domain/environment.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import type { InboxActor } from '../../plugins/inbox-auth.ts';
import type { SearchQuery } from './model.ts';
import { searchContacts, searchConversations } from './records.ts';

/** How many contacts and conversations lead the hits of an `all` search. */
const GROUP_HEAD = 10;

/** The cursor is the offset of the next page in the query's ranked hits. */
const decodeOffset = (cursor: string | undefined): number => {
  if (!cursor) return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset <= 0 || offset >= searchLimits.maxHits) {
    throw badRequest('Invalid cursor');
  }
  return offset;
};
const encodeOffset = (offset: number) => Buffer.from(String(offset), 'utf8').toString('base64url');

/**
 * One search over the caller's scope: contacts and conversations in PostgreSQL, messages and
 * notes in the message store (PostgreSQL or MongoDB), which knows nothing of environments: an
 * API key's message hits are kept to the conversations of its environment here.
 */
export class SearchService {
  constructor(
    private readonly sql: Sql,
    private readonly messages: MessageStore,
  ) {}

  async search(actor: InboxActor, query: SearchQuery) {
    const q = query.q.trim();
    const scope = await this.scope(actor, query.environmentId);
    const offset = decodeOffset(query.cursor);
    const limit = query.limit ?? 20;
    const type = query.type ?? 'all';
    const want = Math.min(searchLimits.maxHits, offset + limit + 1);
    const hits: SearchHit[] = [];
    const head = type === 'all' ? Math.min(GROUP_HEAD, want) : want;
    if (type === 'all' || type === 'contacts') {
      hits.push(...(await searchContacts(this.sql, scope, q, head)));
    }
    if (type === 'all' || type === 'conversations') {
      hits.push(...(await searchConversations(this.sql, scope, q, head)));
    }
    if ((type === 'all' || type === 'messages') && hits.length < want) {
      hits.push(...(await this.messageHits(scope, q, want - hits.length)));
    }
    const end = offset + limit;
    return {
      items: hits.slice(offset, end),
      nextCursor: hits.length > end && end < searchLimits.maxHits ? encodeOffset(end) : null,
    };
  }

  /** The organization, narrowed to the API key's environment or the one asked for (404 if foreign). */
  private async scope(actor: InboxActor, environmentId: string | undefined): Promise<Scope> {
    const scope = scopeOf(actor);
    if (environmentId === undefined) return scope;
    if (scope.environmentId !== undefined) {
      if (scope.environmentId !== environmentId) throw notFound('Environment');
      return scope;
    }
    await requireEnvironment(this.sql, scope.organizationId, environmentId);
    return { ...scope, environmentId };
  }

  private async messageHits(scope: Scope, q: string, want: number): Promise<MessageHit[]> {
    const terms = searchTerms(q).slice(0, searchLimits.maxTerms);
    const found = await this.messages.search({
      organizationId: scope.organizationId,
      terms,
      // Hits outside the environment are dropped below: rank the most a query ever pages.
      limit: scope.environmentId ? searchLimits.maxHits : want,
    });
    let hits = found.map((h) => h.message);
    if (scope.environmentId !== undefined && hits.length > 0) {
      const ids = [...new Set(hits.map((m) => m.conversationId))];
      const rows = await this.sql<{ id: string }[]>`
        select id from conversations
        where id = any(${ids}::uuid[]) and organization_id = ${scope.organizationId}
          and environment_id = ${scope.environmentId}`;
      const inside = new Set(rows.map((r) => r.id));
      hits = hits.filter((m) => inside.has(m.conversationId));
    }
    return hits.slice(0, want).map((m) => ({
      type: 'message',
      ...wordSnippet(m.body, terms),
      id: m.id,
      conversationId: m.conversationId,
      seq: m.seq,
      kind: m.kind ?? 'message',
      senderType: m.sender.type,
      senderName: m.sender.name ?? null,
      createdAt: m.createdAt,
    }));
  }
}
