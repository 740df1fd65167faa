/** `window.FLC`: the loader's stub (calls queued in `q`) until widget.js installs the real one. */
export type FLC = ((...args: unknown[]) => unknown) & {
  q?: ArrayLike<unknown>[];
  /** Set on the real function, so a second copy of widget.js leaves the first in charge. */
  loaded?: boolean;
};

/**
 * Replaces the stub with `run` and replays what the page queued before widget.js arrived, in
 * order. Returns false when a widget is already installed.
 */
export function install(
  target: { FLC?: FLC | undefined },
  run: (command: unknown, args: unknown[]) => unknown,
): boolean {
  const stub = target.FLC;
  if (stub?.loaded) return false;
  const real: FLC = (command, ...args) => run(command, args);
  real.loaded = true;
  target.FLC = real;
  for (const call of Array.from(stub?.q ?? [])) {
    const [command, ...args] = Array.from(call);
    real(command, ...args);
  }
  return true;
}
