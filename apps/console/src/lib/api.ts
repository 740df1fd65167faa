import { t } from './i18n/index.tsx';
import { type SessionStore, type Tokens, tokenExpiry } from './session.ts';

/** An error answer of the REST API: `{error: {code, message, details?}}` and its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
    /** Seconds to wait, from a 429's `retry-after`. */
    readonly retryAfter?: number,
    /** The plan's limit reached, of a 402 `plan_limit_reached`. */
    readonly limit?: { name: string; value: number },
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Send no Authorization header (sign up, log in, accept an invitation). */
  anonymous?: boolean;
  /** Send this token instead of the session's, never refreshed (a sign-in's enrolment token). */
  bearer?: string;
  signal?: AbortSignal;
}

/** Refresh this long before the access token expires, so sockets and requests never carry a stale one. */
const REFRESH_MARGIN_S = 30;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * The REST client of the console: JSON in and out (a FormData body goes as a form), the agent's bearer token, one silent refresh
 * (shared by every request that needs it) before the token expires or after a 401, and a signed-out
 * session when the refresh token is dead.
 */
export class Api {
  private refreshing: Promise<Tokens | null> | null = null;

  constructor(
    readonly session: SessionStore,
    private readonly baseUrl = '',
    private readonly fetcher: Fetcher = (url, init) => fetch(url, init),
  ) {}

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const send = async (token: string | null) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      // A form (an upload) goes as it is, its multipart type set by the browser.
      const form = options.body instanceof FormData;
      if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      return this.fetcher(`${this.baseUrl}${withQuery(path, options.query)}`, {
        method: options.method ?? 'GET',
        headers,
        body:
          options.body === undefined
            ? undefined
            : options.body instanceof FormData
              ? options.body
              : JSON.stringify(options.body),
        signal: options.signal,
      });
    };
    if (options.anonymous) return parse<T>(await send(null));
    if (options.bearer) return parse<T>(await send(options.bearer));
    let res = await send(await this.accessToken());
    if (res.status === 401 && this.session.get()) {
      const tokens = await this.refresh();
      if (tokens) res = await send(tokens.accessToken);
    }
    return parse<T>(res);
  }

  /** A valid access token, refreshed first when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    const tokens = this.session.get();
    if (!tokens) return null;
    if (tokenExpiry(tokens.accessToken) - REFRESH_MARGIN_S > Date.now() / 1000) {
      return tokens.accessToken;
    }
    return (await this.refresh())?.accessToken ?? null;
  }

  /** Trades the refresh token for a new pair, once for all callers; signs out when it is dead. */
  refresh(): Promise<Tokens | null> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<Tokens | null> {
    const current = this.session.get();
    if (!current) return null;
    const res = await this.fetcher(`${this.baseUrl}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
    if (res.status === 401 || res.status === 400 || res.status === 422) {
      // Dead refresh token: only now is the agent signed out (the drafts stay in localStorage).
      if (this.session.get() === current) this.session.set(null);
      return null;
    }
    const pair = await parse<Tokens>(res);
    const tokens = { accessToken: pair.accessToken, refreshToken: pair.refreshToken };
    // Another tab may have signed out meanwhile; don't sign back in behind its back.
    if (this.session.get() === current) this.session.set(tokens);
    return tokens;
  }
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.ok) return body as T;
  const error = (
    body as {
      error?: {
        code?: string;
        message?: string;
        details?: unknown[];
        limit?: { name: string; value: number };
      };
    }
  )?.error;
  const retryAfter = Number(res.headers.get('retry-after'));
  throw new ApiError(
    res.status,
    error?.code ?? 'http_error',
    error?.message ?? t('errors.serverAnswered', { status: res.status }),
    error?.details,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    error?.limit,
  );
}
