import {
  type Audience,
  type DailyMessageActivity,
  type Message,
  type MessageChange,
  type MessageRange,
  type MessageSearch,
  type MessageSearchHit,
  type MessageStore,
  normalizedWords,
  searchTerms,
} from '@flc/core';
import type { Sender } from '@flc/protocol';
import { type Collection, type Db, type IndexDescription, MongoBulkWriteError } from 'mongodb';

/** One message in the `messages` collection. `_id` is `${conversationId}:${seq}`. */
export interface MessageDocument {
  _id: string;
  id: string;
  organizationId: string;
  conversationId: string;
  seq: number;
  sender: Sender;
  body: string;
  createdAt: Date;
  cid?: string;
  /** Only on notes; absent on messages (also on every message stored before notes existed). */
  kind?: 'note';
  prevSeq?: number;
  /**
   * The body's distinct words (`searchTerms`), for search: FerretDB has no text index, so the
   * store keeps its own. Every write of `body` sets it too (`searchTerms(body)`); documents
   * written before search existed have none and are not found until rewritten.
   */
  terms?: string[];
  /** The conversation's change counter at the last edit or delete (absent: never changed). */
  rev?: number;
  editedAt?: Date;
  deletedAt?: Date;
  attachments?: Message['attachments'];
  /** Only on a visitor's reply by mail. */
  via?: 'email';
}

/**
 * The indexes the reads need. The `_id` key already makes `(conversationId, seq)` unique; the
 * unique index repeats it so that a document written by hand with another `_id` cannot shadow a
 * message, and it is the index every `range` and `headSeq` walks.
 */
export const messageIndexes: IndexDescription[] = [
  { key: { conversationId: 1, seq: 1 }, name: 'conversation_seq', unique: true },
  { key: { organizationId: 1, createdAt: -1 }, name: 'organization_created' },
  // Usage metering's rollup: one day of every organization's messages, a range of this index.
  { key: { createdAt: 1 }, name: 'created' },
  // A contact's messages across conversations, newest first.
  {
    key: { organizationId: 1, 'sender.id': 1, createdAt: -1 },
    name: 'organization_sender_created',
  },
  // A retried send whose cid the in-memory bus forgot (byCid); sparse: not every message has one.
  { key: { conversationId: 1, cid: 1 }, name: 'conversation_cid', sparse: true },
  // Search: the organization's messages holding a term (a multikey index over `terms`).
  { key: { organizationId: 1, terms: 1 }, name: 'organization_terms' },
  // A resuming client's changes after the rev it saw; sparse: most messages never change.
  { key: { conversationId: 1, rev: 1 }, name: 'conversation_rev', sparse: true },
];

/**
 * How many of the newest matching messages a search ranks: a word common to most of the history
 * would otherwise have every document read and counted.
 */
const SEARCH_CANDIDATES = 500;

const duplicateKey = 11000;

const DAY_MS = 86_400_000;

/** The UTC days' bounds from `from` to `to`, each cut to the range. */
function utcDays(from: Date, to: Date): [Date, Date][] {
  const days: [Date, Date][] = [];
  let start = from.getTime();
  while (start < to.getTime()) {
    const end = Math.min(Math.floor(start / DAY_MS) * DAY_MS + DAY_MS, to.getTime());
    days.push([new Date(start), new Date(end)]);
    start = end;
  }
  return days;
}

function documentId(conversationId: string, seq: number): string {
  return `${conversationId}:${seq}`;
}

/** Absent optional fields stay absent: the driver would store `undefined` as `null`. */
function toDocument(m: Message): MessageDocument {
  const sender: Sender = { type: m.sender.type, id: m.sender.id };
  if (m.sender.name !== undefined) sender.name = m.sender.name;
  const doc: MessageDocument = {
    _id: documentId(m.conversationId, m.seq),
    id: m.id,
    organizationId: m.organizationId,
    conversationId: m.conversationId,
    seq: m.seq,
    sender,
    body: m.body,
    createdAt: new Date(m.createdAt),
    terms: searchTerms(m.body),
  };
  if (m.cid !== undefined) doc.cid = m.cid;
  if (m.kind === 'note') doc.kind = 'note';
  if (m.prevSeq !== undefined) doc.prevSeq = m.prevSeq;
  if (m.attachments?.length) doc.attachments = m.attachments;
  if (m.via !== undefined) doc.via = m.via;
  return doc;
}

function toMessage(d: MessageDocument): Message {
  const sender: Sender = { type: d.sender.type, id: d.sender.id };
  if (d.sender.name != null) sender.name = d.sender.name;
  const message: Message = {
    id: d.id,
    organizationId: d.organizationId,
    conversationId: d.conversationId,
    seq: d.seq,
    sender,
    body: d.body,
    // A BSON date, read back the way the PostgreSQL store reads its timestamptz.
    createdAt: d.createdAt.toISOString(),
  };
  if (d.cid != null) message.cid = d.cid;
  if (d.editedAt != null) message.editedAt = d.editedAt.toISOString();
  if (d.deletedAt != null) message.deletedAt = d.deletedAt.toISOString();
  if (d.rev != null && d.rev > 0) message.rev = d.rev;
  if (d.kind === 'note') message.kind = 'note';
  if (d.prevSeq != null) message.prevSeq = d.prevSeq;
  if (d.attachments?.length) message.attachments = d.attachments;
  if (d.via != null) message.via = d.via;
  return message;
}

/** True when the only failures of a bulk write are documents that were stored already. */
function onlyDuplicateKeys(error: unknown): boolean {
  if (!(error instanceof MongoBulkWriteError)) return false;
  if (error.result.getWriteConcernError()) return false;
  const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return errors.length > 0 && errors.every((e) => e.code === duplicateKey);
}

/**
 * History in the `messages` collection of a MongoDB database (or a server speaking its protocol,
 * such as FerretDB). Every range is a walk of the `{ conversationId, seq }` index.
 */
export class MongoMessageStore implements MessageStore {
  private readonly messages: Collection<MessageDocument>;

  constructor(db: Db) {
    this.messages = db.collection<MessageDocument>('messages');
  }

  /**
   * Creates the indexes when missing; safe to run at every start and from several processes at
   * once. One command per index: FerretDB 1.x fails a `createIndexes` that lists several indexes
   * when some of them exist already.
   */
  async ensureIndexes(): Promise<void> {
    for (const index of messageIndexes) await this.messages.createIndexes([index]);
  }

  /**
   * One unordered bulk insert. A message already stored under the same seq is kept as it is: its
   * insert fails with a duplicate key, which is the outcome wanted, while the rest of the batch
   * goes on. The persister may deliver a batch twice after a crash, and the first write wins.
   * Within the batch the first of two writes of a seq is the one sent, since an unordered bulk
   * may apply its operations in any order.
   *
   * Not upserts with `$setOnInsert`: on FerretDB 1.24 (SQLite) two writers upserting the same
   * new `_id` at once can leave the database hanging, and each upsert costs a query first.
   */
  async insert(messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    const firsts = new Map<string, MessageDocument>();
    for (const m of messages) {
      const doc = toDocument(m);
      if (!firsts.has(doc._id)) firsts.set(doc._id, doc);
    }
    try {
      await this.messages.insertMany([...firsts.values()], { ordered: false });
    } catch (error) {
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }

  /** With `beforeSeq`, the newest `limit` below it (walked backwards, returned ascending). */
  async range(
    organizationId: string,
    conversationId: string,
    { afterSeq, beforeSeq, limit }: MessageRange,
  ): Promise<Message[]> {
    // MongoDB reads a limit of 0 as "no limit".
    if (limit <= 0) return [];
    const seq =
      beforeSeq === undefined ? { $gt: afterSeq ?? 0 } : { $gt: afterSeq ?? 0, $lt: beforeSeq };
    const docs = await this.messages
      .find({ conversationId, organizationId, seq })
      .sort({ seq: beforeSeq === undefined ? 1 : -1 })
      .limit(limit)
      .toArray();
    if (beforeSeq !== undefined) docs.reverse();
    return docs.map(toMessage);
  }

  /** The visitor's head walks the index backwards past the newest notes. */
  async headSeq(conversationId: string, audience: Audience = 'team'): Promise<number> {
    const head = await this.messages.findOne(
      audience === 'visitor'
        ? { conversationId, kind: { $ne: 'note' as const } }
        : { conversationId },
      { sort: { seq: -1 }, projection: { _id: 0, seq: 1 } },
    );
    return head?.seq ?? 0;
  }

  /** A walk of the `{ conversationId, cid }` index; the first stored wins, as on PostgreSQL. */
  async byCid(
    organizationId: string,
    conversationId: string,
    cid: string,
  ): Promise<Message | null> {
    const doc = await this.messages.findOne(
      { conversationId, cid, organizationId },
      { sort: { seq: 1 } },
    );
    return doc ? toMessage(doc) : null;
  }

  async change(
    organizationId: string,
    conversationId: string,
    seq: number,
    change: MessageChange,
  ): Promise<Message | null> {
    const edit = 'body' in change;
    const body = edit ? change.body : '';
    const filter = { _id: documentId(conversationId, seq), organizationId };
    await this.messages.updateOne(
      { ...filter, $or: [{ rev: { $exists: false } }, { rev: { $lt: change.rev } }] },
      edit
        ? {
            $set: {
              body,
              terms: searchTerms(body),
              rev: change.rev,
              editedAt: new Date(change.editedAt),
            },
            $unset: { deletedAt: '' },
          }
        : {
            $set: { body, terms: [], rev: change.rev, deletedAt: new Date(change.deletedAt) },
            $unset: { editedAt: '', attachments: '' },
          },
    );
    const doc = await this.messages.findOne(filter);
    return doc ? toMessage(doc) : null;
  }

  async changes(
    organizationId: string,
    conversationId: string,
    afterRev: number,
    audience: Audience,
  ): Promise<Message[]> {
    const docs = await this.messages
      .find({
        conversationId,
        organizationId,
        rev: { $gt: afterRev },
        ...(audience === 'visitor' && { kind: { $ne: 'note' as const } }),
      })
      .sort({ rev: 1 })
      .toArray();
    return docs.map(toMessage);
  }

  async erase(organizationId: string, conversationIds: readonly string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    const result = await this.messages.deleteMany({
      organizationId,
      conversationId: { $in: [...conversationIds] },
    });
    return result.deletedCount;
  }

  /** One aggregation over the `organization_created` index of the organizations. */
  async countSince(organizationIds: readonly string[], since: Date): Promise<Map<string, number>> {
    if (organizationIds.length === 0) return new Map();
    const groups = await this.messages
      .aggregate<{ _id: string; count: number }>([
        { $match: { organizationId: { $in: [...organizationIds] }, createdAt: { $gte: since } } },
        { $group: { _id: '$organizationId', count: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(groups.map((g) => [g._id, g.count]));
  }

  /**
   * One aggregation per UTC day, each a range of the `created` index grouped by organization and
   * sender (FerretDB has no date operators to group by day): a day's groups are its tenants'
   * visitors and agents, far fewer than its messages.
   */
  async dailyActivity(from: Date, to: Date): Promise<DailyMessageActivity[]> {
    const result: DailyMessageActivity[] = [];
    for (const [start, end] of utcDays(from, to)) {
      const groups = await this.messages
        .aggregate<{ _id: { organizationId: string; type: string; id: string }; count: number }>([
          { $match: { createdAt: { $gte: start, $lt: end } } },
          {
            $group: {
              _id: { organizationId: '$organizationId', type: '$sender.type', id: '$sender.id' },
              count: { $sum: 1 },
            },
          },
        ])
        .toArray();
      const byOrganization = new Map<string, DailyMessageActivity>();
      const day = start.toISOString().slice(0, 10);
      for (const g of groups) {
        const { organizationId } = g._id;
        let row = byOrganization.get(organizationId);
        if (!row) {
          row = { organizationId, day, messages: 0, visitors: [] };
          byOrganization.set(organizationId, row);
        }
        row.messages += g.count;
        if (g._id.type === 'visitor') row.visitors.push(g._id.id);
      }
      result.push(...byOrganization.values());
    }
    return result;
  }

  /**
   * The newest `SEARCH_CANDIDATES` messages holding any term (the `organization_terms` index),
   * ranked here: more distinct terms first, then more occurrences, then the newest.
   */
  async search({ organizationId, terms, limit }: MessageSearch): Promise<MessageSearchHit[]> {
    if (terms.length === 0 || limit <= 0) return [];
    const docs = await this.messages
      .find({ organizationId, terms: { $in: terms } })
      .sort({ createdAt: -1, _id: 1 })
      .limit(SEARCH_CANDIDATES)
      .toArray();
    const wanted = new Set(terms);
    const ranked = docs.map((d) => {
      const words = normalizedWords(d.body).filter((w) => wanted.has(w));
      return { d, matched: new Set(words).size, occurrences: words.length };
    });
    // A stable sort keeps the newest first among equals.
    ranked.sort((a, b) => b.matched - a.matched || b.occurrences - a.occurrences);
    return ranked.slice(0, limit).map(({ d, matched }) => ({ message: toMessage(d), matched }));
  }
}
