// A column's local filters and the global mute list, as one predicate over a post. Pure: the core
// applies it to lists, events, unread counts and exports; the deck can preview with it.
import { RE2JS, RE2JSException } from 're2js';
import type { Column, ColumnFilters, ColumnKind, ColumnSort, MuteList, PostView } from './domain';
import { compareIdsNewestFirst } from './ids';

export type PostPredicate = (post: PostView) => boolean;

/** Case- and accent-insensitive form: "Café" and "cafe" compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole words or phrases, on folded text: "delay" hides "Delay!" but not "delayed". */
function wordMatcher(words: readonly string[]): ((folded: string) => boolean) | null {
  const terms = words.map((word) => foldText(word.trim())).filter((word) => word !== '');
  if (terms.length === 0) return null;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${terms.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'u');
  return (folded) => pattern.test(folded);
}

// A user's pattern runs against every post on the ingest path, so it runs on RE2 (linear time in
// the text): JavaScript's backtracking engine spins for minutes on `(a+)+$` and one unlucky post.
// Written in JavaScript's syntax (as the form teaches), translated to RE2's; case-insensitive, and
// RE2 always matches code points and folds case by Unicode's rules (JavaScript's "iu").
const PATTERN_FLAGS = RE2JS.CASE_INSENSITIVE;

/** The first construct of a (valid) JavaScript pattern that needs backtracking, named for the refusal. */
function backtrackingConstruct(source: string): string | null {
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '\\') {
      const next = source[++index] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `a backreference (\\${next})`;
      if (!inClass && next === 'k') return 'a named backreference (\\k<…>)';
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(' && source[index + 1] === '?') {
      const kind = source.slice(index + 2, index + 4);
      if (kind[0] === '=' || kind[0] === '!') return `a lookahead ((?${kind[0]}…)`;
      if (kind === '<=' || kind === '<!') return `a lookbehind ((?${kind}…)`;
    }
  }
  return null;
}

type CompiledPattern = { ok: true; test: (text: string) => boolean } | { ok: false; problem: string };

const refusal = (construct: string) => `This pattern uses ${construct}, which Deckhand cannot run safely: it could freeze the app on some posts`;

export function compileFilterPattern(source: string): CompiledPattern {
  try {
    new RegExp(source, 'u');
  } catch {
    return { ok: false, problem: 'is not a valid regular expression' };
  }
  // Checked before translating: RE2JS's translation turns some of these into literals silently.
  const construct = backtrackingConstruct(source);
  if (construct) return { ok: false, problem: refusal(construct) };
  try {
    const pattern = RE2JS.compile(RE2JS.translateRegExp(source), PATTERN_FLAGS);
    return { ok: true, test: (text) => pattern.test(text) };
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    return { ok: false, problem: refusal(`something RE2 lacks (${error.message.replace(/^error parsing regexp: /, '')})`) };
  }
}

/** Why a hidden-words pattern cannot be used, or null when it can. */
export function filterPatternProblem(source: string): string | null {
  const compiled = compileFilterPattern(source);
  return compiled.ok ? null : compiled.problem;
}

function regexMatcher(source: string | null): ((text: string) => boolean) | null {
  if (!source) return null;
  const compiled = compileFilterPattern(source);
  // Inputs are validated; a pattern stored before RE2 that it cannot run hides nothing (the cache warns).
  return compiled.ok ? compiled.test : null;
}

/** Link entities that are not X's own media links (pic.x.com). */
export function hasLink(post: Pick<PostView, 'entities'>): boolean {
  return post.entities.urls.some((url) => !/^pic\.(x|twitter)\.com\//i.test(url.displayUrl));
}

/**
 * What the filters know of a post's author as a customer: the labels the team (or the agent
 * alone) gave them and whether anyone wrote a note about them. Asked per post, so a label given
 * after a predicate was compiled counts at once.
 */
export interface CustomerFacts {
  /** Whether the customer carries the label; labels compare without case ("vip" is "VIP"). */
  hasLabel(customerId: string, label: string): boolean;
  hasNotes(customerId: string): boolean;
}

export const NO_CUSTOMER_FACTS: CustomerFacts = { hasLabel: () => false, hasNotes: () => false };

/** True when the filters ask about the author as a customer (their labels or notes). */
export function usesCustomerFacts(filters: ColumnFilters): boolean {
  return filters.customerLabel !== null || filters.hideCustomerLabel !== null || filters.onlyNotedCustomers;
}

/** Compiles once; the predicate runs per post on the ingest path, so it must be cheap. */
export function compileColumnFilters(filters: ColumnFilters, muteList: MuteList, customers: CustomerFacts = NO_CUSTOMER_FACTS): PostPredicate {
  const mutedUsers = new Set(muteList.users.map((user) => user.replace(/^@/, '').toLowerCase()));
  const hiddenWords = wordMatcher([...filters.excludeWords, ...muteList.words]);
  const hiddenPattern = regexMatcher(filters.excludeRegex);
  const languages = filters.languages.length > 0 ? new Set(filters.languages.map((lang) => lang.toLowerCase())) : null;
  const sentiments = filters.sentiments.length > 0 ? new Set(filters.sentiments) : null;
  const { customerLabel, hideCustomerLabel, onlyNotedCustomers } = filters;
  return (post) => {
    if (mutedUsers.has(post.author.username.toLowerCase())) return false;
    if (filters.onlyVerified && !post.author.verified) return false;
    if (post.author.followersCount < filters.minFollowers) return false;
    if (filters.hideReposts && post.repostOfId !== null) return false;
    if (filters.hideReplies && post.inReplyToPostId !== null) return false;
    if (filters.onlyWithMedia && post.media.length === 0) return false;
    if (filters.onlyWithLinks && !hasLink(post)) return false;
    if (languages && (post.lang === null || !languages.has(post.lang.toLowerCase()))) return false;
    if (hiddenWords && hiddenWords(foldText(post.text))) return false;
    if (hiddenPattern && hiddenPattern(post.text)) return false;
    // A post without an assessment (a brand handle's own) has no sentiment to keep it.
    if (sentiments && (!post.assessment || !sentiments.has(post.assessment.sentiment))) return false;
    // The author is the customer: a brand handle's own posts carry no label and no note.
    if (customerLabel !== null && !customers.hasLabel(post.author.id, customerLabel)) return false;
    if (hideCustomerLabel !== null && customers.hasLabel(post.author.id, hideCustomerLabel)) return false;
    if (onlyNotedCustomers && !customers.hasNotes(post.author.id)) return false;
    return true;
  };
}

/** True when the post is shown in a column with these filters under this mute list. */
export function matchesColumnFilters(post: PostView, filters: ColumnFilters, muteList: MuteList, customers: CustomerFacts = NO_CUSTOMER_FACTS): boolean {
  return compileColumnFilters(filters, muteList, customers)(post);
}

/** True when the filters and mutes can hide nothing (lets the store skip filtering). */
export function filtersAreEmpty(filters: ColumnFilters, muteList: MuteList): boolean {
  return (
    filters.excludeWords.length === 0 &&
    !filters.excludeRegex &&
    filters.languages.length === 0 &&
    filters.minFollowers === 0 &&
    !filters.onlyVerified &&
    !filters.hideReposts &&
    !filters.hideReplies &&
    !filters.onlyWithMedia &&
    !filters.onlyWithLinks &&
    filters.sentiments.length === 0 &&
    !usesCustomerFacts(filters) &&
    muteList.words.length === 0 &&
    muteList.users.length === 0
  );
}

/** Columns whose posts the core can list highest priority first (the others keep their own order). */
const PRIORITY_SORTABLE: ReadonlySet<ColumnKind> = new Set<ColumnKind>(['search', 'mentions', 'user']);

export const canSortByPriority = (kind: ColumnKind): boolean => PRIORITY_SORTABLE.has(kind);

/** The order a column lists its posts in. */
export function columnSortOf(column: Pick<Column, 'kind' | 'filters'>): ColumnSort {
  return column.filters.sort === 'priority' && canSortByPriority(column.kind) ? 'priority' : 'newest';
}

/** A post's priority for ordering: one without an assessment ranks with the least urgent. */
export const priorityOf = (post: Pick<PostView, 'assessment'>): number => post.assessment?.priority ?? 0;

/** Highest priority first, newest first among equals: the order the store lists "Priority first" columns in. */
export function comparePriorityFirst(a: PostView, b: PostView): number {
  return priorityOf(b) - priorityOf(a) || compareIdsNewestFirst(a.id, b.id);
}
