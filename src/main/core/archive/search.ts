// Archive search over every stored post, across handles and columns, newest first.
import type { PostPredicate } from '../../../shared/column-filters';
import type { PostView } from '../../../shared/domain';
import type { Database } from '../store/database';
import { collectFiltered, POST_VIEW_COLUMNS, toPostView, withQuoted, type PostRow } from '../store/posts';
import { statement } from '../store/statements';
import { toFtsQuery } from './fts-query';

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

export function searchArchive(db: Database, text: string, options: ArchiveSearch): PostView[] {
  const { match } = toFtsQuery(text);
  if (!match) return [];
  const fetch = options.accountId
    ? (before: string, chunk: number) => statement(db, MATCH_FOR_ACCOUNT_SQL).all(match, before, options.accountId, chunk) as PostRow[]
    : (before: string, chunk: number) => statement(db, MATCH_SQL).all(match, before, chunk) as PostRow[];
  return withQuoted(db, collectFiltered(fetch, options.limit, options.beforeId, options.predicate ?? null));
}

/** Which of these (new) posts an archive query matches: for live archive columns. */
export function matchingAmong(db: Database, text: string, postIds: readonly string[]): Set<string> {
  const { match } = toFtsQuery(text);
  if (!match || postIds.length === 0) return new Set();
  const wanted = new Set(postIds);
  // New posts are the newest ids: bounding the rowid keeps the match to the tail of the index.
  const lowest = postIds.reduce((min, id) => (id.length < min.length || (id.length === min.length && id < min) ? id : min));
  const rows = statement(db, 'SELECT CAST(rowid AS TEXT) AS id FROM posts_fts WHERE posts_fts MATCH ? AND rowid >= ?').all(match, lowest) as { id: string }[];
  return new Set(rows.map((r) => r.id).filter((id) => wanted.has(id)));
}

/** Matches of an archive column newer than `afterId`, at most `limit` (for unread counts). */
export function archiveMatchesAfter(db: Database, text: string, afterId: string | null, limit: number, predicate: PostPredicate | null): PostView[] {
  const { match } = toFtsQuery(text);
  if (!match) return [];
  const rows = statement(
    db,
    `SELECT ${POST_VIEW_COLUMNS} FROM posts_fts f JOIN posts p ON p.id = f.rowid JOIN users u ON u.id = p.author_id
     WHERE posts_fts MATCH ? AND f.rowid > ? ORDER BY f.rowid DESC LIMIT ?`,
  ).all(match, afterId ?? '0', limit) as PostRow[];
  const views = rows.map(toPostView);
  return predicate ? views.filter(predicate) : views;
}
