// Post times as a deck shows them: short and relative, with the exact time a hover away.

export interface PostTime {
  /** "now", "42s", "5m", "3h", "Nov 25", "Nov 25, 2024". */
  short: string;
  /** The same for a screen reader: "5 minutes ago". */
  spoken: string;
  /** The exact local date and time. */
  exact: string;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Building an Intl formatter costs far more than using one, and every card on screen needs three.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<F extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter as F;
}

const exactFormat = (locale?: string) => cached(`exact:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }));
const relativeFormat = (locale?: string) => cached(`relative:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }));
const dayFormat = (locale: string | undefined, withYear: boolean) =>
  cached(`day:${withYear}:${locale}`, () => new Intl.DateTimeFormat(locale, withYear ? { month: 'short', day: 'numeric', year: 'numeric' } : { month: 'short', day: 'numeric' }));

/** Under this age a post is "now"; from it on, its age shows in seconds. */
const JUST_NOW = 5 * SECOND;

export function postTime(iso: string, nowMs: number, locale?: string): PostTime | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const date = new Date(at);
  const exact = exactFormat(locale).format(date);
  const age = Math.max(0, nowMs - at);
  const spoken = (value: number, unit: Intl.RelativeTimeFormatUnit) => relativeFormat(locale).format(-value, unit);
  if (age < JUST_NOW) return { short: 'now', spoken: 'just now', exact };
  if (age < MINUTE) return { short: `${Math.floor(age / SECOND)}s`, spoken: spoken(Math.floor(age / SECOND), 'second'), exact };
  if (age < HOUR) return { short: `${Math.floor(age / MINUTE)}m`, spoken: spoken(Math.floor(age / MINUTE), 'minute'), exact };
  if (age < DAY) return { short: `${Math.floor(age / HOUR)}h`, spoken: spoken(Math.floor(age / HOUR), 'hour'), exact };
  const sameYear = date.getFullYear() === new Date(nowMs).getFullYear();
  const short = dayFormat(locale, !sameYear).format(date);
  return { short, spoken: exact, exact };
}

/**
 * When (epoch ms) the label `postTime` gives a time written at `atMs` next changes, seen at
 * `nowMs`: the instant its age crosses the next boundary of the unit it shows ("now" → "5s",
 * "42s" → "43s", "59m" → "1h", "23h" → a date), or the next new year for a date (the year appears).
 */
export function nextPostTimeChange(atMs: number, nowMs: number): number {
  const age = Math.max(0, nowMs - atMs);
  if (age < JUST_NOW) return atMs + JUST_NOW;
  if (age < DAY) {
    const unit = age < MINUTE ? SECOND : age < HOUR ? MINUTE : HOUR;
    return atMs + (Math.floor(age / unit) + 1) * unit;
  }
  const year = new Date(nowMs).getFullYear();
  return new Date(year + 1, 0, 1).getTime();
}
