/** The report's filters, kept in the URL (`?from=&to=&tz=&env=`) so a link or a reload keeps them. */
export interface ReportFilters {
  from: string;
  to: string;
  timeZone: string;
  environmentId: string | null;
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The API's limit on a range. */
export const MAX_DAYS = 366;

/** The browser's time zone, which the console's days are counted in unless the URL says. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** Today in `timeZone`, as `YYYY-MM-DD`. */
export function today(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(now);
}

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The filters the URL holds; anything missing or malformed is the default (the last 30 days). */
export function readFilters(
  search: URLSearchParams,
  now = new Date(),
  zone = browserTimeZone(),
): ReportFilters {
  const tz = search.get('tz');
  const timeZone = tz && timeZones().includes(tz) ? tz : zone;
  const wantedTo = search.get('to');
  const to = wantedTo && DATE.test(wantedTo) ? wantedTo : today(timeZone, now);
  const wantedFrom = search.get('from');
  const from =
    wantedFrom && DATE.test(wantedFrom) && wantedFrom <= to ? wantedFrom : addDays(to, -29);
  return { from, to, timeZone, environmentId: search.get('env') || null };
}

/** The URL's search for these filters. */
export function filtersSearch(f: ReportFilters): string {
  const params = new URLSearchParams({ from: f.from, to: f.to, tz: f.timeZone });
  if (f.environmentId) params.set('env', f.environmentId);
  return `?${params}`;
}

/** What the API takes. */
export const reportQuery = (f: ReportFilters) => ({
  from: f.from,
  to: f.to,
  timeZone: f.timeZone,
  environmentId: f.environmentId ?? undefined,
});

/** A problem with a range the form is about to ask for, or null. */
export function rangeProblem(from: string, to: string): 'order' | 'length' | null {
  if (from > to) return 'order';
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  return days > MAX_DAYS ? 'length' : null;
}
