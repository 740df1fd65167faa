/** Sets one option from a flag's text; answers what is wrong with the text, if anything. */
export type Setter<O> = (options: O, value: string) => string | undefined;

export interface FlagSpec<O> {
  defaults: O;
  setters: Record<string, Setter<O>>;
  /** `BENCH_` reads `--seed-cache` from BENCH_SEED_CACHE. */
  envPrefix: string;
  usage: string;
  /** Problems of the options as a whole, once every flag is read. */
  check?: (options: O) => string[];
}

type Env = Record<string, string | undefined>;

/**
 * `--name value` and `--name=value` flags over `<envPrefix>NAME` variables over the defaults.
 * Every problem is listed at once, followed by the usage.
 */
export function parseFlags<O extends object>(
  argv: string[],
  env: Env,
  spec: FlagSpec<O>,
): O | 'help' {
  const { setters } = spec;
  const raw = new Map<string, string>();
  for (const key of Object.keys(setters)) {
    const fromEnv = env[`${spec.envPrefix}${key.replaceAll('-', '_').toUpperCase()}`];
    if (fromEnv) raw.set(key, fromEnv);
  }
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const key = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !(key in setters)) {
      problems.push(`unknown argument ${arg}`);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) problems.push(`${flag} needs a value`);
    else raw.set(key, value);
  }
  const options = structuredClone(spec.defaults);
  for (const [key, value] of raw) {
    const problem = setters[key]?.(options, value);
    if (problem) problems.push(`--${key}: ${problem}`);
  }
  problems.push(...(spec.check?.(options) ?? []));
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\n\n${spec.usage}`);
  return options;
}

const positive = (value: string, min = 1): number | null => {
  const n = Number(value);
  return Number.isFinite(n) && n >= min ? n : null;
};
export const integer = (value: string, min = 1): number | null => {
  const n = positive(value, min);
  return n !== null && Number.isInteger(n) ? n : null;
};

export const int =
  <O>(key: keyof O, min = 1): Setter<O> =>
  (options, value) => {
    const n = integer(value, min);
    if (n === null) return `expected an integer ≥ ${min}, got "${value}"`;
    Object.assign(options as object, { [key]: n });
    return undefined;
  };

export const seconds =
  <O>(key: keyof O, min: number): Setter<O> =>
  (options, value) => {
    const n = positive(value, min);
    if (n === null) return `expected seconds ≥ ${min}, got "${value}"`;
    Object.assign(options as object, { [key]: n });
    return undefined;
  };

export const flag =
  <O>(key: keyof O): Setter<O> =>
  (options, value) => {
    if (!['0', '1', 'true', 'false'].includes(value)) return `expected 1 or 0, got "${value}"`;
    Object.assign(options as object, { [key]: value === '1' || value === 'true' });
    return undefined;
  };

/** A comma-separated list of integers ≥ `min`. */
export const ints =
  <O>(key: keyof O, min = 1): Setter<O> =>
  (options, value) => {
    const list = value.split(',').map((s) => integer(s.trim(), min));
    if (list.length === 0 || list.some((n) => n === null)) {
      return `expected integers ≥ ${min}, comma-separated, got "${value}"`;
    }
    Object.assign(options as object, { [key]: list });
    return undefined;
  };

export const text =
  <O>(key: keyof O): Setter<O> =>
  (options, value) => {
    Object.assign(options as object, { [key]: value });
    return undefined;
  };
