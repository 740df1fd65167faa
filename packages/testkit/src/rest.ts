// Tests assert on the shape of JSON replies, so their bodies stay loosely typed.
// biome-ignore lint/suspicious/noExplicitAny: see above
export interface Reply<T = any> {
  status: number;
  /** Parsed when the reply says it is JSON, else the text. */
  body: T;
  headers: Headers;
}

/** A REST call as the fixtures make it: a JSON body (or a raw string) and extra headers. */
export type Rest = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Reply>;

/** Answers a request: `fetch` for a platform on a port, `app.handle` for one in-process. */
export type Handler = (request: Request) => Response | Promise<Response>;

/**
 * A REST caller against `baseUrl()` (read on every call: a test learns its port once the
 * platform is up). The same fixtures drive a running process and the API in-process.
 */
export function restClient(baseUrl: () => string, handle: Handler = fetch): Rest {
  return async (method, path, body, headers = {}) => {
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      if (body instanceof FormData) {
        init.body = body; // a multipart upload: its own content type, with the boundary
      } else {
        // A string goes as it is, so a test can send malformed JSON.
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        init.headers = { 'content-type': 'application/json', ...headers };
      }
    }
    const res = await handle(new Request(`${baseUrl()}${path}`, init));
    const text = await res.text();
    const json = Boolean(text) && res.headers.get('content-type')?.includes('application/json');
    return { status: res.status, body: json ? JSON.parse(text) : text, headers: res.headers };
  };
}

/** `Authorization: Bearer <token>`, for an agent's or a visitor's token. */
export const bearer = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
});

/** Throws with the reply when a set-up step did not answer `status`. */
export function expectStatus(res: Reply, status: number, what: string): void {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}
