import type {
  BootBody,
  BootResponse,
  Message,
  MessagePage,
  PreChatField,
  RatingCreate,
  WidgetConversation,
  WidgetSettings,
} from '@flc/protocol/resources';

export type {
  BootBody,
  BootResponse,
  MessagePage,
  PreChatField,
  RatingCreate,
  WidgetConversation,
  WidgetSettings,
};

/** What the page passes to `FLC('boot', …)`. */
export interface BootOptions {
  /** The environment's public plugin key. */
  pluginKey: string;
  /** The platform's address; defaults to where widget.js was loaded from. */
  apiBase?: string;
  /** A logged-in user's id in the tenant's system; needs `memberHash`. */
  memberId?: string;
  /** Hex HMAC-SHA256(identity secret, memberId), computed by the tenant's backend. */
  memberHash?: string;
  profile?: { name?: string; email?: string };
}

/** An error answer of the API (`{"error": {code, message}}`), or `network` when none came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** A 422's faults, by JSON pointer into the request body (`/values/email`). */
    readonly details: { path: string; message: string }[] = [],
    /** The request's id in the platform's logs (`X-Request-Id`): what to quote to support. */
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Worth asking again later: no answer, overload, or a server fault. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'internal', error instanceof Error ? error.message : String(error));
}

export interface WidgetApi {
  boot(pluginKey: string, body: BootBody): Promise<BootResponse>;
  /** The visitor's conversations, most recently active first. */
  conversations(token: string, limit: number): Promise<{ items: WidgetConversation[] }>;
  openConversation(token: string): Promise<WidgetConversation>;
  history(
    token: string,
    conversationId: string,
    range: { beforeSeq?: number; limit: number },
  ): Promise<MessagePage>;
  /** Answers the environment's pre-chat form; the values go on the visitor's contact. */
  preChat(token: string, values: Record<string, string | boolean>): Promise<unknown>;
  rate(token: string, conversationId: string, body: RatingCreate): Promise<unknown>;
  /** Edits one of the visitor's messages (within the environment's edit window). */
  editMessage(token: string, conversationId: string, seq: number, body: string): Promise<Message>;
  /** Deletes one of the visitor's messages: it stays in its place, without its body. */
  deleteMessage(token: string, conversationId: string, seq: number): Promise<Message>;
  /** Leaves an email on the visitor's contact, to be answered by email. */
  leaveEmail(token: string, email: string): Promise<unknown>;
  /** Uploads a file to the visitor's conversation; a message then names its id. */
  upload(token: string, conversationId: string, file: File): Promise<{ id: string }>;
}

/** The widget routes of the REST API (API.md, "Widget"). */
export function widgetApi(base: string, doFetch: typeof fetch = fetch): WidgetApi {
  const root = base.replace(/\/+$/, '');
  async function call<T>(path: string, init: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(`${root}${path}`, init);
    } catch (cause) {
      throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
    }
    const body = (await res.json().catch(() => null)) as
      | (T & {
          error?: {
            code?: string;
            message?: string;
            details?: { path: string; message: string }[];
            requestId?: string;
          };
        })
      | null;
    if (!res.ok || body === null) {
      const error = body?.error;
      throw new ApiError(
        res.status,
        error?.code ?? 'internal',
        error?.message ?? `${init.method ?? 'GET'} ${path} answered ${res.status}`,
        error?.details ?? [],
        error?.requestId ?? res.headers.get('x-request-id') ?? undefined,
      );
    }
    return body;
  }
  const json = (headers: Record<string, string>) => ({
    'content-type': 'application/json',
    ...headers,
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const messagePath = (conversationId: string, seq: number) =>
    `/v1/widget/conversations/${encodeURIComponent(conversationId)}/messages/${seq}`;
  return {
    boot: (pluginKey, body) =>
      call('/v1/widget/boot', {
        method: 'POST',
        headers: json({ 'x-plugin-key': pluginKey }),
        body: JSON.stringify(body),
      }),
    conversations: (token, limit) =>
      call(`/v1/widget/conversations?limit=${limit}`, { headers: bearer(token) }),
    openConversation: (token) =>
      call('/v1/widget/conversations', {
        method: 'POST',
        headers: json(bearer(token)),
        body: '{}',
      }),
    history: (token, conversationId, { beforeSeq, limit }) => {
      const query = beforeSeq === undefined ? '' : `beforeSeq=${beforeSeq}&`;
      const id = encodeURIComponent(conversationId);
      return call(`/v1/widget/conversations/${id}/messages?${query}limit=${limit}`, {
        headers: bearer(token),
      });
    },
    preChat: (token, values) =>
      call('/v1/widget/pre-chat', {
        method: 'POST',
        headers: json(bearer(token)),
        body: JSON.stringify({ values }),
      }),
    leaveEmail: (token, email) =>
      call('/v1/widget/contact', {
        method: 'PUT',
        headers: json(bearer(token)),
        body: JSON.stringify({ email }),
      }),
    rate: (token, conversationId, body) =>
      call(`/v1/widget/conversations/${encodeURIComponent(conversationId)}/rating`, {
        method: 'POST',
        headers: json(bearer(token)),
        body: JSON.stringify(body),
      }),
    upload: (token, conversationId, file) => {
      const form = new FormData();
      form.set('file', file, file.name);
      const id = encodeURIComponent(conversationId);
      return call(`/v1/widget/conversations/${id}/attachments`, {
        method: 'POST',
        headers: bearer(token),
        body: form,
      });
    },
    editMessage: (token, conversationId, seq, body) =>
      call(messagePath(conversationId, seq), {
        method: 'PATCH',
        headers: json(bearer(token)),
        body: JSON.stringify({ body }),
      }),
    deleteMessage: (token, conversationId, seq) =>
      call(messagePath(conversationId, seq), { method: 'DELETE', headers: bearer(token) }),
  };
}
