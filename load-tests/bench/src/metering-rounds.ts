/**
 * What one usage metering round costs at many tenants: seeds N tenants (default 5,000; `--tenants
 * 50000`) with a conversation and messages today in a scratch PostgreSQL started the way the bench
 * starts it, then times rounds and PostgreSQL's CPU (postmaster and backends): the first round
 * (every row new), a steady round (nothing changed), and a round after a few tenants wrote.
 *
 *   bun load-tests/bench/src/metering-rounds.ts [--tenants 5000] [--changed 10]
 */
import { parseArgs } from 'node:util';
import {
  migrate,
  openDatabase,
  PostgresMessageStore,
  PostgresUsageRollup,
} from '@flc/storage/postgres';
import { Teardown } from '../../../scripts/test-services/teardown.ts';
import { cpuMeter } from './proc-stats.ts';
import { startServices } from './services.ts';

const { values } = parseArgs({
  options: {
    tenants: { type: 'string', default: '5000' },
    changed: { type: 'string', default: '10' },
  },
});
const tenants = Number(values.tenants);
const changed = Number(values.changed);
const teardown = new Teardown();
try {
  const services = await startServices(teardown, true);
  const db = await openDatabase({ databaseUrl: services.postgresUrl as string });
  teardown.add(() => db.close());
  const { sql } = db;
  await migrate(sql);
  const t0 = performance.now();
  // One set-based seed: per tenant an environment, a contact, a conversation and 5 messages today.
  await sql`
    create temp table seed as
    select gen_random_uuid() as org, gen_random_uuid() as env, gen_random_uuid() as contact,
      gen_random_uuid() as conv, i from generate_series(1, ${tenants}) i`;
  await sql`insert into organizations (id, name, created_at)
    select org, 'Tenant ' || i, now() - interval '30 days' from seed`;
  await sql`insert into environments (id, organization_id, name, plugin_key, identity_secret)
    select env, org, 'Production', 'pk_' || env, 'secret' from seed`;
  await sql`insert into contacts (id, organization_id, environment_id, name)
    select contact, org, env, 'Visitor' from seed`;
  await sql`insert into conversations (id, organization_id, environment_id, contact_id)
    select conv, org, env, contact from seed`;
  await sql`insert into messages (id, organization_id, conversation_id, seq, sender_type,
      sender_id, body, created_at)
    select gen_random_uuid(), org, conv, s, 'visitor', contact::text, 'hello', now()
    from seed, generate_series(1, 5) s`;
  await sql`analyze`;
  console.log(`seeded ${tenants} tenants in ${Math.round(performance.now() - t0)} ms`);

  const rollup = new PostgresUsageRollup(sql, {
    messages: new PostgresMessageStore(sql),
    graceMs: 3_600_000,
    report: false,
  });
  const measure = async (label: string) => {
    const cpu = cpuMeter(services.postgresPid, true);
    const start = performance.now();
    await rollup.round();
    const ms = performance.now() - start;
    const percent = cpu(true) ?? 0;
    const cpuMs = (percent / 100) * ms;
    console.log(
      `${label.padEnd(34)} wall ${ms.toFixed(0).padStart(6)} ms   PostgreSQL CPU ${cpuMs.toFixed(0).padStart(6)} ms`,
    );
  };
  await measure('first round (every row new)');
  await measure('steady round (nothing changed)');
  await measure('steady round again');
  await sql`insert into messages (id, organization_id, conversation_id, seq, sender_type,
      sender_id, body, created_at)
    select gen_random_uuid(), org, conv, 100, 'visitor', contact::text, 'again', now()
    from seed where i <= ${changed}`;
  await measure(`round after ${changed} tenants wrote`);
  const [rows] = await sql<{ n: number }[]>`select count(*)::int as n from usage_daily`;
  console.log(`usage_daily rows: ${rows?.n}`);
} finally {
  await teardown.run();
}
