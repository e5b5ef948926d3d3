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

export function postTime(iso: string, nowMs: number, locale?: string): PostTime | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const date = new Date(at);
  const exact = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
  const age = Math.max(0, nowMs - at);
  const spoken = (value: number, unit: Intl.RelativeTimeFormatUnit) =>
    new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(-value, unit);
  if (age < 5 * SECOND) return { short: 'now', spoken: 'just now', exact };
  if (age < MINUTE) return { short: `${Math.floor(age / SECOND)}s`, spoken: spoken(Math.floor(age / SECOND), 'second'), exact };
  if (age < HOUR) return { short: `${Math.floor(age / MINUTE)}m`, spoken: spoken(Math.floor(age / MINUTE), 'minute'), exact };
  if (age < DAY) return { short: `${Math.floor(age / HOUR)}h`, spoken: spoken(Math.floor(age / HOUR), 'hour'), exact };
  const sameYear = date.getFullYear() === new Date(nowMs).getFullYear();
  const short = new Intl.DateTimeFormat(locale, sameYear ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', year: 'numeric' }).format(date);
  return { short, spoken: exact, exact };
}
