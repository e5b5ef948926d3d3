// Team columns (what the hub ingests) and what it ingested into each.
import { sql } from 'kysely';
import { z } from 'zod';
import type { PostView } from '../../shared/domain';
import { columnLayoutSchema, teamColumnSourceSchema, type ColumnLayoutPatch } from '../../shared/hub-intents';
import type { TeamColumnView } from '../../shared/hub-protocol';
import type { HubDb } from '../db/schema';
import { pruneDmEvents } from './dm-events';

const COLUMN_FIELDS = ['id', 'handle_id', 'title', 'source', 'owner_id'] as const;

// Stored by the hub itself from a parsed intent; parsing again keeps a hand-edited row from spreading.
function toView(row: { id: string; handle_id: string; title: string; source: string; owner_id: string | null }): TeamColumnView | null {
  const source = teamColumnSourceSchema.safeParse(JSON.parse(row.source));
  return source.success ? { id: row.id, handleId: row.handle_id, title: row.title, source: source.data, ownerId: row.owner_id } : null;
}

/**
 * The columns the hub ingests: on `handleIds` when given, and for `memberId` when given (the
 * team's and their own personal ones; without it, everyone's: the ingest's view).
 */
export async function listTeamColumns(db: HubDb, handleIds?: readonly string[], memberId?: string): Promise<TeamColumnView[]> {
  if (handleIds && handleIds.length === 0) return [];
  let query = db.selectFrom('team_columns').select(COLUMN_FIELDS).orderBy('created_at').orderBy('id');
  if (handleIds) query = query.where('handle_id', 'in', [...handleIds]);
  if (memberId !== undefined) query = query.where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', memberId)]));
  const rows = await query.execute();
  return rows.flatMap((row) => toView(row) ?? []);
}

export async function teamColumnById(db: HubDb, columnId: string): Promise<TeamColumnView | null> {
  const row = await db.selectFrom('team_columns').select(COLUMN_FIELDS).where('id', '=', columnId).executeTakeFirst();
  return row ? toView(row) : null;
}

export async function insertTeamColumn(db: HubDb, column: TeamColumnView, createdBy: string, at: number): Promise<void> {
  await db
    .insertInto('team_columns')
    .values({ id: column.id, handle_id: column.handleId, title: column.title, source: JSON.stringify(column.source), owner_id: column.ownerId, created_by: createdBy, created_at: at })
    .execute();
}

export async function deleteTeamColumn(db: HubDb, columnId: string): Promise<void> {
  await db.deleteFrom('team_posts').where('column_id', '=', columnId).execute();
  await db.deleteFrom('member_layouts').where('column_id', '=', columnId).execute();
  await db.deleteFrom('team_columns').where('id', '=', columnId).execute();
}

/** Keeps the posts a column did not have yet; answers those (the others were ingested before). */
export async function keepNewPosts(db: HubDb, columnId: string, posts: readonly PostView[], seq: number): Promise<PostView[]> {
  if (posts.length === 0) return [];
  const ids = posts.map((post) => post.id);
  const rows = await db.selectFrom('team_posts').select('post_id').where('column_id', '=', columnId).where('post_id', 'in', ids).execute();
  const known = new Set(rows.map((row) => row.post_id));
  const fresh = posts.filter((post, index) => !known.has(post.id) && posts.findIndex((other) => other.id === post.id) === index);
  if (fresh.length > 0) await db.insertInto('team_posts').values(fresh.map((post) => ({ column_id: columnId, post_id: post.id, seq, payload: JSON.stringify(post) }))).execute();
  return fresh;
}

const storedPost = z.custom<PostView>((value) => typeof value === 'object' && value !== null && 'id' in value && 'author' in value);

/** The newest `limit` posts of each column, oldest first (as they were ingested). */
export async function recentPosts(db: HubDb, columnIds: readonly string[], limit: number): Promise<{ columnId: string; posts: PostView[] }[]> {
  const recent: { columnId: string; posts: PostView[] }[] = [];
  for (const columnId of columnIds) {
    // Posts of one entry share its seq: within it, X ids order them (a longer id is a newer one).
    const rows = await db
      .selectFrom('team_posts')
      .select('payload')
      .where('column_id', '=', columnId)
      .orderBy('seq', 'desc')
      .orderBy(sql`length(post_id)`, 'desc')
      .orderBy('post_id', 'desc')
      .limit(limit)
      .execute();
    const posts = rows.reverse().flatMap((row) => {
      const parsed = storedPost.safeParse(JSON.parse(row.payload));
      return parsed.success ? [parsed.data] : [];
    });
    if (posts.length > 0) recent.push({ columnId, posts });
  }
  return recent;
}

const layoutOf = (text: string): ColumnLayoutPatch => {
  const parsed = columnLayoutSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : {};
};

/** Merges a member's change into their layout of a column; answers the whole layout now. */
export async function mergeMemberLayout(db: HubDb, memberId: string, columnId: string, patch: ColumnLayoutPatch, at: number): Promise<ColumnLayoutPatch> {
  const row = await db.selectFrom('member_layouts').select('layout').where('member_id', '=', memberId).where('column_id', '=', columnId).executeTakeFirst();
  const layout = { ...(row ? layoutOf(row.layout) : {}), ...patch };
  await db
    .insertInto('member_layouts')
    .values({ member_id: memberId, column_id: columnId, layout: JSON.stringify(layout), updated_at: at })
    .onConflict((oc) => oc.columns(['member_id', 'column_id']).doUpdateSet({ layout: JSON.stringify(layout), updated_at: at }))
    .execute();
  return layout;
}

/** A member's layouts of the team columns, by column id. */
export async function memberLayouts(db: HubDb, memberId: string): Promise<Record<string, ColumnLayoutPatch>> {
  const rows = await db.selectFrom('member_layouts').select(['column_id', 'layout']).where('member_id', '=', memberId).execute();
  return Object.fromEntries(rows.map((row) => [row.column_id, layoutOf(row.layout)]));
}

/** Posts a column keeps for snapshots however old they are (a quiet column still shows its last ones). */
export const KEPT_POSTS_PER_COLUMN = 1_000;

/**
 * Retention of what the hub ingested: `ingested` entries older than `cutoffAt` leave the log (the
 * desktops' replicas and archives keep them; a cursor from before gets a snapshot), and each
 * column keeps its newest KEPT_POSTS_PER_COLUMN posts for snapshots (each handle its newest DM
 * events, likewise). Members' intents, refusals
 * included, stay: the log is also the audit log. Answers how many entries went.
 */
export async function pruneIngested(db: HubDb, cutoffAt: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const newestOld = await trx
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('intent', 'in', ['ingested', 'ingestedDms'])
      .where('at', '<', cutoffAt)
      .executeTakeFirst();
    const cutSeq = Number(newestOld?.seq ?? 0);
    if (cutSeq === 0) return 0;
    const removed = await trx.deleteFrom('events').where('seq', '<=', cutSeq).where('intent', 'in', ['ingested', 'ingestedDms']).executeTakeFirst();
    await trx.updateTable('team').set({ kept_from_seq: cutSeq + 1 }).where('id', '=', 1).where('kept_from_seq', '<', cutSeq + 1).execute();
    for (const { id } of await trx.selectFrom('team_columns').select('id').execute()) {
      const boundary = await trx.selectFrom('team_posts').select('seq').where('column_id', '=', id).orderBy('seq', 'desc').offset(KEPT_POSTS_PER_COLUMN).limit(1).executeTakeFirst();
      if (boundary) await trx.deleteFrom('team_posts').where('column_id', '=', id).where('seq', '<=', boundary.seq).execute();
    }
    await pruneDmEvents(trx);
    return Number(removed.numDeletedRows);
  });
}
