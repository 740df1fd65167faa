import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { ErrorCode, limits } from './codes.ts';
import { type ClientFrame, type ClientFrameType, clientFrames } from './frames.ts';
import { isWellFormedText, malformedTextMessage } from './text.ts';

const checks: Record<ClientFrameType, TypeCheck<TSchema>> = {
  send: TypeCompiler.Compile(clientFrames.send),
  subscribe: TypeCompiler.Compile(clientFrames.subscribe),
  unsubscribe: TypeCompiler.Compile(clientFrames.unsubscribe),
  typing: TypeCompiler.Compile(clientFrames.typing),
  read: TypeCompiler.Compile(clientFrames.read),
  ping: TypeCompiler.Compile(clientFrames.ping),
  inbox: TypeCompiler.Compile(clientFrames.inbox),
};

export type ParseResult =
  | { ok: true; frame: ClientFrame }
  | { ok: false; code: ErrorCode; message: string; ref?: string };

const fail = (code: ErrorCode, message: string, ref?: string): ParseResult =>
  ref === undefined ? { ok: false, code, message } : { ok: false, code, message, ref };

/** One decoder for every frame (a new one per frame was garbage on the hot path). */
const utf8 = new TextDecoder();

/**
 * Parses one client text frame. Never throws: anything wrong comes back as the error the
 * server answers with. `ref` is the frame's `cid` when it has one, else its `t`.
 */
export function parseClientFrame(data: string | ArrayBuffer | Uint8Array): ParseResult {
  const text = typeof data === 'string' ? data : utf8.decode(data);
  if (text.length > limits.maxFrameBytes) return fail(ErrorCode.tooLarge, 'Frame is over 16 KiB');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(ErrorCode.badFrame, 'Frame is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(ErrorCode.badFrame, 'Frame must be a JSON object');
  }
  const { t, cid } = value as { t?: unknown; cid?: unknown };
  const ref = typeof cid === 'string' ? cid : typeof t === 'string' ? t : undefined;
  if (typeof t !== 'string' || !Object.hasOwn(checks, t)) {
    return fail(ErrorCode.badFrame, `Unknown frame type ${JSON.stringify(t ?? null)}`, ref);
  }
  const check = checks[t as ClientFrameType];
  if (!check.Check(value)) {
    const first = check.Errors(value).First();
    const where = first?.path ? ` at ${first.path}` : '';
    return fail(
      ErrorCode.badFrame,
      `Invalid ${t} frame${where}: ${first?.message ?? 'invalid'}`,
      ref,
    );
  }
  if (!wellFormed(value)) return fail(ErrorCode.badFrame, malformedTextMessage, ref);
  return { ok: true, frame: value as ClientFrame };
}

/**
 * Whether every text in a frame the schema accepted is well-formed: its own string fields, and
 * those of the few objects and lists it may hold (an `inbox` filter), as deep as the schema lets.
 */
function wellFormed(value: unknown): boolean {
  if (typeof value === 'string') return isWellFormedText(value);
  if (typeof value !== 'object' || value === null) return true;
  for (const field of Object.values(value)) if (!wellFormed(field)) return false;
  return true;
}
