import { type CannedResponse, CannedResponseScope } from '@flc/protocol/resources';
import { t } from 'elysia';
import { badRequest } from '../../lib/errors.ts';
import { ListQuery } from '../../lib/models.ts';

export const CannedResponsesQuery = t.Composite([
  ListQuery,
  t.Object({
    q: t.Optional(
      t.String({
        maxLength: 100,
        description: 'Only those whose shortcut or title holds this text, ignoring case',
      }),
    ),
    scope: t.Optional(CannedResponseScope),
  }),
]);
export type CannedResponsesQuery = typeof CannedResponsesQuery.static;

export interface CannedResponseRow {
  id: string;
  agent_id: string | null;
  shortcut: string;
  title: string;
  body: string;
  author_kind: 'agent' | 'api_key';
  author_id: string;
  author_name: string;
  created_at: Date;
  updated_at: Date;
}

export const cannedResponseColumns =
  'id, agent_id, shortcut, title, body, author_kind, author_id, author_name, created_at, updated_at';

export const toCannedResponse = (r: CannedResponseRow): CannedResponse => ({
  id: r.id,
  scope: r.agent_id === null ? 'organization' : 'personal',
  agentId: r.agent_id,
  shortcut: r.shortcut,
  title: r.title,
  body: r.body,
  author: { type: r.author_kind, id: r.author_id, name: r.author_name },
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const lowerShortcut = /^[a-z0-9_-]{1,32}$/;

/** Lists go by shortcut (ignoring case), then id: the cursor is that pair, opaque to clients. */
export const shortcutKey = (row: CannedResponseRow) => `${row.shortcut.toLowerCase()}|${row.id}`;

export function decodeShortcutCursor(cursor: string | undefined) {
  if (!cursor) return null;
  const [shortcut = '', id = '', ...rest] = Buffer.from(cursor, 'base64url')
    .toString('utf8')
    .split('|');
  if (rest.length > 0 || !lowerShortcut.test(shortcut) || !uuidShape.test(id)) {
    throw badRequest('Invalid cursor');
  }
  return { shortcut, id };
}
