// Posts and their authors. A post is stored once, whatever number of columns hold it.
import type { Author, PostEntities, PostView } from '../../../shared/domain';
import type { Post } from '../../../shared/domain';
import type { Database } from './database';
import { statement } from './statements';

interface PostRow {
  id: string;
  author_id: string;
  text: string;
  created_at: string;
  conversation_id: string | null;
  in_reply_to_user_id: string | null;
  in_reply_to_post_id: string | null;
  lang: string | null;
  entities: string;
  username: string;
  name: string;
  avatar_url: string | null;
  verified: number;
  followers_count: number;
}

const POST_VIEW_COLUMNS = `
  CAST(p.id AS TEXT) AS id, CAST(p.author_id AS TEXT) AS author_id, p.text, p.created_at,
  p.conversation_id, p.in_reply_to_user_id, p.in_reply_to_post_id, p.lang, p.entities,
  u.username, u.name, u.avatar_url, u.verified, u.followers_count`;

function toPostView(row: PostRow): PostView {
  const author: Author = {
    id: row.author_id,
    username: row.username,
    name: row.name,
    avatarUrl: row.avatar_url,
    verified: row.verified === 1,
    followersCount: row.followers_count,
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
    author,
  };
}

export function upsertAuthors(db: Database, authors: readonly Author[], now = new Date().toISOString()): void {
  const upsert = statement(
    db,
    `INSERT INTO users (id, username, name, avatar_url, verified, followers_count, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
       avatar_url = excluded.avatar_url, verified = excluded.verified,
       followers_count = excluded.followers_count, updated_at = excluded.updated_at`,
  );
  for (const a of authors) upsert.run(a.id, a.username, a.name, a.avatarUrl, a.verified ? 1 : 0, a.followersCount, now);
}

/** Inserts the posts not stored yet; returns the ids that were new. */
export function insertPosts(db: Database, posts: readonly Post[]): Set<string> {
  const insert = statement(
    db,
    `INSERT OR IGNORE INTO posts (id, author_id, text, created_at, conversation_id, in_reply_to_user_id,
       in_reply_to_post_id, lang, entities) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const inserted = new Set<string>();
  for (const p of posts) {
    const result = insert.run(p.id, p.authorId, p.text, p.createdAt, p.conversationId, p.inReplyToUserId, p.inReplyToPostId, p.lang, JSON.stringify(p.entities));
    if (result.changes > 0) inserted.add(p.id);
  }
  return inserted;
}

/** Files posts in a column; returns the ids the column did not hold yet. */
export function addColumnItems(db: Database, columnId: string, postIds: Iterable<string>): string[] {
  const insert = statement(db, 'INSERT OR IGNORE INTO column_items (column_id, post_id) VALUES (?, ?)');
  const added: string[] = [];
  for (const id of postIds) if (insert.run(columnId, id).changes > 0) added.push(id);
  return added;
}

export function listColumnPosts(db: Database, columnId: string, limit: number, beforeId?: string): PostView[] {
  const rows = beforeId
    ? statement(
        db,
        `SELECT ${POST_VIEW_COLUMNS} FROM column_items ci JOIN posts p ON p.id = ci.post_id
         JOIN users u ON u.id = p.author_id
         WHERE ci.column_id = ? AND ci.post_id < ? ORDER BY ci.post_id DESC LIMIT ?`,
      ).all(columnId, beforeId, limit)
    : statement(
        db,
        `SELECT ${POST_VIEW_COLUMNS} FROM column_items ci JOIN posts p ON p.id = ci.post_id
         JOIN users u ON u.id = p.author_id
         WHERE ci.column_id = ? ORDER BY ci.post_id DESC LIMIT ?`,
      ).all(columnId, limit);
  return (rows as PostRow[]).map(toPostView);
}

export function getPostViews(db: Database, ids: readonly string[]): PostView[] {
  const select = statement(
    db,
    `SELECT ${POST_VIEW_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = ?`,
  );
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
