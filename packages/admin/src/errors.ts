/** The one error body of the API: `{ error: { code, message, details?, requestId } }`. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: { path: string; message: string }[];
    requestId?: string;
  };
}

const isErrorBody = (value: unknown): value is ApiErrorBody => {
  const error = (value as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  return typeof error?.code === 'string' && typeof error.message === 'string';
};

/**
 * A non-2xx answer, thrown by `unwrap`: the status, the API's error code (`not_found`,
 * `validation`, `rate_limited`, ...) and the request id to quote to support.
 */
export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: { path: string; message: string }[];

  constructor(status: number, body: unknown, requestId?: string | null) {
    const error = isErrorBody(body) ? body.error : undefined;
    super(error?.message ?? `the API answered ${status}`);
    this.status = status;
    this.code = error?.code ?? `http_${status}`;
    this.requestId = error?.requestId ?? requestId ?? undefined;
    this.details = error?.details ?? [];
  }
}

/** The shape of what every call of the client answers (openapi-fetch's result). */
export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The data of a call, or an `AdminApiError` thrown: for code that would rather `try` than check
 * `error` after every call.
 */
export async function unwrap<R extends CallResult>(
  call: Promise<R> | R,
): Promise<Exclude<R['data'], undefined>> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) {
    throw new AdminApiError(response.status, error, response.headers.get('x-request-id'));
  }
  return data as Exclude<R['data'], undefined>;
}
