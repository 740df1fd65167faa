/** What a redacted field reads as. */
export const REDACTED = '[redacted]';

/**
 * Field names whose values never reach a log: credentials (headers, tokens, secrets, passwords)
 * and what people wrote (a message's body or text). Redacted at the top level, one level down
 * (`{ request: { token } }`) and in a request's headers.
 */
const SENSITIVE = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-api-secret',
  'x-plugin-key',
  'x-flc-inbound-secret',
  'token',
  'accessToken',
  'refreshToken',
  'sessionToken',
  'apiSecret',
  'secret',
  'password',
  'memberHash',
  'body',
  'text',
  'html',
];

const path = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `["${name}"]`);
const join = (prefix: string, name: string) =>
  path(name).startsWith('[') ? `${prefix}${path(name)}` : `${prefix}.${path(name)}`;

export const redactPaths: string[] = SENSITIVE.flatMap((name) => [
  path(name),
  join('*', name),
  join('headers', name),
  join('*.headers', name),
]);
