// Who works a post: one row per (handle, post), compare-and-set on its version.
import type { AssignmentView } from '../../shared/hub-protocol';
import type { HubDb } from '../db/schema';

export async function assignmentOf(db: HubDb, handleId: string, postId: string): Promise<AssignmentView> {
  const row = await db.selectFrom('assignments').selectAll().where('handle_id', '=', handleId).where('post_id', '=', postId).executeTakeFirst();
  return { handleId, postId, assigneeId: row?.assignee_id ?? null, version: row?.version ?? 0 };
}

/** Writes the new assignee at `version` (the caller checked the previous one inside the transaction). */
export async function writeAssignment(db: HubDb, assignment: AssignmentView, at: number): Promise<void> {
  await db
    .insertInto('assignments')
    .values({ handle_id: assignment.handleId, post_id: assignment.postId, assignee_id: assignment.assigneeId, version: assignment.version, updated_at: at })
    .onConflict((oc) => oc.columns(['handle_id', 'post_id']).doUpdateSet({ assignee_id: assignment.assigneeId, version: assignment.version, updated_at: at }))
    .execute();
}

export async function assignmentsOn(db: HubDb, handleIds: string[]): Promise<AssignmentView[]> {
  if (handleIds.length === 0) return [];
  const rows = await db.selectFrom('assignments').selectAll().where('handle_id', 'in', handleIds).orderBy('handle_id').orderBy('post_id').execute();
  return rows.map((row) => ({ handleId: row.handle_id, postId: row.post_id, assigneeId: row.assignee_id, version: row.version }));
}
