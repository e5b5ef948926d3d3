// Cases: one row per (handle, post) with who has it and where it stands, compare-and-set on its
// version; the customer (the post's author) whose new messages reopen it.
import type { AssignmentView, CaseStatus } from '../../shared/hub-protocol';
import type { HubDb } from '../db/schema';
import { tagsFromJson } from '../../shared/case-tags';

type Row = { handle_id: string; post_id: string; assignee_id: string | null; status: CaseStatus; tags: string; version: number };
const toView = (row: Row): AssignmentView => ({ handleId: row.handle_id, postId: row.post_id, assigneeId: row.assignee_id, status: row.status, tags: tagsFromJson(row.tags), version: row.version });

export async function assignmentOf(db: HubDb, handleId: string, postId: string): Promise<AssignmentView> {
  const row = await db.selectFrom('assignments').selectAll().where('handle_id', '=', handleId).where('post_id', '=', postId).executeTakeFirst();
  return row ? toView(row) : { handleId, postId, assigneeId: null, status: 'open', tags: [], version: 0 };
}

/** The author of a post the hub ingested, when it did. */
async function customerOf(db: HubDb, postId: string): Promise<string | null> {
  const row = await db.selectFrom('team_posts').select('payload').where('post_id', '=', postId).limit(1).executeTakeFirst();
  if (!row) return null;
  const payload: unknown = JSON.parse(row.payload);
  if (payload && typeof payload === 'object' && 'authorId' in payload && typeof payload.authorId === 'string') return payload.authorId;
  return null;
}

/** Writes the case at `version` (the caller checked the previous one inside the transaction). */
export async function writeAssignment(db: HubDb, assignment: AssignmentView, at: number): Promise<void> {
  const values = { assignee_id: assignment.assigneeId, status: assignment.status, tags: JSON.stringify(assignment.tags), version: assignment.version, updated_at: at };
  const updated = await db.updateTable('assignments').set(values).where('handle_id', '=', assignment.handleId).where('post_id', '=', assignment.postId).executeTakeFirst();
  if (updated.numUpdatedRows > 0n) return;
  await db
    .insertInto('assignments')
    .values({ handle_id: assignment.handleId, post_id: assignment.postId, customer_id: await customerOf(db, assignment.postId), ...values })
    .execute();
}

export async function assignmentsOn(db: HubDb, handleIds: string[]): Promise<AssignmentView[]> {
  if (handleIds.length === 0) return [];
  const rows = await db.selectFrom('assignments').selectAll().where('handle_id', 'in', handleIds).orderBy('handle_id').orderBy('post_id').execute();
  return rows.map(toView);
}

/** The customer's cases on a handle that wait (pending, snoozed) or are done: a new message of theirs reopens them. */
export async function casesToReopen(db: HubDb, handleId: string, customerIds: readonly string[]): Promise<{ case: AssignmentView; customerId: string }[]> {
  if (customerIds.length === 0) return [];
  const rows = await db
    .selectFrom('assignments')
    .selectAll()
    .where('handle_id', '=', handleId)
    .where('customer_id', 'in', [...customerIds])
    .where('status', '!=', 'open')
    .execute();
  return rows.map((row) => ({ case: toView(row), customerId: row.customer_id ?? '' }));
}
