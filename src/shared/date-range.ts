// A span of time as X's recent search and the archive take it: `start` inclusive, `end` exclusive
// (X's start_time / end_time), either end open. People pick whole calendar days ("From date" and
// "To date", both included) in their own time zone; these functions turn such days into instants
// and back. Pure and clock-free: "today" is always passed in. Zone and DST arithmetic is luxon's
// (a day in spring is 23 hours long in Berlin; midnight is what the person means either way).
import { DateTime } from 'luxon';
import { z } from 'zod';

export interface TimeRange {
  /** ISO instant (UTC), inclusive; null: from the beginning. */
  start: string | null;
  /** ISO instant (UTC), exclusive; null: up to now and on. */
  end: string | null;
}

/** The days a person typed: `YYYY-MM-DD` each, '' for an open end (what `<input type="date">` holds). */
export interface DayRange {
  fromDate: string;
  toDate: string;
}

/** `'local'` is the zone of the host running the code: the person's, in the renderer. */
export type Zone = string;

const instant = z.iso.datetime({ error: 'must be an ISO date and time in UTC, such as 2026-03-01T00:00:00Z' });

export const timeRangeSchema = z
  .object({ start: instant.nullable(), end: instant.nullable() })
  .strict()
  .superRefine((range, context) => {
    if (range.start === null && range.end === null) context.addIssue({ code: 'custom', message: 'A date range needs a start, an end or both' });
    if (range.start !== null && range.end !== null && Date.parse(range.start) >= Date.parse(range.end)) {
      context.addIssue({ code: 'custom', path: ['end'], message: 'A date range must end after it starts' });
    }
  });

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day `YYYY-MM-DD` as it begins in `zone`, or null when it is not a real day. */
function dayStart(date: string, zone: Zone): DateTime | null {
  if (!CALENDAR_DATE.test(date)) return null;
  const day = DateTime.fromISO(date, { zone });
  return day.isValid ? day.startOf('day') : null;
}

const utcIso = (day: DateTime): string => day.toUTC().toISO()!;

/** True for a real calendar day written `YYYY-MM-DD`. */
export const isCalendarDate = (date: string): boolean => dayStart(date, 'UTC') !== null;

/** Why the days cannot be a range, in words for the form, or null ('' days are open ends). */
export function dayRangeProblem(days: DayRange): string | null {
  const from = days.fromDate.trim();
  const to = days.toDate.trim();
  if (from !== '' && !isCalendarDate(from)) return 'The From date is not a date: write it as YYYY-MM-DD';
  if (to !== '' && !isCalendarDate(to)) return 'The To date is not a date: write it as YYYY-MM-DD';
  if (from !== '' && to !== '' && from > to) return 'The From date is after the To date';
  return null;
}

/**
 * Whole days in `zone`, both included → the instants X and the archive take: From date's midnight
 * to the midnight after To date. Null when both are empty (no range) or the days make no range.
 */
export function rangeOfDays(days: DayRange, zone: Zone = 'local'): TimeRange | null {
  if (dayRangeProblem(days) !== null) return null;
  const from = days.fromDate.trim() === '' ? null : dayStart(days.fromDate.trim(), zone);
  const to = days.toDate.trim() === '' ? null : dayStart(days.toDate.trim(), zone);
  if (!from && !to) return null;
  return { start: from ? utcIso(from) : null, end: to ? utcIso(to.plus({ days: 1 }).startOf('day')) : null };
}

/** The days a range covers in `zone` (its inverse for whole-day ranges): for a form to show again. */
export function daysOfRange(range: TimeRange | null | undefined, zone: Zone = 'local'): DayRange {
  if (!range) return { fromDate: '', toDate: '' };
  const date = (ms: number) => DateTime.fromMillis(ms, { zone }).toISODate()!;
  return {
    fromDate: range.start === null ? '' : date(Date.parse(range.start)),
    toDate: range.end === null ? '' : date(Date.parse(range.end) - 1),
  };
}

/** `YYYY-MM-DD` `days` after (or before, when negative) `date`: calendar days, whatever the zone. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Today in `zone` at `nowMs`, as `YYYY-MM-DD`. */
export const todayIn = (nowMs: number, zone: Zone = 'local'): string => DateTime.fromMillis(nowMs, { zone }).toISODate()!;

/** Whether a post made at `createdAt` (an ISO date and time) lies inside the range. */
export function inTimeRange(range: TimeRange, createdAt: string): boolean {
  const at = Date.parse(createdAt);
  if (Number.isNaN(at)) return false;
  return (range.start === null || at >= Date.parse(range.start)) && (range.end === null || at < Date.parse(range.end));
}

/** Both at once: the later start, the earlier end. An empty overlap keeps start ≥ end (matches nothing). */
export function intersectRanges(a: TimeRange | null, b: TimeRange | null): TimeRange | null {
  if (!a || !b) return a ?? b;
  const later = (x: string | null, y: string | null) => (x === null ? y : y === null ? x : Date.parse(x) >= Date.parse(y) ? x : y);
  const earlier = (x: string | null, y: string | null) => (x === null ? y : y === null ? x : Date.parse(x) <= Date.parse(y) ? x : y);
  return { start: later(a.start, b.start), end: earlier(a.end, b.end) };
}

/** "3 Mar 2026 – 5 Mar 2026", "from 3 Mar 2026", "until 5 Mar 2026": the days, as people read them. */
export function describeDays(days: DayRange, locale?: string): string {
  const show = (date: string) => DateTime.fromISO(date, { zone: 'UTC', ...(locale ? { locale } : {}) }).toLocaleString(DateTime.DATE_MED);
  const from = days.fromDate.trim();
  const to = days.toDate.trim();
  if (from && to) return from === to ? `on ${show(from)}` : `${show(from)} – ${show(to)}`;
  if (from) return `from ${show(from)}`;
  if (to) return `until ${show(to)}`;
  return '';
}
