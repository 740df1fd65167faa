import type { Message } from '@flc/core';
import { conversationKeys, field, type KeyLayout } from '../redis/layout.ts';
import type { RedisCommands } from '../redis/server.ts';
import { messageFromFrame } from './frame.ts';

const PAGE = 500;

/**
 * A conversation's messages with `fromSeq <= seq <= toSeq` still in its partition's stream, in
 * ascending seq. The wanted ones are the newest (the persister trails the bus by its lag, a gap
 * is what was published a moment ago), so the stream is read backwards from its newest entry
 * (XREVRANGE, a page at a time) until every wanted seq is found, an older message of the
 * conversation shows up, or `scanLimit` entries were read. Within one conversation the stream's
 * order is the seq order: the append script numbers and adds in one step. Entries of other
 * conversations of the partition are skipped without parsing.
 */
export async function scanConversation(
  commands: RedisCommands,
  layout: KeyLayout,
  organizationId: string,
  conversationId: string,
  fromSeq: number,
  toSeq: number,
  scanLimit: number,
): Promise<Message[]> {
  const entries = await scanEntries(
    commands,
    layout,
    organizationId,
    conversationId,
    fromSeq,
    toSeq,
    scanLimit,
  );
  return entries.map((e) => e.message);
}

/** `scanConversation` with each message's stream entry id (to delete the entry). */
export async function scanEntries(
  commands: RedisCommands,
  layout: KeyLayout,
  organizationId: string,
  conversationId: string,
  fromSeq: number,
  toSeq: number,
  scanLimit: number,
): Promise<{ id: string; message: Message }[]> {
  const { partition } = conversationKeys(layout, conversationId);
  const key = `c:${conversationId}`;
  const found = new Map<number, { id: string; message: Message }>();
  const wanted = toSeq - fromSeq + 1;
  let end = '+';
  let scanned = 0;
  scan: while (wanted > 0 && found.size < wanted && scanned < scanLimit) {
    const page = await commands.xrevrange(
      partition.stream,
      end,
      '-',
      'COUNT',
      Math.min(PAGE, scanLimit - scanned),
    );
    scanned += page.length;
    for (const [id, fields] of page) {
      end = `(${id}`;
      const [, entryTopic, , organization, kind, frame] = fields;
      if (entryTopic !== key || kind !== field.message || frame === undefined) continue;
      // A conversation id is unique, but the tenant is checked all the same.
      if (organization !== organizationId) continue;
      const message = messageFromFrame(frame, organizationId);
      if (message.seq < fromSeq) break scan;
      if (message.seq <= toSeq) found.set(message.seq, { id, message });
    }
    if (page.length < PAGE) break;
  }
  return [...found.values()].sort((a, b) => a.message.seq - b.message.seq);
}
