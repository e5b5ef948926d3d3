// Replies that wait for an approver, run inside the transaction that applies them (see apply.ts).
// A member with reply but not send-without-approval submits; one with approve sends the reply
// (edited or not) into the hub's outbox as sendReply would, credited to its author, or rejects it
// with a note. Every entry is about a case: it goes to those who see the handle's queue and to the
// reply's author, so their desktop hears the outcome.
import type { ApprovalView } from '../shared/hub-protocol';
import { guardDoNotEngage } from './case-intents';
import { newId } from './credentials';
import { Refusal, requireHandle, type Handler, type IntentContext } from './intent-context';
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

const decideApproval: Handler<'decideApproval'> = async (context, args) => {
  const username = await requireHandle(context.db, args.handleId);
  const approval = await approvalById(context.db, args.approvalId);
  if (!approval || approval.handleId !== args.handleId) throw new Refusal('not_found', `No reply waits for approval as ${args.approvalId} on @${username}.`);
  if (approval.status !== 'waiting') throw new Refusal('conflict', `Already ${approval.status} by ${await nameOf(context, approval.decidedBy)}.`);
  if (args.approve) await guardDoNotEngage(context, { handleId: args.handleId, postId: approval.postId, engageAnyway: args.engageAnyway }, username);

  const status: ApprovalView['status'] = args.approve ? 'approved' : 'rejected';
  const text = args.approve ? (args.text ?? approval.text) : approval.text;
  const note = args.note ? args.note : null;
  const decidedBy = context.access.member.id;
  // Decided once: the update only takes a waiting row (the hub's write lock already orders deciders).
  if (!(await decideApprovalRow(context.db, approval.id, { status, finalText: args.approve ? text : null, decidedBy, note }, context.now))) {
    throw new Refusal('conflict', 'Someone decided that reply just now.');
  }
  const result = { approvalId: approval.id, status, postId: approval.postId, authorId: approval.authorId, text };
  const logged = { handleId: args.handleId, approvalId: approval.id, approve: args.approve, postId: approval.postId, authorId: approval.authorId, text, note };
  const entry = { result, logged, audience: 'case' as const, forMember: approval.authorId };
  if (!args.approve) return entry;
  // Sent as the author's reply: replySettled, the case's replies and the case going pending credit them.
  const outboxId = newId('out');
  await queueReply(context.db, { id: outboxId, handleId: args.handleId, memberId: approval.authorId, inReplyTo: approval.postId, text }, context.now);
  return { ...entry, after: { kind: 'replyQueued', outboxId, keepResult: true } };
};

export const APPROVAL_HANDLERS = { submitReply, decideApproval };
