// One process of the assignment race (postgres/assignment-race.test.ts): opens its visitors'
// conversations and runs an assignment round for each, all at once, once told to go; or, with
// `sweep`, runs rounds for the whole organization. Prints the ids it assigned, as JSON.
import { PostgresAssigner } from '../postgres/assigner.ts';
import { PostgresConversationChanges } from '../postgres/conversation-changes.ts';
import { openDatabase } from '../postgres/database.ts';

const [url, organizationId, environmentId, online, contacts] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const db = await openDatabase({ databaseUrl: url, max: 5 });
const assigner = new PostgresAssigner(db.sql);
const changes = new PostgresConversationChanges(db.sql);
const present = new Set(online.split(','));
console.log('ready');
for await (const line of console) if (line === 'go') break;

const assigned: string[] = [];
const work =
  contacts === 'sweep'
    ? Array.from({ length: 5 }, () => assigner.assign(organizationId, present))
    : contacts.split(',').map(async (id) => {
        const row = await changes.open({ id, organizationId, environmentId }, 10);
        return assigner.assign(organizationId, present, [row.id]);
      });
for (const rows of await Promise.all(work)) assigned.push(...rows.map((r) => r.id));
console.log(JSON.stringify(assigned));
await db.close();
