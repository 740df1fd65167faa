/**
 * `bun run bench:reports [--messages 1000000] [--repeat 5] [--database-url URL]`: seeds one
 * organization with a year of conversations and `messages` messages straight into PostgreSQL
 * (generate_series, not the API), then times each report query the console sends. Without
 * `--database-url` (or BENCH_DATABASE_URL) a private PostgreSQL server is started on a free
 * loopback port, as `bun run test` does, and removed afterwards; with one, a database is created
 * on that server for the run and dropped after it.
 */
import { parseArgs } from 'node:util';
import { migrate, openDatabase } from '@flc/storage/postgres';
import { createTestDatabase } from '@flc/storage/testing';
import { postgres } from '../../../../scripts/test-services/postgres.ts';
import { Teardown } from '../../../../scripts/test-services/teardown.ts';
import { formatTimings, timeReportQueries } from './run.ts';
import { seedReportTenant } from './seed.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: process.env.BENCH_MESSAGES ?? '1000000' },
    repeat: { type: 'string', default: process.env.BENCH_REPEAT ?? '5' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL },
  },
});
const messages = Number(values.messages);
const repeat = Number(values.repeat);
if (!Number.isInteger(messages) || messages < 10 || !Number.isInteger(repeat) || repeat < 1) {
  console.error('--messages must be an integer ≥ 10 and --repeat one ≥ 1');
  process.exit(2);
}

const teardown = new Teardown();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void teardown.run().then(() => process.exit(130)));
}
try {
  const adminUrl = values['database-url'] ?? (await postgres.start(teardown));
  const fresh = await createTestDatabase(adminUrl, 'flc_reports_bench');
  teardown.add(fresh.drop);
  const db = await openDatabase({ databaseUrl: fresh.url, max: 2 });
  teardown.add(db.close);
  await migrate(db.sql);
  const t0 = performance.now();
  const tenant = await seedReportTenant(db.sql, messages);
  console.log(`[bench:reports] seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const timings = await timeReportQueries(db.sql, tenant, repeat);
  for (const line of formatTimings(tenant, timings, 'PostgreSQL')) console.log(line);
} finally {
  await teardown.run();
}
