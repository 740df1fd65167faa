/**
 * The routes whose body is not JSON, with the types each takes: a raw mail for the inbound mail
 * endpoint, a mail client's one-click unsubscribe form (RFC 8058) and the rating page's form. json-bodies hands their
 * bytes over as they came (an ArrayBuffer), and refuses any other type with 415.
 */
const RAW_BODIES: Record<string, readonly string[]> = {
  'POST /v1/inbound-mail': ['message/rfc822', 'text/plain', 'application/octet-stream'],
  'POST /v1/email/unsubscribe': [
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'text/plain',
  ],
  // The form of a transcript's rating page (the token in its address is the permission).
  'POST /v1/email/rating': ['application/x-www-form-urlencoded'],
};

/** The body types the request's route takes, when it is one of the raw-body routes. */
export const rawBodyTypes = (request: Request): readonly string[] | undefined =>
  RAW_BODIES[`${request.method} ${new URL(request.url).pathname}`];
