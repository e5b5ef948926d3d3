// Replies that wait for an approver: written by submitReply and decideApproval, read by listApprovals.
import type { Selectable } from 'kysely';
import type { ApprovalView } from '../../shared/hub-protocol';
import type { ApprovalsTable, HubDb } from '../db/schema';
import { canViewHandle, permissionsOnHandle, type Access } from './members';

/** The newest this many come with one read: a queue longer than that is worked from its top. */
export const APPROVALS_PER_READ = 200;

const toView = (row: Selectable<ApprovalsTable>): ApprovalView => ({
  id: row.id,
  handleId: row.handle_id,
  kind: row.kind,
  postId: row.post_id,
  text: row.text,
  finalText: row.final_text,
  authorId: row.author_id,
  status: row.status,
  decidedBy: row.decided_by,
  note: row.note,
  createdAt: Number(row.created_at),
  decidedAt: row.decided_at === null ? null : Number(row.decided_at),
  sendAt: row.send_at === null ? null : Number(row.send_at),
});

/** A reply (postId: the post it answers) or a new post (kind 'post', postId '', sendAt its time or null). */
export async function insertApproval(db: HubDb, approval: { id: string; handleId: string; postId: string; text: string; authorId: string; kind?: 'reply' | 'post'; sendAt?: number | null }, at: number): Promise<void> {
  await db
    .insertInto('approvals')
    .values({
      id: approval.id,
      handle_id: approval.handleId,
      kind: approval.kind ?? 'reply',
      post_id: approval.postId,
      text: approval.text,
      author_id: approval.authorId,
      status: 'waiting',
      final_text: null,
      decided_by: null,
      note: null,
      created_at: at,
      decided_at: null,
      send_at: approval.sendAt ?? null,
    })
    .execute();
}

export async function approvalById(db: HubDb, id: string): Promise<ApprovalView | null> {
  const row = await db.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toView(row) : null;
}

/** Decides a waiting approval; false when it was no longer waiting. */
export async function decideApprovalRow(db: HubDb, id: string, decision: { status: 'approved' | 'rejected'; finalText: string | null; decidedBy: string; note: string | null }, at: number): Promise<boolean> {
  const result = await db
    .updateTable('approvals')
    .set({ status: decision.status, final_text: decision.finalText, decided_by: decision.decidedBy, note: decision.note, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * A handle's approvals as `access` may see them, newest first: those with approve on the handle
 * see every one, other members their own submissions. Null when the member may not view the handle.
 */
export async function listApprovals(db: HubDb, access: Access, options: { handleId: string; status?: 'waiting' | 'decided' | undefined }): Promise<ApprovalView[] | null> {
  if (!canViewHandle(access, options.handleId)) return null;
  let query = db.selectFrom('approvals').selectAll().where('handle_id', '=', options.handleId);
  if (options.status === 'waiting') query = query.where('status', '=', 'waiting');
  if (options.status === 'decided') query = query.where('status', 'in', ['approved', 'rejected']);
  if (!permissionsOnHandle(access, options.handleId).has('approve')) query = query.where('author_id', '=', access.member.id);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(APPROVALS_PER_READ).execute();
  return rows.map(toView);
}
