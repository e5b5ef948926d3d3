// Archive search over every stored post, across handles and columns, newest first.
import type { PostPredicate } from '../../../shared/column-filters';
import type { PostView } from '../../../shared/domain';
import { oldestId } from '../../../shared/ids';
import type { Database } from '../store/database';
import { collectFiltered, getPostViews, POST_VIEW_COLUMNS, withQuoted, type PostRow } from '../store/posts';
import { statement } from '../store/statements';
import { toFtsQuery, type ArchiveQuery } from './fts-query';

export interface ArchiveSearch {
  limit: number;
  beforeId?: string;
  /** Only posts filed in a column of this handle. */
  accountId?: string;
  predicate?: PostPredicate | null;
}

const MATCH_SQL = `SELECT ${POST_VIEW_COLUMNS} FROM posts_fts f JOIN posts p ON p.id = f.rowid JOIN users u ON u.id = p.author_id
  WHERE posts_fts MATCH ? AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?`;
const MATCH_FOR_ACCOUNT_SQL = `SELECT ${POST_VIEW_COLUMNS} FROM posts_fts f JOIN posts p ON p.id = f.rowid JOIN users u ON u.id = p.author_id
  WHERE posts_fts MATCH ? AND f.rowid < ?
    AND EXISTS (SELECT 1 FROM column_items ci JOIN columns c ON c.id = ci.column_id WHERE ci.post_id = p.id AND c.account_id = ?)
  ORDER BY f.rowid DESC LIMIT ?`;
const MATCH_AFTER_SQL = `SELECT ${POST_VIEW_COLUMNS} FROM posts_fts f JOIN posts p ON p.id = f.rowid JOIN users u ON u.id = p.author_id
  WHERE posts_fts MATCH ? AND f.rowid > ? AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?`;

/** The query with `to:` usernames looked up among stored users. */
function compile(db: Database, text: string): ArchiveQuery {
  const findUser = statement(db, 'SELECT CAST(id AS TEXT) AS id FROM users WHERE username = ? COLLATE NOCASE LIMIT 1');
  return toFtsQuery(text, (username) => (findUser.get(username) as { id: string } | undefined)?.id ?? null);
}

const both = (a: PostPredicate | null, b: PostPredicate | null): PostPredicate | null => (a && b ? (post) => a(post) && b(post) : (a ?? b));

export function searchArchive(db: Database, text: string, options: ArchiveSearch): PostView[] {
  const { match, predicate } = compile(db, text);
  if (!match) return [];
  const fetch = options.accountId
    ? (before: string, chunk: number) => statement(db, MATCH_FOR_ACCOUNT_SQL).all(match, before, options.accountId, chunk) as PostRow[]
    : (before: string, chunk: number) => statement(db, MATCH_SQL).all(match, before, chunk) as PostRow[];
  return withQuoted(db, collectFiltered(fetch, options.limit, options.beforeId, both(predicate, options.predicate ?? null)));
}

/** Which of these (new) posts an archive query matches: for live archive columns. */
export function matchingAmong(db: Database, text: string, postIds: readonly string[]): Set<string> {
  const { match, predicate } = compile(db, text);
  const lowest = oldestId(postIds);
  if (!match || lowest === null) return new Set();
  const wanted = new Set(postIds);
  // New posts are the newest ids: bounding the rowid keeps the match to the tail of the index.
  const rows = statement(db, 'SELECT CAST(rowid AS TEXT) AS id FROM posts_fts WHERE posts_fts MATCH ? AND rowid >= ?').all(match, lowest) as { id: string }[];
  const matched = rows.map((r) => r.id).filter((id) => wanted.has(id));
  if (!predicate) return new Set(matched);
  return new Set(getPostViews(db, matched).filter(predicate).map((post) => post.id));
}

/** Matches of an archive column newer than `afterId`, at most `limit` (for unread counts). */
export function archiveMatchesAfter(db: Database, text: string, afterId: string | null, limit: number, predicate: PostPredicate | null): PostView[] {
  const query = compile(db, text);
  if (!query.match) return [];
  const match = query.match;
  const fetch = (before: string, chunk: number) => statement(db, MATCH_AFTER_SQL).all(match, afterId ?? '0', before, chunk) as PostRow[];
  return collectFiltered(fetch, limit, undefined, both(query.predicate, predicate));
}
