// The search column's query builder: fields a person fills in → the X search query they stand for
// (https://docs.x.com/x-api/posts/search/integrate/build-a-query). Pure: the deck shows the result
// live and lets the user edit it; the core stores both.
import { addDays, dayRangeProblem, type DayRange, type TimeRange } from './date-range';
import type { SearchSpec } from './domain';

export const EMPTY_SEARCH_SPEC: Readonly<SearchSpec> = Object.freeze({
  allWords: [],
  exactPhrase: '',
  anyWords: [],
  noneWords: [],
  fromAccounts: [],
  toAccounts: [],
  hashtags: [],
  language: null,
  excludeReposts: false,
  excludeReplies: false,
  hasLinks: false,
  hasMedia: false,
});

/** X's longest recent-search query on self-serve access. */
export const MAX_SEARCH_QUERY_LENGTH = 512;

// Characters that end a bare keyword in X's grammar, and words X reads as operators.
const NEEDS_QUOTES = /[\s()":]|^-|^(OR|AND)$/;

/** One keyword as X must see it: bare when it can be, quoted otherwise (X has no escape for `"`). */
export function quoteTerm(term: string): string {
  const clean = term.replace(/"/g, ' ').replace(/\s+/g, ' ').trim();
  if (clean === '') return '';
  return NEEDS_QUOTES.test(clean) ? `"${clean}"` : clean;
}

const cleanList = (values: readonly string[]) => values.map((value) => value.trim()).filter((value) => value !== '');
const stripPrefix = (value: string, prefix: string) => (value.startsWith(prefix) ? value.slice(prefix.length) : value);

/** `a` for one, `(a OR b)` for several, nothing for none. */
function anyOf(terms: readonly string[]): string {
  const present = terms.filter((term) => term !== '');
  if (present.length <= 1) return present[0] ?? '';
  return `(${present.join(' OR ')})`;
}

/**
 * The X query for a builder spec. Words in "all" are ANDed; "any" words, hashtags, and from / to
 * accounts are each ORed in a group; "none" words are negated; options become `lang:`, `-is:`,
 * `has:` operators.
 */
export function buildSearchQuery(spec: SearchSpec): string {
  const parts: string[] = [];
  parts.push(...cleanList(spec.allWords).map(quoteTerm));
  const phrase = spec.exactPhrase.replace(/"/g, ' ').replace(/\s+/g, ' ').trim();
  if (phrase) parts.push(`"${phrase}"`);
  parts.push(anyOf(cleanList(spec.anyWords).map(quoteTerm)));
  parts.push(anyOf(cleanList(spec.hashtags).map((tag) => `#${stripPrefix(tag, '#')}`)));
  parts.push(anyOf(cleanList(spec.fromAccounts).map((user) => `from:${stripPrefix(user, '@')}`)));
  parts.push(anyOf(cleanList(spec.toAccounts).map((user) => `to:${stripPrefix(user, '@')}`)));
  parts.push(...cleanList(spec.noneWords).map((word) => `-${quoteTerm(word)}`));
  if (spec.language) parts.push(`lang:${spec.language}`);
  if (spec.excludeReposts) parts.push('-is:retweet');
  if (spec.excludeReplies) parts.push('-is:reply');
  if (spec.hasLinks) parts.push('has:links');
  if (spec.hasMedia) parts.push('has:media');
  return parts.filter((part) => part !== '' && part !== '-').join(' ');
}

/**
 * Why X would refuse the spec's query, in words for the builder, or null. X needs at least one
 * positive keyword, phrase, hashtag or account: `lang:`, `is:`, `has:` and negations cannot stand alone.
 */
export function searchSpecProblem(spec: SearchSpec): string | null {
  const standalone =
    cleanList(spec.allWords).length +
    cleanList(spec.anyWords).length +
    cleanList(spec.hashtags).length +
    cleanList(spec.fromAccounts).length +
    cleanList(spec.toAccounts).length +
    (spec.exactPhrase.trim() ? 1 : 0);
  if (standalone === 0) return 'Add at least one word, phrase, hashtag or account: X cannot search on options alone';
  const length = buildSearchQuery(spec).length;
  if (length > MAX_SEARCH_QUERY_LENGTH) return `The query is ${length} characters; X allows at most ${MAX_SEARCH_QUERY_LENGTH}`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates: X's recent search (GET /2/tweets/search/recent) reaches back 7 days and takes a window
// as start_time (inclusive) / end_time (exclusive). A search column's From / To dates become that
// window; the builder says what X will not do before the column is made.

/** How far back X's recent search reaches. */
export const RECENT_SEARCH_DAYS = 7;
export const RECENT_SEARCH_HINT = 'X searches only the last 7 days';

const DAY_MS = 86_400_000;
const RECENT_SEARCH_MS = RECENT_SEARCH_DAYS * DAY_MS;
/** X refuses an end_time less than 10 s before the request: a second more for the trip there. */
const END_TIME_LAG_MS = 11_000;
/** X checks start_time against its own clock: a minute inside the window keeps a skewed clock out of a 400. */
const START_TIME_MARGIN_MS = 60_000;

/**
 * Why the builder's days cannot be a search column's dates on `today` (the person's YYYY-MM-DD),
 * or null. A From date 7 days back is taken: X still has that day's later hours (see searchDaysNote).
 */
export function searchDaysProblem(days: DayRange, today: string): string | null {
  const problem = dayRangeProblem(days);
  if (problem) return problem;
  const from = days.fromDate.trim();
  const to = days.toDate.trim();
  const earliest = addDays(today, -RECENT_SEARCH_DAYS);
  if (from && from < earliest) return `${RECENT_SEARCH_HINT}: the From date can be ${earliest} at the earliest`;
  if (from && from > today) return 'The From date is in the future: X has nothing from then yet';
  if (to && to < earliest) return `${RECENT_SEARCH_HINT}: the To date can be ${earliest} at the earliest`;
  return null;
}

/** What the person should know about days X takes only in part, or null. */
export function searchDaysNote(days: DayRange, today: string): string | null {
  if (days.fromDate.trim() === addDays(today, -RECENT_SEARCH_DAYS)) return 'X no longer has the first hours of the From date: the column starts where X’s 7 days begin';
  if (days.toDate.trim() !== '' && days.toDate.trim() < today) return 'The To date has passed: the column fetches what X has for these dates once, and nothing new arrives';
  return null;
}

/**
 * Why a search column cannot take this range at `nowMs`, or null: the core's own check, for any
 * command (instants, not days). The From date's midnight may be up to a day older than X's reach
 * in some time zone, so only a start a whole day past it is refused; polling clamps the rest.
 */
export function searchRangeProblem(range: TimeRange, nowMs: number): string | null {
  const reach = nowMs - RECENT_SEARCH_MS;
  if (range.start !== null && Date.parse(range.start) < reach - DAY_MS) return `${RECENT_SEARCH_HINT}: the From date must be within them`;
  if (range.start !== null && Date.parse(range.start) > nowMs) return 'The From date is in the future: X has nothing from then yet';
  if (range.end !== null && Date.parse(range.end) <= reach) return `${RECENT_SEARCH_HINT}: these dates ended before them`;
  return null;
}

/** What one poll of a dated search column asks X for, at `nowMs`. */
export type RecentSearchWindow =
  /** Ask with these bounds (X's format, whole seconds); `final`: the dates have passed, this run gets their last posts. */
  | { kind: 'search'; startTime: string | null; endTime: string | null; final: boolean }
  /** Nothing of the dates is within X's 7 days any more. */
  | { kind: 'ended' }
  /** The dates have not begun yet. */
  | { kind: 'waiting' };

const xTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The window to ask X for: the range clamped to X's reach (7 days back, 10 s before now). */
export function recentSearchWindow(range: TimeRange, nowMs: number): RecentSearchWindow {
  const reach = nowMs - RECENT_SEARCH_MS + START_TIME_MARGIN_MS;
  const latestEnd = nowMs - END_TIME_LAG_MS;
  const end = range.end === null ? null : Date.parse(range.end);
  const final = end !== null && end <= latestEnd;
  const endMs = end === null ? null : Math.min(end, latestEnd);
  if (endMs !== null && endMs <= reach) return { kind: 'ended' };
  const startMs = range.start === null ? null : Math.max(Date.parse(range.start), reach);
  if (startMs !== null && startMs >= (endMs ?? latestEnd)) return final ? { kind: 'ended' } : { kind: 'waiting' };
  return { kind: 'search', startTime: startMs === null ? null : xTime(startMs), endTime: endMs === null ? null : xTime(endMs), final };
}
