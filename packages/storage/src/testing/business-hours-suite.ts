import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { BusinessHoursStore } from '@flc/core';
import type { BusinessHoursPut } from '@flc/protocol/resources';

export interface BusinessHoursHarness {
  store: BusinessHoursStore;
  /** A fresh environment of a fresh organization (SQL stores need their rows first). */
  environment(): Promise<{ organizationId: string; environmentId: string }>;
  close(): Promise<void>;
}

export const sampleHours = (over: Partial<BusinessHoursPut> = {}): BusinessHoursPut => ({
  enabled: true,
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
    tue: [{ start: '09:00', end: '18:00' }],
    wed: [],
    thu: [{ start: '00:00', end: '24:00' }],
    fri: [{ start: '09:00', end: '15:30' }],
    sat: [],
    sun: [],
  },
  holidays: ['2026-12-24', '2026-12-25'],
  hideOutsideHours: true,
  awayMessage: 'We are away. We will answer by email.',
  replyTimeMinutes: 30,
  ...over,
});

/**
 * The conformance suite of the BusinessHoursStore port: PostgreSQL, PGlite and MongoDB
 * (FerretDB) run it unchanged.
 */
export function describeBusinessHoursStore(
  name: string,
  open: () => Promise<BusinessHoursHarness>,
) {
  describe(`business hours store conformance: ${name}`, () => {
    let h: BusinessHoursHarness;
    beforeAll(async () => {
      h = await open();
    }, 60_000);
    afterAll(() => h.close());

    test('never set: null', async () => {
      const e = await h.environment();
      expect(await h.store.get(e.organizationId, e.environmentId)).toBeNull();
    });

    test('put whole, read back exactly, replaced whole', async () => {
      const e = await h.environment();
      const first = await h.store.put(e.organizationId, e.environmentId, sampleHours());
      expect(first).toMatchObject(sampleHours());
      expect(Date.parse(first.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(await h.store.get(e.organizationId, e.environmentId)).toEqual(first);

      const second = sampleHours({
        enabled: false,
        timeZone: 'America/New_York',
        holidays: [],
        awayMessage: null,
        replyTimeMinutes: null,
        hideOutsideHours: false,
      });
      const saved = await h.store.put(e.organizationId, e.environmentId, second);
      expect(saved).toMatchObject(second);
      expect(await h.store.get(e.organizationId, e.environmentId)).toEqual(saved);
    });

    test('environments and organizations never see each other’s hours', async () => {
      const a = await h.environment();
      const b = await h.environment();
      const mine = await h.store.put(a.organizationId, a.environmentId, sampleHours());
      expect(await h.store.get(b.organizationId, a.environmentId)).toBeNull();
      expect(await h.store.get(a.organizationId, b.environmentId)).toBeNull();
      // Another organization cannot write over them.
      await expect(
        h.store.put(b.organizationId, a.environmentId, sampleHours({ enabled: false })),
      ).rejects.toThrow();
      await h.store.remove(b.organizationId, a.environmentId);
      expect(await h.store.get(a.organizationId, a.environmentId)).toEqual(mine);
    });

    test('remove forgets them', async () => {
      const e = await h.environment();
      await h.store.put(e.organizationId, e.environmentId, sampleHours());
      await h.store.remove(e.organizationId, e.environmentId);
      expect(await h.store.get(e.organizationId, e.environmentId)).toBeNull();
      await h.store.remove(e.organizationId, e.environmentId);
    });
  });
}
