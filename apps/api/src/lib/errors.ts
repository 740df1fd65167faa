export interface ErrorDetail {
  path: string;
  message: string;
}

/** Every error the API answers with; mapped once to `{"error": {code, message, details?}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
    /** More fields of the error object (`limit` of a plan's refusal), beside code and message. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
export const unauthorized = (message = 'Authentication required') =>
  new ApiError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role does not allow this') =>
  new ApiError(403, 'forbidden', message);
/** Also the answer for another tenant's ids: their existence is not revealed. */
export const notFound = (what = 'Resource') => new ApiError(404, 'not_found', `${what} not found`);
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
export const tooLarge = (limit: number) =>
  new ApiError(413, 'too_large', `Request body is larger than ${limit} bytes`);
export const validation = (message: string, details: ErrorDetail[] = []) =>
  new ApiError(422, 'validation', message, details);
export const rateLimited = (retryAfterSeconds: number) =>
  new ApiError(429, 'rate_limited', 'Too many requests, try again later', undefined, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

/**
 * A plan's limit reached where something is created: 402 `plan_limit_reached`, the message
 * naming the limit and its value, and `limit: {name, value}` for clients that show their own.
 */
export const planLimitReached = (name: string, value: number, message: string) =>
  new ApiError(402, 'plan_limit_reached', message, undefined, undefined, {
    limit: { name, value },
  });

/** A capability the tenant's plan switched off: 402 `plan_feature_unavailable`. */
export const planFeatureUnavailable = (feature: string, message: string) =>
  new ApiError(402, 'plan_feature_unavailable', message, undefined, undefined, { feature });
