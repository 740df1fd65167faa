import type { Mention, ServerFrameOf } from '@flc/protocol';
import type { Bus } from './bus.ts';
import type { Message } from './message.ts';

/** An agent mentioned in a note, as the recorder made it. */
export interface MentionMade {
  /** The mentioned agent. */
  agentId: string;
  mention: Mention;
}

/**
 * Where the mentions of notes are kept. Implementation: PostgreSQL (also PGlite), beside the
 * agents whose handles it resolves.
 */
export interface MentionRecorder {
  /**
   * Records a mention for every active agent of the note's organization whose handle the note
   * names (`@handle`, see `mentionedHandles`), except its author. Idempotent per note and agent:
   * answers only the mentions made now, so recording a note again (a retried send) repeats
   * nothing and repairs an attempt that failed.
   */
  record(note: Message): Promise<MentionMade[]>;
}

/** Letters, marks and digits continue a word: `@ann` is not in `@anna`, nor in `x@ann`. */
const WORD_AFTER = /^[\p{L}\p{M}\p{N}_]/u;
const WORD_BEFORE = /[\p{L}\p{M}\p{N}_]$/u;

/**
 * The handles a note mentions: each that appears as `@handle`, compared without case, with no
 * letter or digit right before the `@` (an email address) or right after the handle. Handles are
 * matched as they are, so one with any character in it can be mentioned.
 */
export function mentionedHandles(body: string, handles: readonly string[]): string[] {
  if (!body.includes('@')) return [];
  const text = body.toLowerCase();
  const found: string[] = [];
  for (const handle of handles) {
    const wanted = `@${handle.toLowerCase()}`;
    for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
      const before = text.slice(Math.max(0, at - 2), at);
      const after = text.slice(at + wanted.length, at + wanted.length + 2);
      if (WORD_BEFORE.test(before) || WORD_AFTER.test(after)) continue;
      found.push(handle);
      break;
    }
  }
  return found;
}

/**
 * The frame of a mention, with `agentId` right after `t` (see `MENTION_FRAME_PREFIX`): an inbox
 * fan-out reads who it is for without parsing it.
 */
export function mentionFrame(made: MentionMade): string {
  const frame: ServerFrameOf<'mention'> = {
    t: 'mention',
    agentId: made.agentId,
    mention: made.mention,
  };
  return JSON.stringify(frame);
}

export const MENTION_FRAME_PREFIX = '{"t":"mention","agentId":"';

/** The agent a mention frame is for, or null for any other frame. */
export function mentionTarget(frame: string): string | null {
  if (!frame.startsWith(MENTION_FRAME_PREFIX)) return null;
  const end = frame.indexOf('"', MENTION_FRAME_PREFIX.length);
  return end < 0 ? null : frame.slice(MENTION_FRAME_PREFIX.length, end);
}

/**
 * Tells the mentioned agents, live: on the organization's inbox topic, which every agent socket
 * follows, and which delivers a mention to the sockets of its agent only (see the gateway's
 * inbox fan-out).
 */
export async function announceMentions(
  bus: Pick<Bus, 'signal'>,
  organizationId: string,
  made: readonly MentionMade[],
): Promise<void> {
  await Promise.all(
    made.map((m) => bus.signal({ kind: 'organization', organizationId }, mentionFrame(m))),
  );
}
