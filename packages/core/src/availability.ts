import type { BusinessHoursPut, WidgetAvailability } from '@flc/protocol/resources';
import { isOpen, nextOpenAt } from './business-hours.ts';

/** An environment's business hours as availability reads them. */
export type AvailabilityHours = Pick<
  BusinessHoursPut,
  'enabled' | 'timeZone' | 'weekly' | 'holidays' | 'hideOutsideHours' | 'replyTimeMinutes'
>;

/**
 * Whether anyone can answer a visitor at `now`: `online` when an agent is (whatever the hours),
 * else `away` within business hours (or without any) and `closed` outside them, with when they
 * open next. `hidden` when the environment hides the widget while closed.
 */
export function availabilityOf(
  hours: AvailabilityHours | null,
  agentOnline: boolean,
  now: Date,
): WidgetAvailability {
  const reply = hours?.replyTimeMinutes ? { replyTimeMinutes: hours.replyTimeMinutes } : {};
  if (agentOnline) return { state: 'online', ...reply };
  if (!hours || isOpen(hours, now)) return { state: 'away', ...reply };
  const next = nextOpenAt(hours, now);
  return {
    state: 'closed',
    ...(next && { nextOpenAt: next.toISOString() }),
    ...reply,
    ...(hours.hideOutsideHours && { hidden: true }),
  };
}
