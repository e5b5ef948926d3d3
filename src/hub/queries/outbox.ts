// Replies, direct messages, likes and reposts members asked the hub to send: queued in the intent's transaction, sent after the commit.
import type { Selectable } from 'kysely';
import type { EngagementKind, HubDb, OutboxKind, OutboxTable } from '../db/schema';

export interface OutboxItem {
  id: string;
  handleId: string;
  memberId: string;
  inReplyTo: string;
  text: string;
  status: OutboxTable['status'];
  xPostId: string | null;
  reason: string | null;
  kind: OutboxKind;
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

export async function queueReply(db: HubDb, item: { id: string; handleId: string; memberId: string; inReplyTo: string; text: string; kind?: OutboxKind }, at: number): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ id: item.id, handle_id: item.handleId, member_id: item.memberId, in_reply_to: item.inReplyTo, text: item.text, status: 'queued', x_post_id: null, reason: null, created_at: at, updated_at: at, kind: item.kind ?? 'reply' })
    .execute();
}

/** The outbox kind of a like or repost (on) or its undoing (off). */
export function engagementKind(kind: 'like' | 'repost', on: boolean): EngagementKind {
  if (kind === 'like') return on ? 'like' : 'unlike';
  return on ? 'repost' : 'unrepost';
}

/** A like or repost item as what it does: which engagement, and whether it is on afterwards. */
export function engagementOf(kind: OutboxKind): { kind: 'like' | 'repost'; on: boolean } | null {
  switch (kind) {
    case 'like':
    case 'repost':
      return { kind, on: true };
    case 'unlike':
      return { kind: 'like', on: false };
    case 'unrepost':
      return { kind: 'repost', on: false };
    default:
      return null;
  }
}

export async function outboxItem(db: HubDb, id: string): Promise<OutboxItem | null> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toItem(row) : null;
}

/** What waits to go out: queued, and handed to X by a process that stopped before recording the outcome. */
export async function queuedItems(db: HubDb): Promise<OutboxItem[]> {
  return (await db.selectFrom('outbox').selectAll().where('status', 'in', ['queued', 'sending']).orderBy('created_at').execute()).map(toItem);
}

/** Recorded before an item is handed to X: after a crash, the next attempt looks for it at X first. */
export async function markSending(db: HubDb, id: string, at: number): Promise<void> {
  await db.updateTable('outbox').set({ status: 'sending', updated_at: at }).where('id', '=', id).where('status', '=', 'queued').execute();
}

/** Marks a queued (or sending) item sent or failed; false when it was settled already (another process did it). */
export async function settleItem(db: HubDb, id: string, outcome: { status: 'sent'; xPostId: string } | { status: 'failed'; reason: string }, at: number): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: outcome.status, x_post_id: outcome.status === 'sent' ? outcome.xPostId : null, reason: outcome.status === 'failed' ? outcome.reason : null, updated_at: at })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'sending'])
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
