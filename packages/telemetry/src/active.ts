/**
 * The active span of the work in progress, carried through awaits: what a database statement or
 * a Redis command names as its parent without every store call taking one as an argument.
 *
 * Made only when tracing starts. An AsyncLocalStorage that exists costs every promise a little on
 * Node (async hooks); a process without tracing never makes one, so every call here is one
 * `undefined` check. Holds the span's `traceparent` (the same string that crosses processes).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

let storage: AsyncLocalStorage<string> | undefined;

/** Turns the active context on (from `startTracing`); idempotent. */
export function enableActiveContext(): void {
  storage ??= new AsyncLocalStorage<string>();
}

/** Turns it off again (`stopTracing`): what runs later has no active span. */
export function disableActiveContext(): void {
  storage?.disable();
  storage = undefined;
}

/** The `traceparent` of the active span, if tracing is on and some span is active. */
export const activeTraceparent = (): string | undefined => storage?.getStore();

/** Runs `work` with `traceparent` as the active span (as it is, with none or tracing off). */
export function withTraceparent<T>(traceparent: string | undefined, work: () => T): T {
  return storage && traceparent ? storage.run(traceparent, work) : work();
}

/**
 * Makes `traceparent` the active span for the rest of the current synchronous run and what it
 * awaits: for a host's hook that cannot wrap the work after it (a REST request's first hook).
 */
export function enterTraceparent(traceparent: string | undefined): void {
  if (storage && traceparent) storage.enterWith(traceparent);
}
