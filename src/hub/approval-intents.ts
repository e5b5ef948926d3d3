// Replies and new posts that wait for an approver, run inside the transaction that applies them
// (see apply.ts). A member with reply (or post) but not send-without-approval submits; one with
// approve sends it (edited or not) into the hub's outbox as sendReply (or createPost) would,
// credited to its author, or rejects it with a note. A reply's entries are about a case: they go to
// those who see the handle's queue and to the reply's author; a new post's go to every member who
// sees the handle, as createPost's do. The author's desktop hears the outcome either way.
import type { ApprovalView } from '../shared/hub-protocol';
import { guardDoNotEngage } from './case-intents';
import { newId } from './credentials';
import { Refusal, requireHandle, type Handler, type IntentContext } from './intent-context';
import { queuePost, requireTimeAhead } from './post-intents';
import { approvalById, decideApprovalRow, insertApproval } from './queries/approvals';
import { queueReply } from './queries/outbox';

async function nameOf(context: IntentContext, memberId: string | null): Promise<string> {
  if (memberId === null) return 'someone';
  const row = await context.db.selectFrom('members').select('display_name').where('id', '=', memberId).executeTakeFirst();
  return row?.display_name ?? 'a former member';
}

const submitReply: Handler<'submitReply'> = async (context, args) => {
  await requireHandle(context.db, args.handleId);
  const approvalId = newId('apr');
  const authorId = context.access.member.id;
  await insertApproval(context.db, { id: approvalId, handleId: args.handleId, postId: args.postId, text: args.text, authorId }, context.now);
  // The entry names the approval, so desktops can match the decision to it.
  return { result: { approvalId }, logged: { ...args, approvalId }, audience: 'case', forMember: authorId };
};

const submitPost: Handler<'submitPost'> = async (context, args) => {
  const username = await requireHandle(context.db, args.handleId);
  if (args.sendAt !== null) requireTimeAhead(args.sendAt, context.now, `submit the post for @${username} to go out when approved`);
  const approvalId = newId('apr');
  const authorId = context.access.member.id;
  await insertApproval(context.db, { id: approvalId, handleId: args.handleId, postId: '', text: args.text, authorId, kind: 'post', sendAt: args.sendAt }, context.now);
  return { result: { approvalId }, logged: { ...args, approvalId }, audience: 'member' };
};

const decideApproval: Handler<'decideApproval'> = async (context, args) => {
  const username = await requireHandle(context.db, args.handleId);
  const approval = await approvalById(context.db, args.approvalId);
  const what = approval?.kind === 'post' ? 'post' : 'reply';
  if (!approval || approval.handleId !== args.handleId) throw new Refusal('not_found', `No reply or post waits for approval as ${args.approvalId} on @${username}.`);
  if (approval.status !== 'waiting') throw new Refusal('conflict', `Already ${approval.status} by ${await nameOf(context, approval.decidedBy)}.`);
  if (args.approve && approval.kind === 'reply') await guardDoNotEngage(context, { handleId: args.handleId, postId: approval.postId, engageAnyway: args.engageAnyway }, username);

  const status: ApprovalView['status'] = args.approve ? 'approved' : 'rejected';
  const text = args.approve ? (args.text ?? approval.text) : approval.text;
  const note = args.note ? args.note : null;
  const decidedBy = context.access.member.id;
  // Decided once: the update only takes a waiting row (the hub's write lock already orders deciders).
  if (!(await decideApprovalRow(context.db, approval.id, { status, finalText: args.approve ? text : null, decidedBy, note }, context.now))) {
    throw new Refusal('conflict', `Someone decided that ${what} just now.`);
  }
  const result = { approvalId: approval.id, status, postId: approval.postId, authorId: approval.authorId, text };
  const logged = { handleId: args.handleId, approvalId: approval.id, approve: args.approve, postId: approval.postId, authorId: approval.authorId, text, note, kind: approval.kind };
  if (approval.kind === 'post') return decidePost(context, approval, { result, logged, approve: args.approve, text });
  const entry = { result, logged, audience: 'case' as const, forMember: approval.authorId };
  if (!args.approve) return entry;
  // Sent as the author's reply: replySettled, the case's replies and the case going pending credit them.
  const outboxId = newId('out');
  await queueReply(context.db, { id: outboxId, handleId: args.handleId, memberId: approval.authorId, inReplyTo: approval.postId, text }, context.now);
  return { ...entry, after: { kind: 'replyQueued', outboxId, keepResult: true } };
};

/** An approved new post goes into the outbox as its author's createPost would: at its time if still ahead, else now. */
async function decidePost(context: IntentContext, approval: ApprovalView, decided: { result: unknown; logged: unknown; approve: boolean; text: string }) {
  const entry = { result: decided.result, logged: decided.logged, audience: 'member' as const };
  if (!decided.approve) return entry;
  const sendAt = approval.sendAt !== null && approval.sendAt > context.now ? approval.sendAt : null;
  const { after } = await queuePost(context, { handleId: approval.handleId, memberId: approval.authorId, text: decided.text, sendAt });
  // Sent now, the approver is answered the decision, not the delivery.
  return { ...entry, after: after.kind === 'replyQueued' ? { ...after, keepResult: true } : after };
}

export const APPROVAL_HANDLERS = { submitReply, submitPost, decideApproval };
