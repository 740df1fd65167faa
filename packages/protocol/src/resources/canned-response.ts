import { type Static, Type as T } from '@sinclair/typebox';
import {
  CANNED_SHORTCUT_PATTERN,
  CANNED_TITLE_MAX,
  templateVariables,
} from '../canned-templates.ts';
import { limits } from '../codes.ts';
import { Id, Nullable, Timestamp } from './common.ts';

/** Canned responses: saved replies agents insert in the composer by typing `/shortcut`. */

const variablesNote = `Variables: ${templateVariables.map((v) => `\`{{${v}}}\``).join(', ')}; \`{{name|fallback}}\` uses the fallback when the value is missing (else nothing). Any other \`{{…}}\` is refused (422, listing them).`;

export const CannedResponseScope = T.Union([T.Literal('organization'), T.Literal('personal')], {
  description:
    '`organization`: every agent of the organization sees it, owners, admins and API keys manage it; `personal`: only its agent sees and manages it',
});
export type CannedResponseScope = Static<typeof CannedResponseScope>;

const Shortcut = T.String({
  pattern: CANNED_SHORTCUT_PATTERN,
  description:
    'Typed after `/` in the composer: 1–32 letters, digits, `-` or `_`. Unique, ignoring case, among the organization-wide responses, and among each agent’s personal ones',
});
const Title = T.String({ minLength: 1, maxLength: CANNED_TITLE_MAX });
const Body = T.String({ minLength: 1, maxLength: limits.maxBodyChars, description: variablesNote });

export const CannedResponse = T.Object({
  id: Id,
  scope: CannedResponseScope,
  agentId: Nullable(Id, { description: 'The agent a personal response belongs to' }),
  shortcut: T.String(),
  title: T.String(),
  body: T.String({ description: 'The text with its variables, as saved' }),
  author: T.Object(
    {
      type: T.Union([T.Literal('agent'), T.Literal('api_key')]),
      id: Id,
      name: T.String({ description: 'The name at the time' }),
    },
    { description: 'Who created it' },
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CannedResponse = Static<typeof CannedResponse>;

export const CannedResponseCreate = T.Object({
  scope: CannedResponseScope,
  shortcut: Shortcut,
  title: Title,
  body: Body,
});
export type CannedResponseCreate = Static<typeof CannedResponseCreate>;

/** The scope stays what it was created with. */
export const CannedResponsePatch = T.Object({
  shortcut: T.Optional(Shortcut),
  title: T.Optional(Title),
  body: T.Optional(Body),
});
export type CannedResponsePatch = Static<typeof CannedResponsePatch>;
