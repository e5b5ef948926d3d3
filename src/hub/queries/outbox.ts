// Replies, direct messages, likes, reposts and new posts members asked the hub to send: queued in the intent's transaction, sent after the commit (a scheduled post at its time).
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
  /** A scheduled post's time; null: as soon as it can. */
  sendAt: number | null;
  createdAt: number;
  updatedAt: number;
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
  sendAt: row.send_at === null ? null : Number(row.send_at),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

export async function queueReply(db: HubDb, item: { id: string; handleId: string; memberId: string; inReplyTo: string; text: string; kind?: OutboxKind; sendAt?: number | null }, at: number): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ id: item.id, handle_id: item.handleId, member_id: item.memberId, in_reply_to: item.inReplyTo, text: item.text, status: 'queued', x_post_id: null, reason: null, created_at: at, updated_at: at, kind: item.kind ?? 'reply', send_at: item.sendAt ?? null })
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

/** What is due to go out: queued (a scheduled post once its time came), and handed to X by a process that stopped before recording the outcome. */
export async function queuedItems(db: HubDb, now: number): Promise<OutboxItem[]> {
  return (
    await db
      .selectFrom('outbox')
      .selectAll()
      .where('status', 'in', ['queued', 'sending'])
      .where((eb) => eb.or([eb('send_at', 'is', null), eb('send_at', '<=', now)]))
      .orderBy('created_at')
      .execute()
  ).map(toItem);
}

/** When the next scheduled post is due, or null. */
export async function nextScheduledAt(db: HubDb): Promise<number | null> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.min('send_at').as('at')).where('status', '=', 'queued').where('send_at', 'is not', null).executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

/** A handle's new posts for its Scheduled column: every waiting or failed one, and the newest 50 sent. */
export async function scheduledPostsOf(db: HubDb, handleId: string): Promise<OutboxItem[]> {
  const open = await db.selectFrom('outbox').selectAll().where('handle_id', '=', handleId).where('kind', '=', 'post').where('status', '!=', 'sent').orderBy('created_at').execute();
  const sent = await db.selectFrom('outbox').selectAll().where('handle_id', '=', handleId).where('kind', '=', 'post').where('status', '=', 'sent').orderBy('updated_at', 'desc').limit(50).execute();
  return [...open, ...sent].map(toItem);
}

/** A day's sends are a handful to a few thousand; a bound keeps one read small all the same. */
const SENDS_PER_READ = 20_000;

/** What went out as the handle in [from, to) that X charges for (replies, DMs, new posts): kind and text. */
export async function sentBetween(db: HubDb, handleId: string, from: number, to: number): Promise<{ kind: 'reply' | 'dm' | 'post'; text: string }[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['kind', 'text'])
    .where('handle_id', '=', handleId)
    .where('status', '=', 'sent')
    .where('kind', 'in', ['reply', 'dm', 'post'])
    .where('updated_at', '>=', from)
    .where('updated_at', '<', to)
    .limit(SENDS_PER_READ)
    .execute();
  return rows.map((row) => ({ kind: row.kind as 'reply' | 'dm' | 'post', text: row.text }));
}

/** Takes out a post that has not gone to X (queued or failed); false: it is sending or sent. */
export async function cancelQueuedPost(db: HubDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom('outbox').where('id', '=', id).where('kind', '=', 'post').where('status', 'in', ['queued', 'failed']).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/** A failed post goes back in line, to go out now; false: it had not failed. */
export async function retryFailedPost(db: HubDb, id: string, at: number): Promise<boolean> {
  const result = await db.updateTable('outbox').set({ status: 'queued', reason: null, send_at: null, updated_at: at }).where('id', '=', id).where('kind', '=', 'post').where('status', '=', 'failed').executeTakeFirst();
  return result.numUpdatedRows === 1n;
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
