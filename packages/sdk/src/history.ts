import type { FetchHistory } from './conversations.ts';
import type { Message } from './types.ts';

export interface RestHistoryOptions {
  /** The platform's address, e.g. `https://chat.example.com`. */
  url: string;
  /** `visitor`: /v1/widget/conversations/:id/messages; `agent`: /v1/conversations/:id/messages. */
  as: 'visitor' | 'agent';
  /** The bearer token: a visitor session token or an agent access token. */
  getToken: () => string | Promise<string>;
  fetch?: typeof fetch;
  /** Messages per request, 1–100 (default 100). */
  pageSize?: number;
  /** Requests per call at most; the client asks again if a gap is still open (default 10). */
  maxPages?: number;
}

/**
 * A `fetchHistory` over the REST history, `GET ...messages?afterSeq=&limit=` answering
 * `{items, hasMore}`, paging forward while `hasMore`.
 */
export function restHistory(options: RestHistoryOptions): FetchHistory {
  const base = options.url.replace(/\/$/, '');
  const prefix = options.as === 'visitor' ? '/v1/widget/conversations' : '/v1/conversations';
  const limit = options.pageSize ?? 100;
  const maxPages = options.maxPages ?? 10;
  return async (conversationId, afterSeq) => {
    const doFetch = options.fetch ?? fetch;
    const all: Message[] = [];
    let after = afterSeq;
    for (let page = 0; page < maxPages; page++) {
      const path = `${prefix}/${encodeURIComponent(conversationId)}/messages`;
      const res = await doFetch(`${base}${path}?afterSeq=${after}&limit=${limit}`, {
        headers: { authorization: `Bearer ${await options.getToken()}` },
      });
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
      const body = (await res.json()) as { items: Message[]; hasMore: boolean };
      all.push(...body.items);
      const last = body.items.at(-1);
      if (!body.hasMore || !last) break;
      after = last.seq;
    }
    return all;
  };
}
