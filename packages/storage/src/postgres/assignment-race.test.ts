import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import postgres from 'postgres';
import {
  createTestDatabase,
  type SeededTeam,
  seedContacts,
  seedTeam,
  serviceUrl,
  type TestDatabase,
} from '../testing/index.ts';
import type { Sql } from './database.ts';
import { migrate } from './migrate.ts';

// Several API processes assign at once against one PostgreSQL: 20 conversations arrive through
// 4 processes together, 3 online agents have room for 2 each. Each round holds its
// organization's advisory lock while it counts loads, so exactly 6 are assigned (2 each) and 14
// wait, whatever the interleaving; a freed slot is filled exactly once, however many sweep.
const adminUrl = serviceUrl('postgres');
const WORKER = new URL('../testing/assignment-race-worker.ts', import.meta.url).pathname;

/** A process's stdout: resolves `ready` at its first line, `done` with the rest at its end. */
function output(stream: ReadableStream<Uint8Array>) {
  let text = '';
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const done = (async () => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      text += decoder.decode(r.value, { stream: true });
      if (text.includes('ready\n')) markReady();
    }
    markReady();
    return text.slice(text.indexOf('ready\n') + 'ready\n'.length).trim();
  })();
  return { ready, done };
}

describe.skipIf(!adminUrl)('assignment race on PostgreSQL, 4 processes', () => {
  let fresh: TestDatabase;
  let sql: postgres.Sql;
  let team: SeededTeam;

  beforeAll(async () => {
    fresh = await createTestDatabase(adminUrl as string);
    sql = postgres(fresh.url, { max: 2, onnotice: () => {} });
    await migrate(sql as unknown as Sql);
    team = await seedTeam(sql as unknown as Sql, { agents: 3, capacity: 2, mode: 'least_busy' });
  }, 60_000);
  afterAll(async () => {
    await sql?.end();
    await fresh?.drop();
  });

  /** Starts 4 processes, lets them go together once all are connected; answers what they assigned. */
  async function race(work: (i: number) => string): Promise<string[]> {
    const processes = Array.from({ length: 4 }, (_, i) =>
      Bun.spawn(
        [
          process.execPath,
          WORKER,
          fresh.url,
          team.organizationId,
          team.environmentId,
          team.agentIds.join(','),
          work(i),
        ],
        { stdin: 'pipe', stdout: 'pipe', stderr: 'inherit' },
      ),
    );
    const outputs = processes.map((p) => output(p.stdout));
    await Promise.all(outputs.map((o) => o.ready));
    for (const p of processes) {
      p.stdin.write('go\n');
      await p.stdin.flush();
    }
    const results = await Promise.all(outputs.map((o) => o.done));
    expect(await Promise.all(processes.map((p) => p.exited))).toEqual([0, 0, 0, 0]);
    return results.flatMap((r) => JSON.parse(r) as string[]);
  }

  const loads = async () => {
    const rows = await sql<{ assignee_id: string | null; n: number }[]>`
      select assignee_id, count(*)::int as n from conversations
      where organization_id = ${team.organizationId} and status = 'open'
        and team_id = ${team.teamId}
      group by assignee_id`;
    return Object.fromEntries(rows.map((r) => [r.assignee_id ?? 'waiting', r.n]));
  };
  const expected = (perAgent: number[], waiting: number) => ({
    ...Object.fromEntries(team.agentIds.map((id, i) => [id, perAgent[i]])),
    waiting,
  });

  test('20 at once, 3 agents × 2: exactly 6 assigned (2 each), 14 wait; a freed slot fills once', async () => {
    const contacts = await seedContacts(sql as unknown as Sql, team, 20);
    const assigned = await race((i) => contacts.slice(i * 5, i * 5 + 5).join(','));
    expect(assigned).toHaveLength(6);
    expect(await loads()).toEqual(expected([2, 2, 2], 14));

    // One closes: sweeps from 4 processes at once (5 rounds each) give exactly one more.
    const [first] = await sql<{ id: string; assignee_id: string }[]>`
      select id, assignee_id from conversations
      where id = ${assigned[0] as string}`;
    await sql`update conversations set status = 'closed' where id = ${first?.id as string}`;
    const reassigned = await race(() => 'sweep');
    expect(reassigned).toHaveLength(1);
    expect(await loads()).toEqual(expected([2, 2, 2], 13));
  }, 60_000);
});
