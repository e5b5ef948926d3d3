// The intents of case work, run inside the transaction that applies them (see apply.ts). Every
// entry about a case goes to those who see the handle's queue and to the case's assignee (audience
// 'case'), so a member without view-unassigned learns only of the cases given to them.
import type { AssignmentView } from '../shared/hub-protocol';
import { withStatus } from '../shared/case-transitions';
import { Refusal, requireHandle, type Handler, type IntentContext, type IntentOutcome } from './intent-context';
import { caseOfMessage, writeAssignment } from './queries/assignments';
import { TEAM_SPACE, caseSettingsOf, listHandles } from './queries/log';
import { canViewHandle, findRole, loadAccess } from './queries/members';

async function nameOf(context: IntentContext, memberId: string | null): Promise<string> {
  if (memberId === null) return 'nobody';
  const row = await context.db.selectFrom('members').select('display_name').where('id', '=', memberId).executeTakeFirst();
  return row?.display_name ?? 'a former member';
}

/** Writes the changed case; its entries go to the queue's viewers and to the (new) assignee. */
async function changed(context: IntentContext, previous: AssignmentView, next: AssignmentView): Promise<IntentOutcome> {
  await writeAssignment(context.db, next, context.now);
  // A case resolved or let go frees room: the queue may drain.
  const after = { kind: 'queueMoved' as const, handleId: next.handleId };
  return { result: next, audience: 'case', forMember: next.assigneeId, casesChanged: [{ case: next, previousAssigneeId: previous.assigneeId }], after };
}

async function assign(context: IntentContext, handleId: string, postId: string, assigneeId: string | null, expectedVersion: number | undefined): Promise<IntentOutcome> {
  const username = await requireHandle(context.db, handleId);
  const current = await caseOfMessage(context.db, handleId, postId);
  const held = `@${username}'s post ${postId} is assigned to ${await nameOf(context, current.assigneeId)}`;
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new Refusal('conflict', current.assigneeId ? `${held} (it changed since you looked).` : `@${username}'s post ${postId} changed since you looked; it is unassigned now.`);
  }
  const actorId = context.access.member.id;
  const takingOver = current.assigneeId !== null && current.assigneeId !== actorId && current.assigneeId !== assigneeId;
  if (takingOver && !context.access.handlePermissions.get(handleId)?.has('take-over')) {
    throw new Refusal('conflict', `${held}; taking it over needs the take-over permission.`);
  }
  if (assigneeId !== null) {
    const assigneeAccess = (await loadAccess(context.db, assigneeId)).get(assigneeId);
    if (!assigneeAccess) throw new Refusal('not_found', `There is no member ${assigneeId}.`);
    if (!canViewHandle(assigneeAccess, handleId)) throw new Refusal('conflict', `${assigneeAccess.member.displayName} cannot view @${username}.`);
  }
  return changed(context, current, { ...current, assigneeId, version: current.version + 1 });
}

/** The case now, refused when it changed since the member looked. */
async function currentCase(context: IntentContext, handleId: string, postId: string, expectedVersion: number | undefined) {
  const username = await requireHandle(context.db, handleId);
  const current = await caseOfMessage(context.db, handleId, postId);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new Refusal('conflict', `@${username}'s post ${postId} changed since you looked (it is ${current.status} now).`);
  }
  return { username, current };
}

const setCaseStatus: Handler<'setCaseStatus'> = async (context, args) => {
  const { username, current } = await currentCase(context, args.handleId, args.postId, args.expectedVersion);
  if (args.status === 'resolved' && current.tags.length === 0 && (await listHandles(context.db)).find((handle) => handle.id === args.handleId)?.tagRequiredOnResolve) {
    throw new Refusal('conflict', `Add a tag before resolving: @${username} asks for one on every resolved case.`);
  }
  if (args.status === 'snoozed' && args.until !== undefined && args.until <= context.now) throw new Refusal('invalid_input', 'Snooze until a time in the future.');
  return changed(context, current, withStatus(current, args.status, context.now, args.until ?? null));
};

const tagCase: Handler<'tagCase'> = async (context, args) => {
  const { username, current } = await currentCase(context, args.handleId, args.postId, args.expectedVersion);
  const allowed = (await listHandles(context.db)).find((handle) => handle.id === args.handleId)?.tags ?? [];
  if (args.on && !allowed.includes(args.tag)) throw new Refusal('not_found', `@${username} has no tag "${args.tag}"; those who manage its deck add tags in Team.`);
  const tags = args.on ? [...new Set([...current.tags, args.tag])] : current.tags.filter((tag) => tag !== args.tag);
  return changed(context, current, { ...current, tags, version: current.version + 1 });
};

const addNote: Handler<'addNote'> = async (context, args) => {
  await requireHandle(context.db, args.handleId);
  const current = await caseOfMessage(context.db, args.handleId, args.postId);
  // The note is its log entry (handle, post, author, time, text): desktops replicate it from there.
  return { result: { handleId: args.handleId, postId: args.postId }, audience: 'case', forMember: current.assigneeId };
};

const assignPost: Handler<'assignPost'> = (context, args) => assign(context, args.handleId, args.postId, args.assigneeId, args.expectedVersion);

const claimPost: Handler<'claimPost'> = async (context, args) => {
  const current = await caseOfMessage(context.db, args.handleId, args.postId);
  const actorId = context.access.member.id;
  if (current.assigneeId !== null && current.assigneeId !== actorId) {
    // Claiming never takes a post from a colleague, whatever one's permissions: that is assignPost.
    throw new Refusal('conflict', `Post ${args.postId} is already assigned to ${await nameOf(context, current.assigneeId)}.`);
  }
  return assign(context, args.handleId, args.postId, actorId, args.expectedVersion);
};

const saveCaseSettings: Handler<'saveCaseSettings'> = async (context, args) => {
  const username = await requireHandle(context.db, args.handleId);
  const handleTags = new Set((await listHandles(context.db)).find((handle) => handle.id === args.handleId)?.tags ?? []);
  const access = await loadAccess(context.db);
  for (const rule of args.settings.routing) {
    for (const action of rule.actions) {
      if (action.kind === 'tag') {
        const unknown = action.tags.find((tag) => !handleTags.has(tag));
        if (unknown) throw new Refusal('invalid_input', `Rule "${rule.name}": @${username} has no tag "${unknown}"; add it to the handle's tags first.`);
      }
      if (action.kind === 'assign' && 'memberId' in action.to) {
        const member = access.get(action.to.memberId);
        if (!member || !canViewHandle(member, args.handleId)) throw new Refusal('invalid_input', `Rule "${rule.name}" assigns to someone who cannot view @${username}.`);
      }
      if (action.kind === 'assign' && 'roleId' in action.to && !(await findRole(context.db, action.to.roleId))) {
        throw new Refusal('invalid_input', `Rule "${rule.name}" assigns to a role that does not exist.`);
      }
    }
  }
  await context.db.updateTable('handles').set({ case_settings: JSON.stringify(args.settings) }).where('id', '=', args.handleId).execute();
  // The team's view of its handles changes: every member's desktop reads it again.
  return { result: { handleId: args.handleId, settings: args.settings }, audience: 'member', space: TEAM_SPACE, after: { kind: 'queueMoved', handleId: args.handleId } };
};

export const CASE_INTENT_HANDLERS = { assignPost, claimPost, setCaseStatus, addNote, tagCase, saveCaseSettings };

/** Intents about one case (their log entries, refused ones too, name its post). */
const CASE_INTENTS: ReadonlySet<string> = new Set(['assignPost', 'claimPost', 'setCaseStatus', 'addNote', 'tagCase', 'sendReply', 'sendDm', 'mergeCases', 'splitCase', 'submitReply', 'decideApproval']);
export const isCaseIntent = (name: string): boolean => CASE_INTENTS.has(name);

/** The assignee of the case a reply answers: the reply's entries go to them and the queue's viewers. */
export async function replyAudience(context: IntentContext, handleId: string, postId: string): Promise<Pick<IntentOutcome, 'audience' | 'forMember'>> {
  return { audience: 'case', forMember: (await caseOfMessage(context.db, handleId, postId)).assigneeId };
}

/**
 * A reply to a customer the team does not engage with (the case says so, or they are on the
 * handle's list) needs the member's confirmation and the take-over permission.
 */
export async function guardDoNotEngage(context: IntentContext, args: { handleId: string; postId: string; engageAnyway?: boolean | undefined }, username: string): Promise<void> {
  const current = await caseOfMessage(context.db, args.handleId, args.postId);
  const listed = current.customerId !== null && (await caseSettingsOf(context.db, args.handleId)).doNotEngage.some((entry) => entry.userId === current.customerId);
  if (!current.doNotEngage && !listed) return;
  if (!context.access.handlePermissions.get(args.handleId)?.has('take-over')) {
    throw new Refusal('forbidden', `@${username} does not engage with this customer: replying anyway needs the take-over permission.`);
  }
  if (!args.engageAnyway) throw new Refusal('conflict', `@${username} does not engage with this customer: confirm to reply anyway.`);
}
