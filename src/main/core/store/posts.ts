// Posts and their authors. A post is stored once, whatever number of columns hold it.
import type { PostPredicate } from '../../../shared/column-filters';
import type { Author, ColumnSort, Engagement, Post, PostAnswer, PostAssessment, PostEntities, PostMedia, PostMetrics, PostView } from '../../../shared/domain';
import type { Database } from './database';
import { statement, transaction } from './statements';

export interface PostRow {
  id: string;
  author_id: string;
  text: string;
  created_at: string;
  conversation_id: string | null;
  in_reply_to_user_id: string | null;
  in_reply_to_post_id: string | null;
  lang: string | null;
  entities: string;
  quoted_post_id: string | null;
  repost_of_id: string | null;
  metrics: string | null;
  media: string;
  answered: string | null;
  liked_by: string | null;
  reposted_by: string | null;
  assessment: string | null;
  username: string;
  name: string;
  avatar_url: string | null;
  verified: number;
  followers_count: number;
  bio: string | null;
  joined_at: string | null;
}

/** Select list for `posts p JOIN users u`: ids as text (64-bit snowflakes do not fit a JS number). */
export const POST_VIEW_COLUMNS = `
  CAST(p.id AS TEXT) AS id, CAST(p.author_id AS TEXT) AS author_id, p.text, p.created_at,
  p.conversation_id, p.in_reply_to_user_id, p.in_reply_to_post_id, p.lang, p.entities,
  CAST(p.quoted_post_id AS TEXT) AS quoted_post_id, CAST(p.repost_of_id AS TEXT) AS repost_of_id, p.metrics, p.media,
  p.answered, p.liked_by, p.reposted_by, p.assessment, u.username, u.name, u.avatar_url, u.verified, u.followers_count, u.bio, u.joined_at`;

export function toPostView(row: PostRow): PostView {
  const author: Author = {
    id: row.author_id,
    username: row.username,
    name: row.name,
    avatarUrl: row.avatar_url,
    verified: row.verified === 1,
    followersCount: row.followers_count,
    ...(row.bio ? { bio: row.bio } : {}),
    ...(row.joined_at ? { joinedAt: row.joined_at } : {}),
  };
  return {
    id: row.id,
    text: row.text,
    createdAt: row.created_at,
    authorId: row.author_id,
    conversationId: row.conversation_id,
    inReplyToUserId: row.in_reply_to_user_id,
    inReplyToPostId: row.in_reply_to_post_id,
    lang: row.lang,
    entities: JSON.parse(row.entities) as PostEntities,
    quotedPostId: row.quoted_post_id,
    repostOfId: row.repost_of_id,
    metrics: row.metrics ? (JSON.parse(row.metrics) as PostMetrics) : null,
    media: JSON.parse(row.media) as PostMedia[],
    author,
    // Only when set: most posts were never touched from Deckhand.
    ...(row.answered ? { answered: JSON.parse(row.answered) as PostAnswer } : {}),
    ...(row.liked_by ? { likedBy: JSON.parse(row.liked_by) as string[] } : {}),
    ...(row.reposted_by ? { repostedBy: JSON.parse(row.reposted_by) as string[] } : {}),
    ...(row.assessment ? { assessment: JSON.parse(row.assessment) as PostAssessment } : {}),
  };
}

/**
 * Stores authors; rewrites one only when a field the card shows changed (`updated_at` is when that
 * last happened): a busy stream brings the same authors again and again, and rewriting their rows
 * each batch dirtied most of the table's pages.
 */
export function upsertAuthors(db: Database, authors: readonly Author[], now = new Date().toISOString()): void {
  const upsert = statement(
    db,
    `INSERT INTO users (id, username, name, avatar_url, verified, followers_count, bio, joined_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
       avatar_url = excluded.avatar_url, verified = excluded.verified,
       followers_count = excluded.followers_count, updated_at = excluded.updated_at,
       bio = COALESCE(excluded.bio, users.bio), joined_at = COALESCE(excluded.joined_at, users.joined_at)
     WHERE (users.username, users.name, users.avatar_url, users.verified, users.followers_count)
       IS NOT (excluded.username, excluded.name, excluded.avatar_url, excluded.verified, excluded.followers_count)
       OR (excluded.bio IS NOT NULL AND excluded.bio IS NOT users.bio)
       OR (excluded.joined_at IS NOT NULL AND excluded.joined_at IS NOT users.joined_at)`,
  );
  // A bio or join date X did not send (a read without those fields) keeps the one stored.
  for (const a of authors) upsert.run(a.id, a.username, a.name, a.avatarUrl, a.verified ? 1 : 0, a.followersCount, a.bio ?? null, a.joinedAt ?? null, now);
}

/** Tone and priority of a post about to be stored, or null when it gets none (a brand handle's own). */
export type Assessor = (post: Post) => PostAssessment | null;

/**
 * Inserts the posts not stored yet, with their assessment, and adds them to the archive index,
 * atomically (a savepoint when the caller's transaction is open): the index never misses a
 * committed post. Refreshes the counts of those already stored. Returns the ids that were new.
 * `assess` runs for new posts only: a busy stream brings the same post again and again.
 */
export function insertPosts(db: Database, posts: readonly Post[], assess: Assessor = () => null): Set<string> {
  const stored = statement(db, 'SELECT 1 FROM posts WHERE id = ?');
  const insert = statement(
    db,
    `INSERT OR IGNORE INTO posts (id, author_id, text, created_at, conversation_id, in_reply_to_user_id,
       in_reply_to_post_id, lang, entities, quoted_post_id, repost_of_id, metrics, media, assessment, priority)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const refreshMetrics = statement(db, 'UPDATE posts SET metrics = ? WHERE id = ? AND metrics IS NOT ?');
  // The new posts in one statement (see migration 5 for why not by trigger), with their author.
  const index = statement(
    db,
    `INSERT INTO posts_fts (rowid, text, author)
     SELECT p.id, p.text, COALESCE(u.username || ' ' || u.name, '')
     FROM json_each(?) AS fresh JOIN posts p ON p.id = CAST(fresh.value AS INTEGER) LEFT JOIN users u ON u.id = p.author_id`,
  );
  const inserted = new Set<string>();
  transaction(db, () => {
    for (const p of posts) {
      const metrics = p.metrics ? JSON.stringify(p.metrics) : null;
      if (stored.get(p.id) !== undefined) {
        if (metrics) refreshMetrics.run(metrics, p.id, metrics);
        continue;
      }
      const assessment = assess(p);
      const result = insert.run(
        p.id,
        p.authorId,
        p.text,
        p.createdAt,
        p.conversationId,
        p.inReplyToUserId,
        p.inReplyToPostId,
        p.lang,
        JSON.stringify(p.entities),
        p.quotedPostId,
        p.repostOfId,
        metrics,
        JSON.stringify(p.media),
        assessment ? JSON.stringify(assessment) : null,
        assessment?.priority ?? 0,
      );
      if (result.changes > 0) inserted.add(p.id);
    }
    if (inserted.size > 0) index.run(JSON.stringify([...inserted]));
  });
  return inserted;
}

/**
 * Files posts in a column; returns the ids the column did not hold yet. The item carries its
 * post's priority (see migration 14), so "Priority first" pages read an index, not the column.
 */
export function addColumnItems(db: Database, columnId: string, postIds: Iterable<string>): string[] {
  const insert = statement(db, 'INSERT OR IGNORE INTO column_items (column_id, post_id, priority) VALUES (@column, @post, COALESCE((SELECT priority FROM posts WHERE id = @post), 0))');
  const added: string[] = [];
  for (const id of postIds) if (insert.run({ column: columnId, post: id }).changes > 0) added.push(id);
  return added;
}

const COLUMN_PAGE_SQL = `SELECT ${POST_VIEW_COLUMNS} FROM column_items ci JOIN posts p ON p.id = ci.post_id
  JOIN users u ON u.id = p.author_id WHERE ci.column_id = ? AND ci.post_id < ? ORDER BY ci.post_id DESC LIMIT ?`;

/** Priorities run 0..100: above any, so "after nothing" pages from the most urgent. */
const ABOVE_ANY_PRIORITY = 1_000;

/**
 * Highest priority first, newest first among equals; a page goes on after the post `@before` (the
 * last one shown), wherever it ranked. A post the column no longer holds starts over from the top.
 */
const COLUMN_PRIORITY_PAGE_SQL = `SELECT ${POST_VIEW_COLUMNS} FROM column_items ci JOIN posts p ON p.id = ci.post_id
  JOIN users u ON u.id = p.author_id
  WHERE ci.column_id = @column
    AND (ci.priority, ci.post_id) < (COALESCE((SELECT priority FROM column_items WHERE column_id = @column AND post_id = @before), ${ABOVE_ANY_PRIORITY}), @before)
  ORDER BY ci.priority DESC, ci.post_id DESC LIMIT @limit`;

/** Greater than any snowflake: "before nothing" pages from the newest. */
export const NO_UPPER_BOUND = '9223372036854775807';

/**
 * Attaches the quoted posts (one level) that are stored, and to a brand handle's own replies what
 * they answered (the card says "Replying to @user: ...").
 */
export function withQuoted(db: Database, views: PostView[]): PostView[] {
  const wanted = views.map((v) => v.quotedPostId).filter((id): id is string => id !== null);
  const quoted = wanted.length === 0 ? new Map<string, PostView>() : new Map(getPostViews(db, wanted).map((v) => [v.id, v]));
  const isBrand = statement(db, 'SELECT 1 FROM accounts WHERE id = ?');
  return views.map((v) => {
    const replyingTo = v.inReplyToPostId && isBrand.get(v.authorId) ? repliedTo(db, v) : null;
    if (!v.quotedPostId && !replyingTo) return v;
    return { ...v, ...(v.quotedPostId ? { quoted: quoted.get(v.quotedPostId) ?? null } : {}), ...(replyingTo ? { replyingTo } : {}) };
  });
}

/** Whom a reply answered: the parent post when stored, else its author when this desktop knows them. */
function repliedTo(db: Database, reply: PostView): PostView['replyingTo'] {
  const [parent] = reply.inReplyToPostId ? getPostViews(db, [reply.inReplyToPostId]) : [];
  if (parent) return { username: parent.author.username, text: parent.text };
  const user = reply.inReplyToUserId ? (statement(db, 'SELECT username FROM users WHERE id = ?').get(reply.inReplyToUserId) as { username: string } | undefined) : undefined;
  return user ? { username: user.username, text: null } : null;
}

const NO_METRICS: PostMetrics = { replies: 0, reposts: 0, likes: 0, quotes: 0 };

/** Moves one of a stored post's counts by `by` (never below 0); X's next count of it wins again. */
function bumpMetric(db: Database, postId: string, metric: keyof PostMetrics, by: number): void {
  const row = statement(db, 'SELECT metrics FROM posts WHERE id = ?').get(postId) as { metrics: string | null } | undefined;
  if (!row) return;
  const metrics = row.metrics ? (JSON.parse(row.metrics) as PostMetrics) : { ...NO_METRICS };
  metrics[metric] = Math.max(0, metrics[metric] + by);
  statement(db, 'UPDATE posts SET metrics = ? WHERE id = ?').run(JSON.stringify(metrics), postId);
}

/** A brand handle answered a stored post: it says who and when, and counts one more reply. False when it is not stored. */
export function recordAnswer(db: Database, postId: string, answer: PostAnswer): boolean {
  let stored = false;
  transaction(db, () => {
    stored = statement(db, 'UPDATE posts SET answered = ? WHERE id = ?').run(JSON.stringify(answer), postId).changes > 0;
    if (stored) bumpMetric(db, postId, 'replies', 1);
  });
  return stored;
}

const ENGAGED_BY = { like: 'liked_by', repost: 'reposted_by' } as const;
const ENGAGEMENT_METRIC = { like: 'likes', repost: 'reposts' } as const;

/** A handle liked or reposted a stored post (or undid it); its count follows. True when that changed anything. */
export function setEngagement(db: Database, postId: string, handleId: string, kind: Engagement, on: boolean): boolean {
  const column = ENGAGED_BY[kind];
  let changed = false;
  transaction(db, () => {
    const row = statement(db, `SELECT ${column} AS handles FROM posts WHERE id = ?`).get(postId) as { handles: string | null } | undefined;
    const handles = row?.handles ? (JSON.parse(row.handles) as string[]) : [];
    if (!row || handles.includes(handleId) === on) return;
    const next = on ? [...handles, handleId] : handles.filter((id) => id !== handleId);
    statement(db, `UPDATE posts SET ${column} = ? WHERE id = ?`).run(next.length > 0 ? JSON.stringify(next) : null, postId);
    bumpMetric(db, postId, ENGAGEMENT_METRIC[kind], on ? 1 : -1);
    changed = true;
  });
  return changed;
}

/** The columns that file any of these posts. */
export function columnsHolding(db: Database, postIds: readonly string[]): string[] {
  const find = statement(db, 'SELECT column_id FROM column_items WHERE post_id = ?');
  const columns = new Set<string>();
  for (const id of postIds) for (const row of find.all(id) as { column_id: string }[]) columns.add(row.column_id);
  return [...columns];
}

/**
 * Reads pages of rows newest first from `fetch(beforeId, chunk)` and keeps those the predicate
 * shows, until `limit` are kept or the rows run out. Shared by columns and archive columns.
 */
export function collectFiltered(
  fetch: (beforeId: string, chunk: number) => PostRow[],
  limit: number,
  beforeId: string | undefined,
  predicate: PostPredicate | null,
): PostView[] {
  const kept: PostView[] = [];
  let cursor = beforeId ?? NO_UPPER_BOUND;
  const chunk = predicate ? Math.max(200, limit * 2) : limit;
  for (;;) {
    const rows = fetch(cursor, chunk);
    for (const row of rows) {
      const view = toPostView(row);
      if (!predicate || predicate(view)) kept.push(view);
      if (kept.length === limit) return kept;
    }
    if (rows.length < chunk) return kept;
    cursor = rows[rows.length - 1]!.id;
  }
}

/**
 * A page of a column, newest first or highest priority first, with its filters applied when
 * given; `beforeId` is the last post of the previous page in that order.
 */
export function listColumnPosts(db: Database, columnId: string, limit: number, beforeId?: string, predicate: PostPredicate | null = null, sort: ColumnSort = 'newest'): PostView[] {
  const fetch =
    sort === 'priority'
      ? (before: string, chunk: number) => statement(db, COLUMN_PRIORITY_PAGE_SQL).all({ column: columnId, before, limit: chunk }) as PostRow[]
      : (before: string, chunk: number) => statement(db, COLUMN_PAGE_SQL).all(columnId, before, chunk) as PostRow[];
  const views = collectFiltered(fetch, limit, beforeId, predicate);
  return withQuoted(db, views);
}

/** Every post of a column, newest first, without holding them all at once. */
export function* iterateColumnPosts(db: Database, columnId: string): Generator<PostView> {
  const rows = db
    .prepare(
      `SELECT ${POST_VIEW_COLUMNS} FROM column_items ci JOIN posts p ON p.id = ci.post_id
       JOIN users u ON u.id = p.author_id WHERE ci.column_id = ? ORDER BY ci.post_id DESC`,
    )
    .iterate(columnId) as IterableIterator<PostRow>;
  for (const row of rows) yield toPostView(row);
}

/** Post ids of a column newer than `afterId` (all when null), newest first, at most `limit`. */
export function columnPostsAfter(db: Database, columnId: string, afterId: string | null, limit: number): PostView[] {
  const rows = statement(
    db,
    `SELECT ${POST_VIEW_COLUMNS} FROM column_items ci JOIN posts p ON p.id = ci.post_id
     JOIN users u ON u.id = p.author_id WHERE ci.column_id = ? AND ci.post_id > ? ORDER BY ci.post_id DESC LIMIT ?`,
  ).all(columnId, afterId ?? '0', limit) as PostRow[];
  return rows.map(toPostView);
}

export function getPostViews(db: Database, ids: readonly string[]): PostView[] {
  const select = statement(db, `SELECT ${POST_VIEW_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = ?`);
  const views: PostView[] = [];
  for (const id of ids) {
    const row = select.get(id) as PostRow | undefined;
    if (row) views.push(toPostView(row));
  }
  return views;
}

export function countPosts(db: Database): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM posts').get() as { n: number }).n;
}
