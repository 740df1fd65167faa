import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './openapi.ts';

/** How the client signs in: an environment's API key (a tenant backend), or an agent's token. */
export type AdminAuth =
  /** `X-API-Key` + `X-API-Secret`: reaches that environment only, and writes as a `bot`. */
  | { apiKey: string; apiSecret: string; token?: never }
  /**
   * An agent's access token (`Authorization: Bearer`), or a function asked before every request
   * (so a token can be refreshed).
   */
  | { token: string | (() => string | Promise<string>); apiKey?: never; apiSecret?: never };

export type AdminClientOptions = AdminAuth & {
  /** The platform's address, e.g. `https://chat.example.com` (the paths start with `/v1`). */
  baseUrl: string;
  /** Defaults to the global fetch (Node 18+, Bun, Deno, browsers). */
  fetch?: (request: Request) => Promise<Response>;
  /** Sent with every request too (e.g. `X-Request-Id` for your own tracing). */
  headers?: Record<string, string>;
};

/** The typed client: `GET`, `POST`, `PATCH`, `PUT`, `DELETE` over the API's documented paths. */
export type AdminClient = Client<paths>;

/**
 * A client of the admin REST API (`/v1/...`), typed from its OpenAPI document. Every call
 * answers `{ data, error, response }`; `error` is the API's error body, typed by the operation's
 * documented responses. `unwrap(call)` answers the data or throws an `AdminApiError`.
 */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  if (!options.baseUrl) throw new TypeError('createAdminClient needs a baseUrl');
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey !== undefined || options.apiSecret !== undefined) {
    if (!options.apiKey || !options.apiSecret) {
      throw new TypeError('createAdminClient needs both apiKey and apiSecret');
    }
    headers['x-api-key'] = options.apiKey;
    headers['x-api-secret'] = options.apiSecret;
  } else if (!options.token) {
    throw new TypeError('createAdminClient needs apiKey and apiSecret, or a token');
  }
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { token } = options;
  if (token) client.use(bearer(token));
  return client;
}

function bearer(token: string | (() => string | Promise<string>)): Middleware {
  return {
    async onRequest({ request }) {
      const value = typeof token === 'function' ? await token() : token;
      request.headers.set('authorization', `Bearer ${value}`);
      return request;
    },
  };
}
