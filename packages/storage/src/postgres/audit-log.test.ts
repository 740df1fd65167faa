import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { pgliteTarget, postgresTarget } from '../testing/index.ts';
import { REDACTED, recordAudit, systemActor } from './audit-log.ts';
import type { Database, JsonValue } from './database.ts';

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`recordAudit on ${target.name}`, () => {
    let db: Database;
    const org = Bun.randomUUIDv7();
    beforeAll(async () => {
      db = await target.open();
      await db.sql`insert into organizations (id, name) values (${org}, 'Acme')`;
    }, 60_000);
    afterAll(() => db.close());

    const count = async () =>
      (
        await db.sql<{ n: number }[]>`
        select count(*)::int as n from audit_events where organization_id = ${org}`
      )[0]?.n;

    test('writes one row with the actor, target, origin (clipped) and details', async () => {
      await recordAudit(db.sql, {
        actor: { kind: 'agent', id: org, label: 'A'.repeat(500) },
        origin: { ip: '198.51.100.1', userAgent: 'U'.repeat(500) },
        organizationId: org,
        action: 'agent.role_changed',
        target: { type: 'agent', id: org },
        details: { role: { before: 'agent', after: 'admin' } },
      });
      const [row] = await db.sql`
        select actor_kind, actor_label, action, target_type, ip, user_agent, details
        from audit_events where organization_id = ${org}`;
      expect(row).toEqual({
        actor_kind: 'agent',
        actor_label: 'A'.repeat(200),
        action: 'agent.role_changed',
        target_type: 'agent',
        ip: '198.51.100.1',
        user_agent: 'U'.repeat(200),
        details: { role: { before: 'agent', after: 'admin' } },
      });
    });

    test('refuses details named like a credential, and malformed actions', async () => {
      const before = await count();
      const entry = { actor: systemActor, organizationId: org, action: 'webhook.created' };
      const refused: Record<string, JsonValue>[] = [
        { signingSecret: 'x' },
        { nested: { refreshToken: 'x' } },
        { password: 'x' },
        { body: 'a message' },
      ];
      for (const details of refused) {
        await expect(recordAudit(db.sql, { ...entry, details })).rejects.toThrow();
      }
      for (const action of ['Webhook.Created', 'nodot', 'a..b', "x.y'; drop table x"]) {
        await expect(recordAudit(db.sql, { ...entry, action })).rejects.toThrow();
      }
      expect(await count()).toBe(before);
    });

    test('values shaped like a credential are blanked, the rest kept', async () => {
      await recordAudit(db.sql, {
        actor: { kind: 'agent', id: null, label: 'whsec_label' },
        organizationId: org,
        action: 'thing.redacted',
        details: {
          name: 'flc_sk_typed_by_a_user',
          list: ['ok', 'whsec_abc', 'b'.repeat(64)],
          nested: { rt: 'flc_rt_abc', count: 3 },
        },
      });
      const [row] = await db.sql`
        select actor_label, details from audit_events
        where action = 'thing.redacted' and organization_id = ${org}`;
      expect(row?.actor_label).toBe(REDACTED);
      expect(row?.details).toEqual({
        name: REDACTED,
        list: ['ok', REDACTED, REDACTED],
        nested: { rt: REDACTED, count: 3 },
      });
    });

    test('an event that cannot be written takes its action down with it', async () => {
      const name = `Renamed ${crypto.randomUUID()}`;
      await expect(
        db.sql.begin(async (tx) => {
          await tx`update organizations set name = ${name} where id = ${org}`;
          await recordAudit(tx, {
            actor: systemActor,
            organizationId: org,
            action: 'organization.renamed',
            details: { apiSecret: 'oops' },
          });
        }),
      ).rejects.toThrow();
      const [row] = await db.sql`select name from organizations where id = ${org}`;
      expect(row?.name).toBe('Acme');
    });

    test('UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
      const before = await count();
      expect(before).toBeGreaterThan(0);
      await expect(db.sql`update audit_events set actor_label = 'someone else'`).rejects.toThrow(
        /append-only: UPDATE refused/,
      );
      await expect(db.sql`delete from audit_events`).rejects.toThrow(/append-only: DELETE refused/);
      await expect(db.sql`truncate audit_events`).rejects.toThrow(/append-only: TRUNCATE refused/);
      expect(await count()).toBe(before);
    });
  });
}
