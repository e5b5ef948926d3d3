// New posts as a team handle (createPost), now or at a time, and what can be done with one that
// has not gone out (changeScheduledPost: cancel, or retry after X refused it). Run inside the
// transaction that applies them (see apply.ts); the hub's outbox sends each (a scheduled one when
// its time comes, by the leader's timer), and every member who sees the handle hears of it.
import { MAX_SCHEDULE_DAYS } from '../shared/outbox';
import { newId } from './credentials';
import { Refusal, requireHandle, type AfterCommit, type Handler, type IntentContext } from './intent-context';
import { cancelQueuedPost, outboxItem, queueReply, retryFailedPost } from './queries/outbox';

/**
 * A new post's time, checked on the hub's clock (the desktop's may be off): ahead of now, and at
 * most MAX_SCHEDULE_DAYS ahead. `otherwise`: what the member can do instead of a passed time.
 */
export function requireTimeAhead(sendAt: number, now: number, otherwise: string): void {
  if (sendAt <= now) throw new Refusal('invalid_input', `That time has passed on the hub’s clock: choose a time ahead, or ${otherwise}.`);
  if (sendAt - now > MAX_SCHEDULE_DAYS * 86_400_000) throw new Refusal('invalid_input', `A post can be scheduled at most ${MAX_SCHEDULE_DAYS} days ahead.`);
}

/**
 * Puts a new post in the outbox, credited to `memberId`. Now (sendAt null): the hub sends it after
 * the commit and answers how it went; later: the leader's timer is set again.
 */
export async function queuePost(context: IntentContext, post: { handleId: string; memberId: string; text: string; sendAt: number | null }): Promise<{ outboxId: string; after: AfterCommit }> {
  const outboxId = newId('out');
  await queueReply(context.db, { id: outboxId, handleId: post.handleId, memberId: post.memberId, inReplyTo: '', text: post.text, kind: 'post', sendAt: post.sendAt }, context.now);
  return { outboxId, after: post.sendAt === null ? { kind: 'replyQueued', outboxId } : { kind: 'scheduleChanged' } };
}

const createPost: Handler<'createPost'> = async (context, args) => {
  const username = await requireHandle(context.db, args.handleId);
  if (args.sendAt !== null) requireTimeAhead(args.sendAt, context.now, `post now as @${username}`);
  const { outboxId, after } = await queuePost(context, { handleId: args.handleId, memberId: context.access.member.id, text: args.text, sendAt: args.sendAt });
  return { result: { outboxId, status: 'queued' }, logged: { ...args, outboxId }, audience: 'member', after };
};

const changeScheduledPost: Handler<'changeScheduledPost'> = async (context, args) => {
  const username = await requireHandle(context.db, args.handleId);
  const item = await outboxItem(context.db, args.outboxId);
  if (!item || item.kind !== 'post' || item.handleId !== args.handleId) throw new Refusal('not_found', `No post of @${username} waits as ${args.outboxId}.`);
  const changed = args.action === 'cancel' ? await cancelQueuedPost(context.db, item.id) : await retryFailedPost(context.db, item.id, context.now);
  if (!changed) throw new Refusal('conflict', args.action === 'cancel' ? `It is ${item.status === 'sent' ? 'out already' : 'being sent now'}.` : 'Only a post X refused can be retried.');
  if (args.action === 'retry') return { result: { outboxId: item.id }, audience: 'member', after: { kind: 'replyQueued', outboxId: item.id } };
  return { result: { outboxId: item.id }, audience: 'member', after: { kind: 'scheduleChanged' } };
};

export const POST_HANDLERS = { createPost, changeScheduledPost };
