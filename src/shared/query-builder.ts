// The search column's query builder: fields a person fills in → the X search query they stand for
// (https://docs.x.com/x-api/posts/search/integrate/build-a-query). Pure: the deck shows the result
// live and lets the user edit it; the core stores both.
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
