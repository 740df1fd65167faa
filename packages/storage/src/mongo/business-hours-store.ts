import type { BusinessHoursStore, StoredBusinessHours } from '@flc/core';
import type { BusinessHoursPut } from '@flc/protocol/resources';
import type { Collection, Db } from 'mongodb';

/** One environment's hours in the `business_hours` collection; `_id` is the environment's id. */
export interface BusinessHoursDocument extends BusinessHoursPut {
  _id: string;
  organizationId: string;
  updatedAt: Date;
}

const toHours = ({ _id: _env, organizationId: _org, updatedAt, ...rest }: BusinessHoursDocument) =>
  ({ ...rest, updatedAt: updatedAt.toISOString() }) satisfies StoredBusinessHours;

/**
 * Business hours on MongoDB (or FerretDB). Each document names its organization and every query
 * filters by it, so another organization's environment id reads as unset and writes nothing.
 */
export class MongoBusinessHoursStore implements BusinessHoursStore {
  private readonly hours: Collection<BusinessHoursDocument>;

  constructor(db: Db) {
    this.hours = db.collection<BusinessHoursDocument>('business_hours');
  }

  async get(organizationId: string, environmentId: string) {
    const doc = await this.hours.findOne({ _id: environmentId, organizationId });
    return doc ? toHours(doc) : null;
  }

  async put(organizationId: string, environmentId: string, h: BusinessHoursPut) {
    const doc: BusinessHoursDocument = {
      _id: environmentId,
      organizationId,
      enabled: h.enabled,
      timeZone: h.timeZone,
      weekly: h.weekly,
      holidays: h.holidays,
      hideOutsideHours: h.hideOutsideHours,
      awayMessage: h.awayMessage,
      replyTimeMinutes: h.replyTimeMinutes,
      updatedAt: new Date(),
    };
    const taken = await this.hours.findOne(
      { _id: environmentId },
      { projection: { _id: 1, organizationId: 1 } },
    );
    if (taken && taken.organizationId !== organizationId) {
      throw new Error(`no environment ${environmentId} in organization ${organizationId}`);
    }
    await this.hours.replaceOne({ _id: environmentId, organizationId }, doc, { upsert: true });
    return toHours(doc);
  }

  async remove(organizationId: string, environmentId: string) {
    await this.hours.deleteOne({ _id: environmentId, organizationId });
  }
}
