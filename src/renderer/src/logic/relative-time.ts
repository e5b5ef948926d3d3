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

export function postTime(iso: string, nowMs: number, locale?: string): PostTime | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const date = new Date(at);
  const exact = exactFormat(locale).format(date);
  const age = Math.max(0, nowMs - at);
  const spoken = (value: number, unit: Intl.RelativeTimeFormatUnit) => relativeFormat(locale).format(-value, unit);
  if (age < 5 * SECOND) return { short: 'now', spoken: 'just now', exact };
  if (age < MINUTE) return { short: `${Math.floor(age / SECOND)}s`, spoken: spoken(Math.floor(age / SECOND), 'second'), exact };
  if (age < HOUR) return { short: `${Math.floor(age / MINUTE)}m`, spoken: spoken(Math.floor(age / MINUTE), 'minute'), exact };
  if (age < DAY) return { short: `${Math.floor(age / HOUR)}h`, spoken: spoken(Math.floor(age / HOUR), 'hour'), exact };
  const sameYear = date.getFullYear() === new Date(nowMs).getFullYear();
  const short = dayFormat(locale, !sameYear).format(date);
  return { short, spoken: exact, exact };
}
