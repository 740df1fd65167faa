import type { BusinessHours, BusinessHoursPut } from '@flc/protocol/resources';

/** An environment's business hours as stored: what was put, and when. */
export type StoredBusinessHours = BusinessHoursPut & { updatedAt: string };

/**
 * Where environments keep their business hours. Every read and write names the organization
 * too: another organization's environment reads as never set and is never written. Adapters:
 * PostgreSQL (also PGlite) and MongoDB; both pass one conformance suite.
 */
export interface BusinessHoursStore {
  /** The environment's hours, or null when never set (or not the organization's). */
  get(organizationId: string, environmentId: string): Promise<StoredBusinessHours | null>;
  /** Replaces them whole; answers them as stored. */
  put(
    organizationId: string,
    environmentId: string,
    hours: BusinessHoursPut,
  ): Promise<StoredBusinessHours>;
  /** Forgets them (the environment is being deleted). */
  remove(organizationId: string, environmentId: string): Promise<void>;
}

/** Hours never set: no hours, always open, nothing said. */
export const unsetBusinessHours = (): BusinessHours => ({
  enabled: false,
  timeZone: 'UTC',
  weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
  hideOutsideHours: false,
  awayMessage: null,
  replyTimeMinutes: null,
  updatedAt: null,
});
