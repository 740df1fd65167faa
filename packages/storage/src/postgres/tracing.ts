/**
 * A span per statement of the `postgres` driver, as a child of the active span (see
 * @flc/telemetry): the driver has no hook of its own, so the client is wrapped in a Proxy, and
 * only when tracing is on (`openDatabase` never wraps otherwise: nothing on the hot path).
 *
 * A statement's span says what it is (db.operation, the table) and never its parameters: the
 * text comes from the query's template (or `unsafe`'s string), never from the values.
 */
import { startChildSpan, type TraceSpan } from '@flc/telemetry';
import type { Sql } from './database.ts';

interface Statement {
  name: string;
  attributes: Record<string, string>;
}

/** One template per call site: what it is is worked out once. */
const described = new WeakMap<TemplateStringsArray, Statement>();

const TARGET =
  /\b(?:insert\s+into|update|delete\s+from|from|into|table)\s+((?:"?\w+"?\.)?"?\w+"?)/i;

/** The operation (its first keyword) and the first table named, from the statement's text. */
export function describeStatement(text: string): Statement {
  const operation = (/^\s*\(?\s*(\w+)/.exec(text)?.[1] ?? 'QUERY').toUpperCase();
  const table = TARGET.exec(text)?.[1]?.replaceAll('"', '');
  const attributes: Record<string, string> = {
    'db.system': 'postgresql',
    'db.system.name': 'postgresql',
    'db.operation': operation,
    'db.operation.name': operation,
  };
  if (table) {
    attributes['db.sql.table'] = table;
    attributes['db.collection.name'] = table;
  }
  return { name: table ? `${operation} ${table}` : operation, attributes };
}

function templateStatement(strings: TemplateStringsArray): Statement {
  let statement = described.get(strings);
  if (!statement) {
    statement = describeStatement(strings.join('?'));
    described.set(strings, statement);
  }
  return statement;
}

const isTemplate = (value: unknown): value is TemplateStringsArray =>
  Array.isArray(value) && 'raw' in value;

/**
 * The driver runs a query when it is first awaited (`then`): the span starts there, in the
 * caller's context, and ends when the query settles.
 */
function traceQuery<Q>(query: Q, statement: Statement): Q {
  if (!(query instanceof Promise)) return query;
  const run = query.then;
  let span: TraceSpan | undefined;
  let started = false;
  Object.defineProperty(query, 'then', {
    configurable: true,
    value(this: Promise<unknown>, ...handlers: [unknown, unknown]) {
      if (!started) {
        started = true;
        span = startChildSpan(statement.name, statement.attributes);
        if (span) {
          const ended = span;
          // The plain Promise `then`: settling is observed without running the query again.
          Promise.prototype.then.call(
            this,
            () => ended.end(),
            (error: unknown) => {
              ended.fail(error);
              ended.end();
            },
          );
        }
      }
      return run.apply(this, handlers as Parameters<typeof run>);
    },
  });
  return query;
}

/** A transaction's callback is given a traced client too. */
function tracedCallback(args: unknown[]): unknown[] {
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback !== 'function') return args;
  const copy = [...args];
  copy[last] = (sql: Sql) => callback(traceSql(sql));
  return copy;
}

/** `sql` with a span per statement (the pool, a transaction, a savepoint, a reserved one). */
export function traceSql<S extends Sql>(sql: S): S {
  return new Proxy(sql, {
    apply(target, thisArg, args: unknown[]) {
      const result = Reflect.apply(target, thisArg, args);
      // `sql(rows)`, `sql('name')`: helpers for a template, not statements.
      return isTemplate(args[0]) ? traceQuery(result, templateStatement(args[0])) : result;
    },
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      switch (property) {
        case 'unsafe':
          return (text: string, ...rest: unknown[]) =>
            traceQuery(value.call(target, text, ...rest), describeStatement(text));
        case 'begin':
        case 'savepoint':
          return (...args: unknown[]) => value.apply(target, tracedCallback(args));
        case 'reserve':
          return async () => traceSql(await value.call(target));
        default:
          return value;
      }
    },
  });
}
