import { type ErrorDetail, validation } from '../../lib/errors.ts';

/** Scheme, host and optional port, nothing after it but one optional slash. */
const originShape = /^https?:\/\/[^/?#@\s]+\/?$/i;

/**
 * The form a browser sends in `Origin`: lowercase host (punycode for IDNs), no default port,
 * no trailing slash, so the widget boot can compare strings. `null` when `raw` is not an origin.
 */
export function normalizeOrigin(raw: string): string | null {
  const trimmed = raw.trim();
  if (!originShape.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.origin;
}

/** Normalizes and de-duplicates a list, or throws 422 naming every bad entry by its index. */
export function normalizeOrigins(list: string[], path = 'body.allowedOrigins'): string[] {
  const details: ErrorDetail[] = [];
  const out: string[] = [];
  list.forEach((raw, i) => {
    const origin = normalizeOrigin(raw);
    if (origin === null) {
      details.push({
        path: `${path}.${i}`,
        message: 'Expected an origin: http(s)://host[:port], without path, query or credentials',
      });
    } else if (!out.includes(origin)) {
      out.push(origin);
    }
  });
  if (details.length > 0) throw validation('The request is invalid', details);
  return out;
}
