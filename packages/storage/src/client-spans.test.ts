import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { traced } from '@flc/telemetry';
import { collectSpans, type SpanCollector } from '@flc/telemetry/testing';
import { openMongoMessageStore } from './mongo/open.ts';
import { openRedis } from './redis/server.ts';
import { mongoTarget, pgliteTarget, postgresTarget, redisTestServers } from './testing/index.ts';

// With tracing on, every database statement and Redis command made for some traced work is a
// span under that work's span, named by what it is and never carrying its parameters; made
// outside any span, none. The clients are wrapped only when tracing is on (checked by
// load-tests/bench/client-spans.ts for the cost, not here).
let collector: SpanCollector;
beforeAll(async () => {
  collector = await collectSpans();
});
afterAll(() => collector.stop());

const secret = 'parameter-never-in-a-span';

/** The spans under `root` (by name), as `name` => attributes; checks no value leaks `secret`. */
function childrenOf(root: string) {
  const spans = collector.spans();
  const parent = spans.find((s) => s.name === root);
  expect(parent).toBeDefined();
  const children = spans.filter((s) => s.parentSpanId === parent?.spanId);
  for (const s of spans) expect(JSON.stringify(s.attributes)).not.toContain(secret);
  return children;
}

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  test(`a statement on ${target.name}: one span under the active one`, async () => {
    collector.reset();
    const db = await target.open();
    try {
      await db.sql`select id from organizations where name = ${secret}`; // not in any span
      await traced('work', {}, async () => {
        await db.sql`select id from organizations where name = ${secret}`;
        await db.sql.begin(async (tx) => {
          await tx`update organizations set name = ${secret} where false`;
        });
        await db.sql.unsafe('delete from organizations where name = $1', [secret]);
        await expect(db.sql`select * from no_such_table`).rejects.toThrow();
      });
      const children = childrenOf('work');
      expect(children.map((s) => s.name)).toEqual([
        'SELECT organizations',
        'UPDATE organizations',
        'DELETE organizations',
        'SELECT no_such_table',
      ]);
      expect(children[0]?.attributes).toMatchObject({
        'db.system': 'postgresql',
        'db.operation': 'SELECT',
        'db.collection.name': 'organizations',
      });
      expect(children.map((s) => s.failed)).toEqual([false, false, false, true]);
      expect(collector.spans()).toHaveLength(children.length + 1);
    } finally {
      await db.close();
    }
  }, 60_000);
}

for (const redis of redisTestServers()) {
  describe(`commands on ${redis.name}`, () => {
    const settings = redis.settings();
    let context: ReturnType<typeof openRedis>;
    // Opened once tracing is on (the clients are wrapped only then).
    beforeAll(() => {
      context = openRedis(settings, 'spans');
    });
    afterAll(async () => {
      await context.close();
      await redis.drop(settings.prefix ?? '');
    });

    test('one span each under the active one, one per pipeline, the script by name', async () => {
      collector.reset();
      const key = `${settings.prefix}:{spans}:${secret}`;
      await context.commands.get(key); // not in any span
      await traced('work', {}, async () => {
        await context.commands.set(key, secret);
        const pipeline = context.commands.pipeline();
        pipeline.incr(`${key}:n`).get(`${key}:n`);
        await pipeline.exec();
        await context.commands.flcReleaseLease(key, secret);
      });
      const children = childrenOf('work');
      expect(children.map((s) => s.name)).toEqual(['SET', 'PIPELINE', 'EVALSHA']);
      expect(children[1]?.attributes).toMatchObject({
        'db.system': 'redis',
        'db.operation.batch.size': 2,
      });
      expect(children[2]?.attributes).toMatchObject({ 'flc.redis.script': 'flcReleaseLease' });
      expect(collector.spans()).toHaveLength(4);
    });

    test('commands of one tick (auto-pipelined) each under their own caller', async () => {
      collector.reset();
      const key = `${settings.prefix}:{spans}:tick`;
      await Promise.all(
        ['a', 'b', 'c'].map((name) =>
          traced(name, {}, () => context.commands.incr(`${key}:${name}`)),
        ),
      );
      for (const name of ['a', 'b', 'c']) {
        expect(childrenOf(name).map((s) => s.name)).toEqual(['INCR']);
      }
    });
  });
}

const mongo = mongoTarget();
if (mongo) {
  test('a MongoDB command: one span under the active one', async () => {
    const database = mongo.create();
    const handle = await openMongoMessageStore({ url: database.url, database: database.database });
    try {
      collector.reset();
      await handle.ping(); // not in any span
      await traced('work', {}, () => handle.store.ensureIndexes());
      const children = childrenOf('work');
      expect(children.length).toBeGreaterThan(0);
      expect(children.map((s) => s.name)).toContain('createIndexes messages');
      expect(children[0]?.attributes).toMatchObject({
        'db.system': 'mongodb',
        'db.collection.name': 'messages',
      });
      expect(collector.spans()).toHaveLength(children.length + 1);
    } finally {
      await handle.close();
      await database.drop();
    }
  }, 60_000);
}
