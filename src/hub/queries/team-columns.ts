// Team columns (what the hub ingests) and what it ingested into each.
import { z } from 'zod';
import type { PostView } from '../../shared/domain';
import { teamColumnSourceSchema } from '../../shared/hub-intents';
import type { TeamColumnView } from '../../shared/hub-protocol';
import type { HubDb } from '../db/schema';

export async function listTeamColumns(db: HubDb, handleIds?: readonly string[]): Promise<TeamColumnView[]> {
  if (handleIds && handleIds.length === 0) return [];
  let query = db.selectFrom('team_columns').select(['id', 'handle_id', 'title', 'source']).orderBy('created_at').orderBy('id');
  if (handleIds) query = query.where('handle_id', 'in', [...handleIds]);
  const rows = await query.execute();
  // Stored by the hub itself from a parsed intent; parsing again keeps a hand-edited row from spreading.
  return rows.flatMap((row) => {
    const source = teamColumnSourceSchema.safeParse(JSON.parse(row.source));
    return source.success ? [{ id: row.id, handleId: row.handle_id, title: row.title, source: source.data }] : [];
  });
}

export async function teamColumnById(db: HubDb, columnId: string): Promise<TeamColumnView | null> {
  const row = await db.selectFrom('team_columns').select(['id', 'handle_id', 'title', 'source']).where('id', '=', columnId).executeTakeFirst();
  if (!row) return null;
  const source = teamColumnSourceSchema.safeParse(JSON.parse(row.source));
  return source.success ? { id: row.id, handleId: row.handle_id, title: row.title, source: source.data } : null;
}

export async function insertTeamColumn(db: HubDb, column: TeamColumnView, createdBy: string, at: number): Promise<void> {
  await db.insertInto('team_columns').values({ id: column.id, handle_id: column.handleId, title: column.title, source: JSON.stringify(column.source), created_by: createdBy, created_at: at }).execute();
}

export async function deleteTeamColumn(db: HubDb, columnId: string): Promise<void> {
  await db.deleteFrom('team_posts').where('column_id', '=', columnId).execute();
  await db.deleteFrom('team_columns').where('id', '=', columnId).execute();
}

/** Keeps the posts a column did not have yet; answers those (the others were ingested before). */
export async function keepNewPosts(db: HubDb, columnId: string, posts: readonly PostView[], seq: number): Promise<PostView[]> {
  if (posts.length === 0) return [];
  const known = new Set(
    (
      await db
        .selectFrom('team_posts')
        .select('post_id')
        .where('column_id', '=', columnId)
        .where(
          'post_id',
          'in',
          posts.map((post) => post.id),
        )
        .execute()
    ).map((row) => row.post_id),
  );
  const fresh = posts.filter((post, index) => !known.has(post.id) && posts.findIndex((other) => other.id === post.id) === index);
  if (fresh.length > 0) await db.insertInto('team_posts').values(fresh.map((post) => ({ column_id: columnId, post_id: post.id, seq, payload: JSON.stringify(post) }))).execute();
  return fresh;
}

const storedPost = z.custom<PostView>((value) => typeof value === 'object' && value !== null && 'id' in value && 'author' in value);

/** The newest `limit` posts of each column, oldest first (as they were ingested). */
export async function recentPosts(db: HubDb, columnIds: readonly string[], limit: number): Promise<{ columnId: string; posts: PostView[] }[]> {
  const recent: { columnId: string; posts: PostView[] }[] = [];
  for (const columnId of columnIds) {
    const rows = await db.selectFrom('team_posts').select('payload').where('column_id', '=', columnId).orderBy('seq', 'desc').limit(limit).execute();
    const posts = rows.reverse().flatMap((row) => {
      const parsed = storedPost.safeParse(JSON.parse(row.payload));
      return parsed.success ? [parsed.data] : [];
    });
    if (posts.length > 0) recent.push({ columnId, posts });
  }
  return recent;
}
