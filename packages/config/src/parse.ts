/** A parser turns a raw environment string into a value, or returns an error message. */
export type Parser<T> = (raw: string) => { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = (error: string) => ({ ok: false as const, error });

export const str =
  (minLength = 1): Parser<string> =>
  (raw) =>
    raw.length >= minLength ? ok(raw) : fail(`must be at least ${minLength} characters`);

export const int =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) return fail(`must be an integer, got "${raw}"`);
    const n = Number(raw);
    return n >= min && n <= max ? ok(n) : fail(`must be between ${min} and ${max}, got ${n}`);
  };

export const bool: Parser<boolean> = (raw) => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return ok(true);
  if (['0', 'false', 'no', 'off', ''].includes(v)) return ok(false);
  return fail(`must be true or false, got "${raw}"`);
};

export const oneOf =
  <const T extends string>(...values: T[]): Parser<T> =>
  (raw) =>
    (values as string[]).includes(raw)
      ? ok(raw as T)
      : fail(`must be one of ${values.join(', ')}, got "${raw}"`);

export const url =
  (...protocols: string[]): Parser<string> =>
  (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      return fail('must be a URL');
    }
    return protocols.includes(parsed.protocol)
      ? ok(raw)
      : fail(`must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  };

export const uuid: Parser<string> = (raw) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw.trim())
    ? ok(raw.trim().toLowerCase())
    : fail(`must be a UUID, got "${raw}"`);
