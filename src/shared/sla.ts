// Service-level targets of a brand handle: how long a customer may wait for a first or next reply,
// counted in the handle's working time (its business hours and holidays, in its own time zone).
// Pure and host-free, so the hub and the UI compute the same clock. Time-zone and DST arithmetic is
// luxon's; this module only walks calendar days and adds up open intervals.

import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** The longest stretch of calendar `addBusinessMillis` walks before it gives up (ten years). */
export const SLA_SEARCH_DAYS = 3_660;
/** The longest range `businessMillisBetween` measures (a century), so bad input cannot stall it. */
export const SLA_MAX_RANGE_DAYS = 36_600;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: (issue) => `Times must be written HH:MM, 00:00 to 24:00 (got ${JSON.stringify(issue.input)})` });

const minutesOfDay = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const openingSchema = z
  .object({ start: clockTime, end: clockTime })
  .superRefine((opening, context) => {
    if (minutesOfDay(opening.start) >= minutesOfDay(opening.end)) {
      context.addIssue({ code: 'custom', path: ['end'], message: `Business hours must end after they start (${opening.start}–${opening.end})` });
    }
  });

const daySchema = z.array(openingSchema, { error: 'Business hours need a list for each day, mon to sun (an empty list means closed)' }).refine(
  (openings) => openings.every((opening, index) => index === 0 || minutesOfDay(opening.start) >= minutesOfDay(openings[index - 1]!.end)),
  'Business hours of a day must be listed in order and must not overlap',
);

const businessHoursSchema = z.object(
  { mon: daySchema, tue: daySchema, wed: daySchema, thu: daySchema, fri: daySchema, sat: daySchema, sun: daySchema },
  { error: 'Business hours must be null (open around the clock) or a list of hours for each day, mon to sun' },
);

const holidaySchema = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid, {
    error: (issue) => `Holidays must be calendar dates written YYYY-MM-DD (got ${JSON.stringify(issue.input)})`,
  });

const targetMinutes = (what: string) =>
  z
    .number({ error: `${what} must be a number of minutes` })
    .int(`${what} must be a whole number of minutes`)
    .min(1, `${what} must be at least 1 minute`)
    .max(100_800, `${what} must be at most 100800 minutes (70 days)`);

export const slaPolicySchema = z.object({
  firstResponseMinutes: targetMinutes('The first-response target'),
  nextResponseMinutes: targetMinutes('The next-response target'),
  warnBeforeMinutes: z
    .number({ error: 'The warning lead must be a number of minutes' })
    .int('The warning lead must be a whole number of minutes')
    .min(0, 'The warning lead cannot be negative')
    .max(1_440, 'The warning lead must be at most 1440 minutes (one day)')
    .default(15),
  timeZone: z.string({ error: 'The time zone must be an IANA zone name such as Europe/Berlin' }).refine((zone) => IANAZone.isValidZone(zone), {
    error: (issue) => `Unknown time zone ${JSON.stringify(issue.input)}: use an IANA zone name such as Europe/Berlin`,
  }),
  /** null: open around the clock. */
  businessHours: businessHoursSchema.nullable(),
  /** Whole days closed, as dates in `timeZone`. They apply to around-the-clock policies too. */
  holidays: z.array(holidaySchema),
});

export type SlaPolicy = z.output<typeof slaPolicySchema>;
export type SlaPolicyInput = z.input<typeof slaPolicySchema>;

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  firstResponseMinutes: 60,
  nextResponseMinutes: 240,
  warnBeforeMinutes: 15,
  timeZone: 'UTC',
  businessHours: null,
  holidays: [],
};

interface Span {
  from: number;
  to: number;
}

function requireInstant(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite time in milliseconds (got ${value})`);
}

function hasOpenHours({ businessHours }: SlaPolicy): boolean {
  return businessHours === null || WEEKDAYS.some((day) => businessHours[day].length > 0);
}

/** The instant a local clock time of `day` falls on; luxon moves times skipped by DST forward. */
function instantOf(day: DateTime, time: string): number {
  if (time === '24:00') return day.plus({ days: 1 }).startOf('day').toMillis();
  const minutes = minutesOfDay(time);
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: day.zone },
  ).toMillis();
}

/**
 * The open stretches of working time from `from` on, in order, clipped to [from, until), with the
 * `closed` spans (sorted by start, may overlap) cut out. Stops at `until`, or after SLA_SEARCH_DAYS days when
 * `until` is Infinity.
 */
function* openSpans(policy: SlaPolicy, from: number, until: number, closed: readonly Span[] = []): Generator<Span> {
  const holidays = new Set(policy.holidays);
  const hours = policy.businessHours;
  if (hours === null && holidays.size === 0) {
    yield* cutOut({ from, to: until }, closed);
    return;
  }
  const lastDay = until === Infinity ? SLA_SEARCH_DAYS : Infinity;
  let day = DateTime.fromMillis(from, { zone: policy.timeZone }).startOf('day');
  for (let walked = 0; walked <= lastDay && day.toMillis() < until; walked += 1, day = day.plus({ days: 1 })) {
    if (holidays.has(day.toISODate() ?? '')) continue;
    const openings = hours === null ? [{ start: '00:00', end: '24:00' }] : hours[WEEKDAYS[day.weekday - 1]!];
    for (const opening of openings) {
      const span = { from: Math.max(from, instantOf(day, opening.start)), to: Math.min(until, instantOf(day, opening.end)) };
      if (span.to > span.from) yield* cutOut(span, closed);
    }
  }
}

function* cutOut(span: Span, closed: readonly Span[]): Generator<Span> {
  let start = span.from;
  for (const gap of closed) {
    if (gap.to <= start || gap.from >= span.to) continue;
    if (gap.from > start) yield { from: start, to: gap.from };
    start = gap.to;
  }
  if (span.to > start) yield { from: start, to: span.to };
}

function sumSpans(spans: Iterable<Span>): number {
  let total = 0;
  for (const span of spans) total += span.to - span.from;
  return total;
}

/** The instant at which `millis` of the spans have gone by, or Infinity if they run out first. */
function instantAfter(spans: Iterable<Span>, from: number, millis: number): number {
  if (millis <= 0) return from;
  let left = millis;
  for (const span of spans) {
    if (span.to - span.from >= left) return span.from + left;
    left -= span.to - span.from;
  }
  return Infinity;
}

function requireRange(fromMs: number, toMs: number, names: readonly [string, string] = ['fromMs', 'toMs']): void {
  requireInstant(fromMs, names[0]);
  requireInstant(toMs, names[1]);
  if (toMs - fromMs > SLA_MAX_RANGE_DAYS * DAY_MS) throw new RangeError(`A range of working time may span at most ${SLA_MAX_RANGE_DAYS} days`);
}

/** Working time between two instants, in milliseconds (0 when `toMs` is not after `fromMs`). */
export function businessMillisBetween(policy: SlaPolicy, fromMs: number, toMs: number): number {
  requireRange(fromMs, toMs);
  return toMs <= fromMs ? 0 : sumSpans(openSpans(policy, fromMs, toMs));
}

/**
 * The instant at which `millis` of working time have passed after `fromMs`. Returns Infinity
 * when that never happens within SLA_SEARCH_DAYS of calendar, e.g. a policy with no open hours
 * at all (answered at once, without a search).
 */
export function addBusinessMillis(policy: SlaPolicy, fromMs: number, millis: number): number {
  requireInstant(fromMs, 'fromMs');
  if (Number.isNaN(millis)) throw new RangeError('millis must be a number of milliseconds (got NaN)');
  if (millis <= 0) return fromMs;
  if (!hasOpenHours(policy) || millis === Infinity) return Infinity;
  return instantAfter(openSpans(policy, fromMs, Infinity), fromMs, millis);
}

export interface SlaTimerInput {
  /** When the customer's unanswered message arrived; null: nothing to answer. */
  waitingSince: number | null;
  /** A reply was already sent on this case, so the next-response target applies. */
  answeredBefore: boolean;
  /** Pending or snoozed intervals; `to` null (or still ahead) means paused now. */
  pauses: readonly { from: number; to: number | null }[];
}

export type SlaTimerState = 'none' | 'on-time' | 'due-soon' | 'breached' | 'paused';

export interface SlaTimer {
  kind: 'first' | 'next';
  state: SlaTimerState;
  /**
   * Running: when the target falls due. Breached: when it fell due. Null when paused, when nothing
   * is due, or when the policy never opens.
   */
  dueAt: number | null;
  /** Working time left (negative: how much working time late); null when nothing is due. */
  remainingMs: number | null;
}

/** Pauses clipped to [from, to], in order of start (cutOut counts overlapping ones once). */
function clippedPauses(pauses: SlaTimerInput['pauses'], from: number, to: number): Span[] {
  return pauses
    .map((pause) => ({ from: Math.max(from, pause.from), to: Math.min(to, pause.to ?? to) }))
    .filter((pause) => pause.to > pause.from)
    .sort((a, b) => a.from - b.from);
}

/**
 * The response clock of one case at `now`. Elapsed working time runs from `waitingSince` to
 * `now`, minus the paused stretches. A breach stays a breach while the case is paused.
 */
export function slaTimer(policy: SlaPolicy, input: SlaTimerInput, now: number): SlaTimer {
  requireInstant(now, 'now');
  const kind = input.answeredBefore ? 'next' : 'first';
  if (input.waitingSince === null) return { kind, state: 'none', dueAt: null, remainingMs: null };
  const since = input.waitingSince;
  requireRange(since, now, ['waitingSince', 'now']);
  const targetMs = (input.answeredBefore ? policy.nextResponseMinutes : policy.firstResponseMinutes) * MINUTE_MS;
  const pauses = clippedPauses(input.pauses, since, now);
  const working = () => openSpans(policy, since, Math.max(now, since), pauses);
  const remainingMs = targetMs - sumSpans(working());

  if (remainingMs <= 0) return { kind, state: 'breached', dueAt: instantAfter(working(), since, targetMs), remainingMs };
  const pausedNow = input.pauses.some((pause) => pause.from <= now && (pause.to === null || pause.to > now));
  if (pausedNow) return { kind, state: 'paused', dueAt: null, remainingMs };
  const dueAt = addBusinessMillis(policy, now, remainingMs);
  const state = remainingMs <= policy.warnBeforeMinutes * MINUTE_MS ? 'due-soon' : 'on-time';
  return { kind, state, dueAt: Number.isFinite(dueAt) ? dueAt : null, remainingMs };
}

/** "2 h 5 min", "12 min", "3 h"; rounded up to whole minutes, at least 1 min. */
function formatMinutes(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / MINUTE_MS));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * The accessible name of a timer. Running timers count wall-clock time to `dueAt` (what the agent
 * must plan around, nights and weekends included); paused ones the working time left.
 */
export function slaLabel(timer: SlaTimer, now: number): string {
  const what = timer.kind === 'first' ? 'first response' : 'next response';
  const What = timer.kind === 'first' ? 'First response' : 'Next response';
  if (timer.state === 'none' || timer.remainingMs === null) return 'No response due';
  if (timer.state === 'breached') {
    const lateMs = timer.dueAt === null ? -timer.remainingMs : now - timer.dueAt;
    return `Breached: ${what} ${formatMinutes(lateMs)} late`;
  }
  if (timer.state === 'paused') return `${What} due in ${formatMinutes(timer.remainingMs)} (paused)`;
  if (timer.dueAt === null) return `${What} due when business hours open`;
  return `${What} due in ${formatMinutes(timer.dueAt - now)}`;
}
