// Merging a customer's two cases into one, and splitting a message off into a case of its own,
// inside the transaction that applies the intent (both cases' entries go to the queue's viewers
// and to each case's assignee); labels on customers, which routing rules read.
import { absorbed, mergedInto, withoutMessage } from '../shared/case-transitions';
import { newCase } from '../shared/hub-protocol';
import { Refusal, requireHandle, type Handler } from './intent-context';
import { caseOfMessage, ingestedPost, joinCase, writeAssignment } from './queries/assignments';

const mergeCases: Handler<'mergeCases'> = async (context, args) => {
  const username = await requireHandle(context.db, args.handleId);
  const from = await caseOfMessage(context.db, args.handleId, args.postId);
  const into = await caseOfMessage(context.db, args.handleId, args.intoPostId);
  if (from.postId === into.postId) throw new Refusal('conflict', 'Those posts are one case already.');
  if (from.version === 0 || into.version === 0) throw new Refusal('not_found', `@${username} has no case for one of those posts.`);
  if (from.customerId === null || from.customerId !== into.customerId) throw new Refusal('conflict', 'Only cases of the same customer can be merged.');
  const merged = mergedInto(into, from, context.now);
  const left = absorbed(from, context.now);
  for (const postId of [from.postId, ...from.messageIds]) await joinCase(context.db, args.handleId, postId, into.postId, context.now);
  await writeAssignment(context.db, merged, context.now);
  await writeAssignment(context.db, left, context.now);
  return {
    result: merged,
    audience: 'case',
    forMember: merged.assigneeId,
    casesChanged: [
      { case: left, previousAssigneeId: from.assigneeId },
      { case: merged, previousAssigneeId: into.assigneeId },
    ],
  };
};

const splitCase: Handler<'splitCase'> = async (context, args) => {
  await requireHandle(context.db, args.handleId);
  const source = await caseOfMessage(context.db, args.handleId, args.postId);
  if (source.postId === args.postId) throw new Refusal('conflict', 'That post opened its case: only a later message can be split off.');
  const post = await ingestedPost(context.db, args.postId);
  const createdAt = post ? Date.parse(post.createdAt) : NaN;
  const existing = await context.db.selectFrom('assignments').select('version').where('handle_id', '=', args.handleId).where('post_id', '=', args.postId).executeTakeFirst();
  const split = newCase(args.handleId, args.postId, {
    customerId: source.customerId,
    waitingSince: Number.isFinite(createdAt) && createdAt <= context.now ? createdAt : context.now,
    messageIds: [args.postId],
    version: Number(existing?.version ?? 0) + 1,
  });
  const left = withoutMessage(source, args.postId);
  await joinCase(context.db, args.handleId, args.postId, args.postId, context.now);
  await writeAssignment(context.db, split, context.now);
  await writeAssignment(context.db, left, context.now);
  return {
    result: split,
    audience: 'case',
    forMember: source.assigneeId,
    casesChanged: [
      { case: left, previousAssigneeId: source.assigneeId },
      { case: split, previousAssigneeId: null },
    ],
    after: { kind: 'queueMoved', handleId: args.handleId },
  };
};

export const CASE_MERGE_HANDLERS = { mergeCases, splitCase };

const labelCustomer: Handler<'labelCustomer'> = async (context, args) => {
  await requireHandle(context.db, args.handleId);
  if (args.on) {
    await context.db
      .insertInto('customer_labels')
      .values({ customer_id: args.customerId, label: args.label, added_by: context.access.member.id, added_at: context.now })
      .onConflict((oc) => oc.columns(['customer_id', 'label']).doNothing())
      .execute();
  } else {
    await context.db.deleteFrom('customer_labels').where('customer_id', '=', args.customerId).where('label', '=', args.label).execute();
  }
  return { result: { customerId: args.customerId, label: args.label, on: args.on }, audience: 'member' };
};

export const CUSTOMER_HANDLERS = { labelCustomer };
