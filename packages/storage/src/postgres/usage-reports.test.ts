import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startUsageMetering, verifyWebhook } from '@flc/core';
import { pgliteTarget, postgresTarget, seedConversation } from '../testing/index.ts';
import type { Database } from './database.ts';
import { PostgresMessageStore } from './message-store.ts';
import { PostgresUsageReports } from './usage-reports.ts';
import { PostgresUsageRollup } from './usage-rollup.ts';

const SECRET = 'whsec_usage_billing_secret';
/** Past the end of 2024-05-10 by more than the hour's grace: that day closes. */
const closing = new Date('2024-05-11T01:30:00Z');

interface Received {
  body: string;
  eventId: string | null;
  type: string | null;
  timestamp: string | null;
  signature: string | null;
}

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`usage.daily reports on ${target.name}`, () => {
    let db: Database;
    const received: Received[] = [];
    let failNext = 0;
    // A real receiver, as the billing system's endpoint: it answers 500 while told to.
    const receiver = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      async fetch(request) {
        const headers = request.headers;
        received.push({
          body: await request.text(),
          eventId: headers.get('x-flc-event-id'),
          type: headers.get('x-flc-event-type'),
          timestamp: headers.get('x-flc-timestamp'),
          signature: headers.get('x-flc-signature'),
        });
        if (failNext > 0) {
          failNext -= 1;
          return new Response('down', { status: 500 });
        }
        return new Response(null, { status: 204 });
      },
    });
    const metering = () =>
      startUsageMetering({
        rollup: {
          round: () =>
            new PostgresUsageRollup(db.sql, {
              messages: new PostgresMessageStore(db.sql),
              graceMs: 3_600_000,
              report: true,
            }).round(closing),
        },
        // Rounds run by tick() only.
        everyMs: 3_600_000,
        webhook: {
          url: receiver.url.href,
          secret: SECRET,
          queue: new PostgresUsageReports(db.sql),
        },
      });

    beforeAll(async () => {
      db = await target.open();
      const c = await seedConversation(db.sql);
      await db.sql`update organizations set created_at = '2024-01-01'`;
      await new PostgresMessageStore(db.sql).insert([
        {
          id: Bun.randomUUIDv7(),
          organizationId: c.organizationId,
          conversationId: c.conversationId,
          seq: 1,
          sender: { type: 'visitor', id: c.contactId },
          body: 'Hello',
          createdAt: '2024-05-10T09:00:00.000Z',
        },
      ]);
    }, 60_000);
    afterAll(async () => {
      await receiver.stop(true);
      await db.close();
    });

    test('each closed tenant-day is sent once, signed, even by two processes at once', async () => {
      const [one, two] = [metering(), metering()];
      await Promise.all([one.tick(), two.tick()]);
      await Promise.all([one.tick(), two.tick()]);
      await Promise.all([one.stop(), two.stop()]);
      // 2024-05-10 of the one tenant, once (the first round starts from the day before today).
      expect(received).toHaveLength(1);
      const events = received.map((r) => JSON.parse(r.body));
      expect(events.map((e) => e.data.day)).toEqual(['2024-05-10']);
      for (const [i, r] of received.entries()) {
        // The shape of UsageDailyEvent (@flc/protocol), in its key order.
        expect(Object.keys(events[i])).toEqual(['id', 'type', 'createdAt', 'data']);
        expect(Object.keys(events[i].data).sort()).toEqual(
          [
            'organizationId',
            'day',
            'messages',
            'activeVisitors',
            'agentSeats',
            'storageBytes',
            'webhookDeliveries',
            'closedAt',
          ].sort(),
        );
        expect(r.type).toBe('usage.daily');
        expect(r.eventId).toBe(events[i].id);
        expect(await verifyWebhook({ secret: SECRET, ...r })).toBe(true);
        expect(await verifyWebhook({ secret: 'whsec_someone_else', ...r })).toBe(false);
      }
      const day = events.find((e) => e.data.day === '2024-05-10');
      expect(day.data).toMatchObject({ messages: 1, activeVisitors: 1, agentSeats: 0 });
    });

    test('a refused delivery is retried later with the same event id', async () => {
      // A third day closes a day later: its report meets a receiver that is down.
      received.length = 0;
      failNext = 1;
      const later = startUsageMetering({
        rollup: {
          round: () =>
            new PostgresUsageRollup(db.sql, {
              messages: new PostgresMessageStore(db.sql),
              graceMs: 3_600_000,
              report: true,
            }).round(new Date('2024-05-12T01:30:00Z')),
        },
        everyMs: 3_600_000,
        webhook: {
          url: receiver.url.href,
          secret: SECRET,
          queue: new PostgresUsageReports(db.sql),
        },
      });
      await later.tick();
      expect(received).toHaveLength(1);
      const [failed] = await db.sql<
        { status: string; last_status_code: number; attempts: number }[]
      >`
        select status, last_status_code, attempts from usage_reports where day = '2024-05-11'`;
      expect(failed).toEqual({ status: 'pending', last_status_code: 500, attempts: 1 });
      // Not due yet: another round sends nothing.
      await later.tick();
      expect(received).toHaveLength(1);
      await db.sql`update usage_reports set next_attempt_at = now() where day = '2024-05-11'`;
      await later.tick();
      await later.stop();
      expect(received).toHaveLength(2);
      expect(received[1]?.eventId).toBe(received[0]?.eventId ?? 'missing');
      expect(received[1]?.body).toBe(received[0]?.body ?? 'missing');
      const [done] = await db.sql<{ status: string }[]>`
        select status from usage_reports where day = '2024-05-11'`;
      expect(done?.status).toBe('delivered');
    });
  });
}
