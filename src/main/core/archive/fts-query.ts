// An archive query's tree (query-parser.ts) → an FTS5 MATCH expression that cannot be a syntax
// error, plus, when the index alone cannot answer it, a predicate over each post it finds.
// Words and phrases are the index's own terms; from:, #tag and $tag narrow through the index and
// are then checked exactly; to:, lang:, is: and has: are checked on the post only. A query needs at
// least one word the index can look up (as X needs a keyword): `lang:en` alone finds nothing
// rather than reading every stored post, unless a date range bounds the reading (since:, until:,
// or the From / To dates): then the posts of those dates are read, newest first.
import { foldText, hasLink, type PostPredicate } from '../../../shared/column-filters';
import { inTimeRange, intersectRanges, type TimeRange } from '../../../shared/date-range';
import type { PostView } from '../../../shared/domain';
import { parseArchiveQuery, type Flag, type QueryNode } from './query-parser';

export interface ArchiveQuery {
  /** The MATCH expression, or null when the input has nothing to search for. */
  match: string | null;
  /** What the MATCH cannot decide (or, without one, all the query asks), checked per post; null when the MATCH is exact. */
  predicate: PostPredicate | null;
  /** The dates every match lies within (the query's own since: / until:), or null. */
  range: TimeRange | null;
}

/** The id of the user with this username (lower case), or null when it is not stored. */
export type UserLookup = (username: string) => string | null;

interface Translated {
  /** An FTS expression every matching post satisfies, or null for "no constraint". */
  fts: string | null;
  /** True when `fts` matches exactly the posts the node does. */
  exact: boolean;
}

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
const term = (text: string, prefix: boolean, column: 'text' | 'author' | null = null) => `${column ? `${column} : ` : ''}${quote(text)}${prefix ? '*' : ''}`;
const INEXACT: Translated = { fts: null, exact: false };

function translate(node: QueryNode): Translated {
  switch (node.kind) {
    case 'text':
      return { fts: term(node.text, node.prefix), exact: true };
    case 'from':
      return { fts: term(node.username, node.prefix, 'author'), exact: false };
    case 'tag':
      return { fts: term(node.tag, node.prefix, 'text'), exact: false };
    case 'and':
      return translateAll(node.nodes);
    case 'or': {
      const parts = node.nodes.map(translate);
      if (parts.some((part) => part.fts === null)) return INEXACT;
      return { fts: `(${parts.map((part) => part.fts).join(' OR ')})`, exact: parts.every((part) => part.exact) };
    }
    default:
      return INEXACT; // to:, lang:, is:, has:, since:, until:, and a "-" standing alone
  }
}

/** All of these: FTS5's NOT is binary, so exclusions hang off the positive part. */
function translateAll(nodes: readonly QueryNode[]): Translated {
  const positive: Translated[] = [];
  const excluded: string[] = [];
  let exact = true;
  for (const node of nodes) {
    const inner = node.kind === 'not' ? translate(node.node) : null;
    if (inner?.exact && inner.fts !== null) excluded.push(inner.fts);
    else if (inner) exact = false;
    else positive.push(translate(node));
  }
  const constraining = positive.filter((part) => part.fts !== null);
  if (constraining.length === 0) return INEXACT;
  exact &&= constraining.length === positive.length && positive.every((part) => part.exact);
  const base = constraining.length === 1 ? constraining[0]!.fts! : `(${constraining.map((part) => part.fts).join(' AND ')})`;
  if (excluded.length === 0) return { fts: base, exact };
  return { fts: `(${base} NOT ${excluded.length === 1 ? excluded[0] : `(${excluded.join(' OR ')})`})`, exact };
}

// The index's tokens (unicode61, remove_diacritics 2): runs of letters and digits, folded.
const tokensOf = (text: string) => foldText(text).split(/[^\p{L}\p{N}]+/u).filter((token) => token !== '');
const TAGS = /[#$]([\p{L}\p{N}_]+)/gu;

/** A post's searchable parts, computed once per post and only when asked for. */
class PostText {
  private textTokens: string[] | null = null;
  private authorTokens: string[] | null = null;
  private tags: string[] | null = null;

  constructor(readonly post: PostView) {}

  get text(): string[] {
    return (this.textTokens ??= tokensOf(this.post.text));
  }

  get author(): string[] {
    return (this.authorTokens ??= tokensOf(`${this.post.author.username} ${this.post.author.name}`));
  }

  get sigilTags(): string[] {
    return (this.tags ??= Array.from(foldText(this.post.text).matchAll(TAGS), (match) => `${match[0][0]}${match[1]}`));
  }
}

function containsPhrase(haystack: readonly string[], phrase: readonly string[], prefix: boolean): boolean {
  if (phrase.length === 0) return false;
  const lastIndex = phrase.length - 1;
  for (let start = 0; start + phrase.length <= haystack.length; start++) {
    const found = phrase.every((word, offset) => {
      const candidate = haystack[start + offset]!;
      return offset === lastIndex && prefix ? candidate.startsWith(word) : candidate === word;
    });
    if (found) return true;
  }
  return false;
}

const FLAGS: Readonly<Record<Flag, (post: PostView) => boolean>> = {
  retweet: (post) => post.repostOfId !== null,
  reply: (post) => post.inReplyToPostId !== null,
  quote: (post) => post.quotedPostId !== null,
  verified: (post) => post.author.verified,
  links: (post) => hasLink(post),
  media: (post) => post.media.length > 0,
  mentions: (post) => post.entities.mentions.length > 0,
  hashtags: (post) => post.entities.hashtags.length > 0,
};

function evaluate(node: QueryNode, post: PostText, users: UserLookup): boolean {
  switch (node.kind) {
    case 'text': {
      const phrase = tokensOf(node.text);
      return containsPhrase(post.text, phrase, node.prefix) || containsPhrase(post.author, phrase, node.prefix);
    }
    case 'from': {
      const username = post.post.author.username.toLowerCase();
      return node.prefix ? username.startsWith(node.username) : username === node.username;
    }
    case 'to': {
      const id = users(node.username);
      return id !== null && post.post.inReplyToUserId === id;
    }
    case 'tag': {
      const wanted = `${node.sigil}${foldText(node.tag)}`;
      return post.sigilTags.some((tag) => (node.prefix ? tag.startsWith(wanted) : tag === wanted));
    }
    case 'lang':
      return post.post.lang !== null && post.post.lang.toLowerCase() === node.code;
    case 'flag':
      return FLAGS[node.flag](post.post);
    case 'date':
      return inTimeRange(node.bound === 'since' ? { start: node.at, end: null } : { start: null, end: node.at }, post.post.createdAt);
    case 'not':
      return !evaluate(node.node, post, users);
    case 'and':
      return node.nodes.every((child) => evaluate(child, post, users));
    case 'or':
      return node.nodes.some((child) => evaluate(child, post, users));
  }
}

/** The dates every match of the tree lies within: its since: and until: that are not inside OR or "-". */
function rangeOf(tree: QueryNode): TimeRange | null {
  const nodes = tree.kind === 'and' ? tree.nodes : [tree];
  let range: TimeRange | null = null;
  for (const node of nodes) {
    if (node.kind === 'date') range = intersectRanges(range, node.bound === 'since' ? { start: node.at, end: null } : { start: null, end: node.at });
  }
  return range;
}

export function toFtsQuery(input: string, users: UserLookup = () => null): ArchiveQuery {
  const tree = parseArchiveQuery(input);
  if (!tree) return { match: null, predicate: null, range: null };
  const translated = translate(tree);
  const range = rangeOf(tree);
  if (translated.fts !== null && translated.exact) return { match: translated.fts, predicate: null, range };
  const resolved = new Map<string, string | null>();
  const lookup: UserLookup = (username) => {
    if (!resolved.has(username)) resolved.set(username, users(username));
    return resolved.get(username)!;
  };
  return { match: translated.fts, predicate: (post) => evaluate(tree, new PostText(post), lookup), range };
}
