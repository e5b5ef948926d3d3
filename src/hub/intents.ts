// What each intent does, run inside the transaction that applies it (see apply.ts). A handler
// checks everything before it writes and refuses by throwing a Refusal, so a refused intent
// writes nothing but its refusal.
import { POST_HANDLERS } from './post-intents';
import { ALL_PERMISSIONS } from '../shared/domain';
import type { IntentArgs, IntentName } from '../shared/hub-intents';
import { inviteLink } from '../shared/hub-protocol';
import { isPresetRoleId } from '../shared/hub-roles';
import { searchRangeProblem } from '../shared/query-builder';
import { CASE_INTENT_HANDLERS, guardDoNotEngage, replyAudience } from './case-intents';
import { CASE_MERGE_HANDLERS, CUSTOMER_HANDLERS } from './case-merge';
import { APPROVAL_HANDLERS } from './approval-intents';
import { CUSTOMER_NOTE_HANDLERS } from './customer-notes';
import { newId, newInviteCode, hashSecret } from './credentials';
import type { HubDb } from './db/schema';
import { Refusal, requireHandle, type Handler, type IntentContext, type IntentOutcome } from './intent-context';
import { insertInvite, inviteById, revokeInviteRow } from './queries/invites';
import { deleteTeamColumn, insertTeamColumn, mergeMemberLayout, teamColumnById } from './queries/team-columns';
import { engagementKind, queueReply } from './queries/outbox';
import { TEAM_SPACE, memberSpace, type Audience } from './queries/log';
import { activeMember, countActiveOwners, findRole, permissionsOnHandle } from './queries/members';

const MEMBER: Audience = 'member';
const ADMIN_AUDIT: Audience = 'manage-team';

async function requireRole(db: HubDb, roleId: string): Promise<void> {
  if (!(await findRole(db, roleId))) throw new Refusal('not_found', `There is no role ${roleId}.`);
}

/** Only an Owner may make someone Owner or act on an Owner. */
function guardOwnerRole(context: IntentContext, roleIds: (string | null)[], what: string): void {
  if (context.access.member.teamRole === 'owner') return;
  if (roleIds.includes('owner')) throw new Refusal('forbidden', `Only an Owner can ${what}.`);
}

async function requireOtherMember(context: IntentContext, memberId: string) {
  const member = await activeMember(context.db, memberId);
  if (!member) throw new Refusal('not_found', `There is no member ${memberId}.`);
  return member;
}

const createInvite: Handler<'createInvite'> = async (context, args) => {
  guardOwnerRole(context, [args.teamRole, ...Object.values(args.handleRoles)], 'invite an Owner');
  if (args.teamRole) await requireRole(context.db, args.teamRole);
  for (const [handleId, roleId] of Object.entries(args.handleRoles)) {
    await requireHandle(context.db, handleId);
    await requireRole(context.db, roleId);
  }
  const code = newInviteCode();
  const id = newId('inv');
  const expiresAt = context.now + Math.round(args.expiresInHours * 3_600_000);
  await insertInvite(context.db, { id, codeHash: hashSecret(code), teamRole: args.teamRole, handleRoles: args.handleRoles, createdBy: context.access.member.id, createdAt: context.now, expiresAt });
  return { result: { inviteId: id, code, link: inviteLink(context.hubUrl, code), expiresAt }, recorded: { inviteId: id, expiresAt, codeShownOnce: true }, audience: ADMIN_AUDIT };
};

const revokeInvite: Handler<'revokeInvite'> = async (context, args) => {
  const invite = await inviteById(context.db, args.inviteId);
  if (!invite) throw new Refusal('not_found', `There is no invite ${args.inviteId}.`);
  if (invite.usedBy) throw new Refusal('conflict', 'That invite was already used.');
  await revokeInviteRow(context.db, invite.id, context.now);
  return { result: { inviteId: invite.id }, audience: ADMIN_AUDIT };
};

const setMemberRole: Handler<'setMemberRole'> = async (context, args) => {
  const member = await requireOtherMember(context, args.memberId);
  if (args.roleId) await requireRole(context.db, args.roleId);
  const previous =
    args.handleId === null
      ? member.teamRole
      : ((await context.db.selectFrom('member_roles').select('role_id').where('member_id', '=', member.id).where('handle_id', '=', args.handleId).executeTakeFirst())?.role_id ?? null);
  guardOwnerRole(context, [args.roleId, previous, member.teamRole], 'make someone Owner or change an Owner’s roles');
  if (args.handleId === null) {
    if (member.teamRole === 'owner' && args.roleId !== 'owner' && (await countActiveOwners(context.db)) <= 1) {
      throw new Refusal('conflict', 'The team must keep an Owner: make someone else Owner first.');
    }
    await context.db.updateTable('members').set({ team_role: args.roleId }).where('id', '=', member.id).execute();
  } else {
    await requireHandle(context.db, args.handleId);
    await context.db.deleteFrom('member_roles').where('member_id', '=', member.id).where('handle_id', '=', args.handleId).execute();
    if (args.roleId) await context.db.insertInto('member_roles').values({ member_id: member.id, handle_id: args.handleId, role_id: args.roleId }).execute();
  }
  return { result: { memberId: member.id, handleId: args.handleId, roleId: args.roleId }, audience: MEMBER };
};

const removeMember: Handler<'removeMember'> = async (context, args) => {
  const member = await requireOtherMember(context, args.memberId);
  guardOwnerRole(context, [member.teamRole], 'remove an Owner');
  if (member.teamRole === 'owner' && (await countActiveOwners(context.db)) <= 1) throw new Refusal('conflict', 'The team’s last Owner cannot be removed.');
  await context.db.updateTable('members').set({ removed_at: context.now }).where('id', '=', member.id).execute();
  await context.db.deleteFrom('member_roles').where('member_id', '=', member.id).execute();
  return { result: { memberId: member.id }, audience: MEMBER, removedMemberId: member.id };
};

const saveRole: Handler<'saveRole'> = async (context, args) => {
  const permissions = ALL_PERMISSIONS.filter((permission) => args.permissions.includes(permission));
  if (args.id !== undefined) {
    if (isPresetRoleId(args.id)) throw new Refusal('forbidden', `The preset role ${args.id} cannot be changed; make a custom role instead.`);
    const updated = await context.db.updateTable('roles').set({ name: args.name, permissions: JSON.stringify(permissions) }).where('id', '=', args.id).executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new Refusal('not_found', `There is no custom role ${args.id}.`);
    return { result: { roleId: args.id }, audience: MEMBER };
  }
  const id = newId('role');
  await context.db.insertInto('roles').values({ id, name: args.name, permissions: JSON.stringify(permissions), created_at: context.now }).execute();
  return { result: { roleId: id }, audience: MEMBER };
};

const deleteRole: Handler<'deleteRole'> = async (context, args) => {
  if (isPresetRoleId(args.roleId)) throw new Refusal('forbidden', `The preset role ${args.roleId} cannot be deleted.`);
  if (!(await findRole(context.db, args.roleId))) throw new Refusal('not_found', `There is no custom role ${args.roleId}.`);
  const holders = await context.db.selectFrom('member_roles').select('member_id').where('role_id', '=', args.roleId).execute();
  const teamHolders = await context.db.selectFrom('members').select('id').where('team_role', '=', args.roleId).where('removed_at', 'is', null).execute();
  const inUse = new Set([...holders.map((row) => row.member_id), ...teamHolders.map((row) => row.id)]).size;
  if (inUse > 0) throw new Refusal('conflict', `The role is held by ${inUse} member(s); give them another role first.`);
  await context.db.deleteFrom('roles').where('id', '=', args.roleId).execute();
  return { result: { roleId: args.roleId }, audience: MEMBER };
};

const connectHandle: Handler<'connectHandle'> = async (context) => {
  const authorizeUrl = context.services.beginHandleConnect(context.access.member.id);
  // The page's address carries a one-time PKCE state: shown to the member who asked, not logged.
  return { result: { authorizeUrl }, recorded: { started: true }, audience: ADMIN_AUDIT };
};

/** A column the hub ingests: the team's (ownerId null), or one member's own. */
async function addColumn(context: IntentContext, args: IntentArgs<'addTeamColumn'>, ownerId: string | null): Promise<IntentOutcome> {
  const username = await requireHandle(context.db, args.handleId);
  if (await teamColumnById(context.db, args.columnId)) throw new Refusal('conflict', `There is already a column ${args.columnId}.`);
  // Dates are checked on the hub's clock: it is the hub that asks X for them.
  const rangeProblem = args.source.kind === 'search' && args.source.range ? searchRangeProblem(args.source.range, context.now) : null;
  if (rangeProblem) throw new Refusal('invalid_input', rangeProblem);
  const title = args.title ?? (args.source.kind === 'search' ? `Search: ${args.source.query}` : args.source.kind === 'mentions' ? `Mentions: @${username}` : `Direct messages: @${username}`);
  const column = { id: args.columnId, handleId: args.handleId, title, source: args.source, ownerId };
  await insertTeamColumn(context.db, column, context.access.member.id, context.now);
  // A personal column's definition reaches its owner's desktops only.
  const personal = ownerId === null ? {} : { audience: 'self' as const, space: memberSpace(ownerId) };
  return { result: column, audience: MEMBER, ...personal, after: { kind: 'teamDeckChanged' } };
}

async function removeColumn(context: IntentContext, args: IntentArgs<'removeTeamColumn'>, ownerId: string | null): Promise<IntentOutcome> {
  const column = await teamColumnById(context.db, args.columnId);
  const what = ownerId === null ? 'team column' : 'column of yours';
  if (!column || column.handleId !== args.handleId || column.ownerId !== ownerId) throw new Refusal('not_found', `There is no ${what} ${args.columnId} on ${args.handleId}.`);
  await deleteTeamColumn(context.db, column.id);
  const personal = ownerId === null ? {} : { audience: 'self' as const, space: memberSpace(ownerId) };
  return { result: { columnId: column.id }, audience: MEMBER, ...personal, after: { kind: 'teamDeckChanged' } };
}

const addTeamColumn: Handler<'addTeamColumn'> = (context, args) => addColumn(context, args, null);
const removeTeamColumn: Handler<'removeTeamColumn'> = (context, args) => removeColumn(context, args, null);
const addPersonalColumn: Handler<'addPersonalColumn'> = (context, args) => addColumn(context, args, context.access.member.id);
const removePersonalColumn: Handler<'removePersonalColumn'> = (context, args) => removeColumn(context, args, context.access.member.id);

const sendReply: Handler<'sendReply'> = async (context, args) => {
  const username = await requireHandle(context.db, args.handleId);
  await guardDoNotEngage(context, args, username);
  const outboxId = newId('out');
  await queueReply(context.db, { id: outboxId, handleId: args.handleId, memberId: context.access.member.id, inReplyTo: args.postId, text: args.text }, context.now);
  return { result: { outboxId, status: 'queued' }, ...(await replyAudience(context, args.handleId, args.postId)), after: { kind: 'replyQueued', outboxId } };
};

const sendDm: Handler<'sendDm'> = async (context, args) => {
  await requireHandle(context.db, args.handleId);
  const outboxId = newId('out');
  await queueReply(context.db, { id: outboxId, handleId: args.handleId, memberId: context.access.member.id, inReplyTo: args.conversationId, text: args.text, kind: 'dm' }, context.now);
  // Who the handle writes to is the customer of a case: the entry is for the queue's viewers.
  return { result: { outboxId, status: 'queued' }, audience: 'case', forMember: null, after: { kind: 'replyQueued', outboxId } };
};

const engagePost: Handler<'engagePost'> = async (context, args) => {
  const username = await requireHandle(context.db, args.handleId);
  // A repost shows on the handle's own timeline, as a post of its own would.
  if (args.kind === 'repost' && !permissionsOnHandle(context.access, args.handleId).has('post')) {
    throw new Refusal('forbidden', `Refused: a repost publishes on @${username}’s timeline, so it needs the post permission on the handle.`);
  }
  const outboxId = newId('out');
  await queueReply(context.db, { id: outboxId, handleId: args.handleId, memberId: context.access.member.id, inReplyTo: args.postId, text: '', kind: engagementKind(args.kind, args.on) }, context.now);
  return { result: { outboxId, status: 'queued' }, ...(await replyAudience(context, args.handleId, args.postId)), after: { kind: 'replyQueued', outboxId } };
};

const updateProfile: Handler<'updateProfile'> = async (context, args) => {
  await context.db.updateTable('members').set({ display_name: args.displayName, initials: args.initials }).where('id', '=', context.access.member.id).execute();
  return { result: { memberId: context.access.member.id }, audience: MEMBER };
};

const saveHandleTags: Handler<'saveHandleTags'> = async (context, args) => {
  await requireHandle(context.db, args.handleId);
  await context.db.updateTable('handles').set({ tags: JSON.stringify(args.tags), tag_on_resolve: args.requireOnResolve ? 1 : 0 }).where('id', '=', args.handleId).execute();
  // The team's view of its handles changes: every member's desktop reads it again.
  return { result: { handleId: args.handleId, tags: args.tags, requireOnResolve: args.requireOnResolve }, audience: MEMBER, space: TEAM_SPACE };
};

const saveSavedReplies: Handler<'saveSavedReplies'> = async (context, args) => {
  await requireHandle(context.db, args.handleId);
  await context.db.updateTable('handles').set({ saved_replies: JSON.stringify(args.replies) }).where('id', '=', args.handleId).execute();
  // Part of the team's view of its handles, like tags: every member's desktop reads it again.
  return { result: { handleId: args.handleId, count: args.replies.length }, audience: MEMBER, space: TEAM_SPACE };
};

const setColumnLayout: Handler<'setColumnLayout'> = async (context, args) => {
  const column = await teamColumnById(context.db, args.columnId);
  if (!column || column.handleId !== args.handleId) throw new Refusal('not_found', `There is no team column ${args.columnId} on ${args.handleId}.`);
  const memberId = context.access.member.id;
  const layout = await mergeMemberLayout(context.db, memberId, column.id, args.layout, context.now);
  return { result: { columnId: column.id, layout }, audience: 'self', space: memberSpace(memberId) };
};

const linkDesktop: Handler<'linkDesktop'> = async (context, args) => {
  const memberId = context.access.member.id;
  const code = newInviteCode();
  const id = newId('dsk');
  const expiresAt = context.now + Math.round(args.expiresInHours * 3_600_000);
  await insertInvite(context.db, { id, codeHash: hashSecret(code), teamRole: null, handleRoles: {}, createdBy: memberId, createdAt: context.now, expiresAt, forMember: memberId });
  return { result: { code, link: inviteLink(context.hubUrl, code), expiresAt }, recorded: { linkId: id, expiresAt, codeShownOnce: true }, audience: 'self', space: memberSpace(memberId) };
};

export const INTENT_HANDLERS: { [N in IntentName]: Handler<N> } = {
  createInvite,
  revokeInvite,
  setMemberRole,
  removeMember,
  saveRole,
  deleteRole,
  connectHandle,
  addTeamColumn,
  removeTeamColumn,
  addPersonalColumn,
  removePersonalColumn,
  sendReply,
  sendDm,
  engagePost,
  setColumnLayout,
  linkDesktop,
  updateProfile,
  ...CASE_INTENT_HANDLERS,
  ...CASE_MERGE_HANDLERS,
  ...CUSTOMER_HANDLERS,
  ...CUSTOMER_NOTE_HANDLERS,
  ...APPROVAL_HANDLERS,
  ...POST_HANDLERS,
  saveHandleTags,
  saveSavedReplies,
};
