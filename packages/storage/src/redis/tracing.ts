/**
 * A span per Redis command, as a child of the active span (see @flc/telemetry); one per
 * pipeline or MULTI. Only when tracing is on: `openRedis` hands out the client itself otherwise.
 *
 * The client is wrapped in a Proxy rather than traced where ioredis sends a command: with
 * auto-pipelining the commands of one tick are sent together on the next, where the context of
 * each caller is lost; at the call, it is still the caller's. A span names the command only
 * (a script: EVALSHA and the script's name), never its keys or arguments.
 */
import { startChildSpan, type TraceSpan } from '@flc/telemetry';
import type { ChainableCommander } from 'ioredis';
import { scriptNames } from './scripts.ts';
import type { RedisCommands } from './server.ts';

const attributesOf = (operation: string): Record<string, string> => ({
  'db.system': 'redis',
  'db.system.name': 'redis',
  'db.operation': operation,
  'db.operation.name': operation,
});

/** Ends `span` when `result` settles; answers `result` itself. */
function endWith<T>(span: TraceSpan | undefined, result: T): T {
  if (span && result instanceof Promise) {
    result.then(
      () => span.end(),
      (error: unknown) => {
        span.fail(error);
        span.end();
      },
    );
  } else span?.end();
  return result;
}

/** A pipeline whose `exec` is one span, its commands none of their own. */
function tracePipeline(pipeline: ChainableCommander, operation: 'PIPELINE' | 'MULTI') {
  const exec = pipeline.exec;
  pipeline.exec = (...args: Parameters<typeof exec>) => {
    const span = startChildSpan(operation, {
      ...attributesOf(operation),
      'db.operation.batch.size': pipeline.length,
    });
    return endWith(span, exec.apply(pipeline, args));
  };
  return pipeline;
}

type Method = (...args: unknown[]) => unknown;

/** `commands` with a span per command it is asked to run (see above). */
export function traceRedis<C extends RedisCommands>(commands: C): C {
  const builtin = new Set(commands.getBuiltinCommands());
  const scripts = new Set<string>(scriptNames);
  const wrapped = new Map<PropertyKey, Method>();

  function wrap(property: string, method: Method): Method {
    if (property === 'pipeline' || property === 'multi') {
      const operation = property === 'pipeline' ? 'PIPELINE' : 'MULTI';
      return (...args) =>
        tracePipeline(method.apply(commands, args) as ChainableCommander, operation);
    }
    if (property === 'call') {
      return (...args) => {
        const name = String(args[0]).toUpperCase();
        return endWith(startChildSpan(name, attributesOf(name)), method.apply(commands, args));
      };
    }
    const script = scripts.has(property);
    const name = script ? 'EVALSHA' : property.replace(/Buffer$/, '').toUpperCase();
    const attributes = script
      ? { ...attributesOf(name), 'flc.redis.script': property }
      : attributesOf(name);
    return (...args) => endWith(startChildSpan(name, attributes), method.apply(commands, args));
  }

  const traced = (property: string) =>
    property === 'pipeline' ||
    property === 'multi' ||
    property === 'call' ||
    scripts.has(property) ||
    builtin.has(property.replace(/Buffer$/, ''));

  return new Proxy(commands, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || !traced(property)) {
        return value;
      }
      let method = wrapped.get(property);
      if (!method) {
        method = wrap(property, value as Method);
        wrapped.set(property, method);
      }
      return method;
    },
  });
}
