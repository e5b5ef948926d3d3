// A column's local filters and the global mute list, as one predicate over a post. Pure: the core
// applies it to lists, events, unread counts and exports; the deck can preview with it.
import type { ColumnFilters, MuteList, PostView } from './domain';

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

function regexMatcher(source: string | null): ((text: string) => boolean) | null {
  if (!source) return null;
  try {
    const pattern = new RegExp(source, 'iu');
    return (text) => pattern.test(text);
  } catch {
    return null; // inputs are validated; a stored pattern that no longer compiles hides nothing
  }
}

/** Link entities that are not X's own media links (pic.x.com). */
export function hasLink(post: Pick<PostView, 'entities'>): boolean {
  return post.entities.urls.some((url) => !/^pic\.(x|twitter)\.com\//i.test(url.displayUrl));
}

/** Compiles once; the predicate runs per post on the ingest path, so it must be cheap. */
export function compileColumnFilters(filters: ColumnFilters, muteList: MuteList): PostPredicate {
  const mutedUsers = new Set(muteList.users.map((user) => user.replace(/^@/, '').toLowerCase()));
  const hiddenWords = wordMatcher([...filters.excludeWords, ...muteList.words]);
  const hiddenPattern = regexMatcher(filters.excludeRegex);
  const languages = filters.languages.length > 0 ? new Set(filters.languages.map((lang) => lang.toLowerCase())) : null;
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
    return true;
  };
}

/** True when the post is shown in a column with these filters under this mute list. */
export function matchesColumnFilters(post: PostView, filters: ColumnFilters, muteList: MuteList): boolean {
  return compileColumnFilters(filters, muteList)(post);
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
    muteList.words.length === 0 &&
    muteList.users.length === 0
  );
}
