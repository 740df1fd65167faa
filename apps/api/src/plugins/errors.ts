import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  LimitReachedError,
  NotFoundError,
  PlanLimitError,
} from '@flc/core';
import { logger } from '@flc/log';
import { Elysia, ValidationError } from 'elysia';
import {
  ApiError,
  conflict,
  type ErrorDetail,
  forbidden,
  notFound,
  planLimitReached,
  validation,
} from '../lib/errors.ts';
import { requestContextOf, requestIdOf } from '../lib/request-context.ts';
import { REQUEST_ID_HEADER } from './request-log.ts';

const json = (
  request: Request,
  status: number,
  code: string,
  message: string,
  details?: ErrorDetail[],
  extra?: Record<string, unknown>,
) => {
  const requestId = requestIdOf(request);
  const error =
    details && details.length > 0
      ? { code, message, details, ...extra, requestId }
      : { code, message, ...extra, requestId };
  return Response.json({ error }, { status, headers: { [REQUEST_ID_HEADER]: requestId } });
};

/** The answer of an ApiError: its status, its headers, the one error shape with the request's id. */
export function errorResponse(request: Request, error: ApiError): Response {
  const res = json(request, error.status, error.code, error.message, error.details, error.extra);
  for (const [k, v] of Object.entries(error.headers ?? {})) res.headers.set(k, v);
  return res;
}

function validationDetails(error: ValidationError): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const e of error.all) {
    const path = [error.type, ...e.path.split('/').filter(Boolean)].join('.');
    const message = ('summary' in e && e.summary) || e.message;
    const key = `${path}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ path, message });
  }
  return details;
}

/**
 * Maps every failure to the one error shape of the API. Unknown errors become `internal` with
 * no trace of their cause in the answer; the cause goes to the log.
 */
export const errorHandler = new Elysia({ name: 'flc/errors' }).onError(
  { as: 'global' },
  (context) => {
    const response = answer(context);
    // What /metrics (and any later hook) sees as the status is the one answered.
    context.set.status = response.status;
    return response;
  },
);

function answer({
  code,
  error,
  request,
  route,
}: {
  code: unknown;
  error: unknown;
  request: Request;
  route?: string;
}): Response {
  // A refusal raised while parsing the body (see json-bodies) comes wrapped in the parse error.
  const raised =
    code === 'PARSE' && error instanceof Error && error.cause instanceof ApiError
      ? error.cause
      : error;
  // The shared services' "not in this scope" is the API's 404, named after what was not found,
  // what they refuse as it stands is its 422, and what the state does not allow its 409.
  const failure =
    raised instanceof NotFoundError
      ? notFound(raised.what)
      : raised instanceof InvalidRequestError
        ? validation(raised.message, raised.fields)
        : raised instanceof LimitReachedError
          ? new ApiError(429, 'limit_reached', `${raised.message}; close one first`)
          : raised instanceof ConflictError
            ? conflict(raised.message)
            : raised instanceof ForbiddenError
              ? forbidden(raised.message)
              : raised instanceof PlanLimitError
                ? planLimitReached(raised.limit, raised.value, raised.message)
                : raised;
  if (failure instanceof ApiError) return errorResponse(request, failure);
  if (code === 'VALIDATION' && error instanceof ValidationError && error.type !== 'response') {
    return json(request, 422, 'validation', 'The request is invalid', validationDetails(error));
  }
  if (code === 'PARSE') {
    return json(request, 400, 'bad_request', 'The request body is not valid JSON');
  }
  if (code === 'NOT_FOUND') return json(request, 404, 'not_found', 'No such route');
  if (code === 'INVALID_COOKIE_SIGNATURE') return json(request, 400, 'bad_request', 'Bad cookie');
  // The route's pattern, not the path: a path can hold a secret (an invitation's token).
  const organizationId = requestContextOf(request)?.organizationId;
  logger('http').error(
    {
      err: error,
      method: request.method,
      route: route || 'unmatched',
      requestId: requestIdOf(request),
      ...(organizationId && { organizationId }),
    },
    'request failed',
  );
  return json(request, 500, 'internal', 'Something went wrong on our side');
}
