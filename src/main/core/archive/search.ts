// Archive search over every stored post, across handles and columns, newest first. Words go
// through the full-text index; a date range (the From / To dates, or since: / until: in the query)
// is checked on each post's created_at in SQL, and alone, without words, reads the posts of its
// dates, newest first.
import type { PostPredicate } from '../../../shared/column-filters';
import { inTimeRange, intersectRanges, type TimeRange } from '../../../shared/date-range';
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
  /** Only posts made within it (start inclusive, end exclusive). */
  range?: TimeRange | null;
}

/** What one page reads: the index's matches (or, with a range and no words, every post), within the range. */
interface Reading {
  match: string | null;
  range: TimeRange | null;
  accountId?: string;
  afterId?: string;
}

// julianday() reads X's "…T09:00:00.000Z" and a replica's "+02:00" alike, to the millisecond.
const IN_RANGE = `(@start IS NULL OR julianday(p.created_at) >= julianday(@start)) AND (@end IS NULL OR julianday(p.created_at) < julianday(@end))`;
const FOR_ACCOUNT = `EXISTS (SELECT 1 FROM column_items ci JOIN columns c ON c.id = ci.column_id WHERE ci.post_id = p.id AND c.account_id = @account)`;

function readingSql(reading: Reading): string {
  // Ordering by the index's own rowid lets FTS5 hand its matches over newest first.
  const key = reading.match ? 'f.rowid' : 'p.id';
  const from = reading.match ? 'posts_fts f JOIN posts p ON p.id = f.rowid' : 'posts p';
  const conditions = [
    ...(reading.match ? ['posts_fts MATCH @match'] : []),
    `${key} < @before`,
    ...(reading.afterId !== undefined ? [`${key} > @after`] : []),
    ...(reading.range ? [IN_RANGE] : []),
    ...(reading.accountId ? [FOR_ACCOUNT] : []),
  ];
  return `SELECT ${POST_VIEW_COLUMNS} FROM ${from} JOIN users u ON u.id = p.author_id WHERE ${conditions.join(' AND ')} ORDER BY ${key} DESC LIMIT @chunk`;
}

function reader(db: Database, reading: Reading): (before: string, chunk: number) => PostRow[] {
  const sql = readingSql(reading);
  const fixed = {
    ...(reading.match ? { match: reading.match } : {}),
    ...(reading.afterId !== undefined ? { after: reading.afterId } : {}),
    ...(reading.range ? { start: reading.range.start, end: reading.range.end } : {}),
    ...(reading.accountId ? { account: reading.accountId } : {}),
  };
  return (before, chunk) => statement(db, sql).all({ ...fixed, before, chunk }) as PostRow[];
}

/** The query with `to:` usernames looked up among stored users. */
function compile(db: Database, text: string): ArchiveQuery {
  const findUser = statement(db, 'SELECT CAST(id AS TEXT) AS id FROM users WHERE username = ? COLLATE NOCASE LIMIT 1');
  return toFtsQuery(text, (username) => (findUser.get(username) as { id: string } | undefined)?.id ?? null);
}

const both = (a: PostPredicate | null, b: PostPredicate | null): PostPredicate | null => (a && b ? (post) => a(post) && b(post) : (a ?? b));

export function searchArchive(db: Database, text: string, options: ArchiveSearch): PostView[] {
  const { match, predicate, range: own } = compile(db, text);
  const range = intersectRanges(options.range ?? null, own);
  if (!match && !range) return [];
  const fetch = reader(db, { match, range, ...(options.accountId ? { accountId: options.accountId } : {}) });
  return withQuoted(db, collectFiltered(fetch, options.limit, options.beforeId, both(predicate, options.predicate ?? null)));
}

/** Which of these (new) posts an archive query matches: for live archive columns. */
export function matchingAmong(db: Database, text: string, postIds: readonly string[]): Set<string> {
  const { match, predicate, range } = compile(db, text);
  const lowest = oldestId(postIds);
  if ((!match && !range) || lowest === null) return new Set();
  if (!match) return new Set(getPostViews(db, [...postIds]).filter((post) => inTimeRange(range!, post.createdAt) && (!predicate || predicate(post))).map((post) => post.id));
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
  if (!query.match && !query.range) return [];
  const fetch = reader(db, { match: query.match, range: query.range, afterId: afterId ?? '0' });
  return collectFiltered(fetch, limit, undefined, both(query.predicate, predicate));
}
