// Replies and direct messages members asked the hub to send: queued in the intent's transaction, sent after the commit.
import type { Selectable } from 'kysely';
import type { HubDb, OutboxTable } from '../db/schema';

export interface OutboxItem {
  id: string;
  handleId: string;
  memberId: string;
  inReplyTo: string;
  text: string;
  status: OutboxTable['status'];
  xPostId: string | null;
  reason: string | null;
  kind: 'reply' | 'dm';
}

const toItem = (row: Selectable<OutboxTable>): OutboxItem => ({
  id: row.id,
  handleId: row.handle_id,
  memberId: row.member_id,
  inReplyTo: row.in_reply_to,
  text: row.text,
  status: row.status,
  xPostId: row.x_post_id,
  reason: row.reason,
  kind: row.kind,
});

export async function queueReply(db: HubDb, item: { id: string; handleId: string; memberId: string; inReplyTo: string; text: string; kind?: 'reply' | 'dm' }, at: number): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ id: item.id, handle_id: item.handleId, member_id: item.memberId, in_reply_to: item.inReplyTo, text: item.text, status: 'queued', x_post_id: null, reason: null, created_at: at, updated_at: at, kind: item.kind ?? 'reply' })
    .execute();
}

export async function outboxItem(db: HubDb, id: string): Promise<OutboxItem | null> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toItem(row) : null;
}

export async function queuedItems(db: HubDb): Promise<OutboxItem[]> {
  return (await db.selectFrom('outbox').selectAll().where('status', '=', 'queued').orderBy('created_at').execute()).map(toItem);
}

/** Marks a queued item sent or failed; false when it was no longer queued (another process did it). */
export async function settleItem(db: HubDb, id: string, outcome: { status: 'sent'; xPostId: string } | { status: 'failed'; reason: string }, at: number): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: outcome.status, x_post_id: outcome.status === 'sent' ? outcome.xPostId : null, reason: outcome.status === 'failed' ? outcome.reason : null, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
