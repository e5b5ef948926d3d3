// The intents a desktop may push to its team's hub, and the reads it may ask for: their inputs and
// the permission each needs. The hub checks these inside the transaction that applies the intent;
// the desktop uses the same table to hide what a member cannot do.
import { caseSettingsSchema } from './case-settings';
import { z } from 'zod';
import { columnFiltersPatch } from './column-schemas';
import { customerNoteTextSchema } from './customers';
import { ALL_PERMISSIONS, COLUMN_WIDTH, type Permission } from './domain';
import { postTextSchema } from './post-length';
import { savedRepliesSchema } from './saved-replies';
import { MAX_SEARCH_QUERY_LENGTH } from './query-builder';
import { reportRequestSchema } from './reports';
import { timeRangeSchema } from './date-range';

const id = z.string().min(1).max(100);
const roleId = z.string().min(1).max(100);
const displayName = z.string().trim().min(1).max(80);
const initials = z.string().trim().min(1).max(4);
/** Post ids are X snowflakes; the hub only stores them, so any short id-like text is accepted. */
const postId = z.string().regex(/^[0-9A-Za-z_-]{1,40}$/, 'must be a post id');
const version = z.number().int().min(0);

/**
 * What feeds a team column: the hub ingests these for the team (a User column is personal). A
 * search with a `range` is asked of X's recent search for those dates only (start_time / end_time).
 */
export const teamColumnSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('search'), query: z.string().trim().min(1).max(MAX_SEARCH_QUERY_LENGTH), range: timeRangeSchema.optional() }),
  z.strictObject({ kind: z.literal('mentions') }),
  z.strictObject({ kind: z.literal('dms') }),
]);

export const handleRolesSchema = z.record(id, roleId);

/** How one member lays out and reads a team column: theirs alone, on every desktop of theirs. */
export const columnLayoutSchema = z.strictObject({
  position: z.number().int().min(0).max(10_000).optional(),
  widthPx: z.number().int().min(COLUMN_WIDTH.min).max(COLUMN_WIDTH.max).optional(),
  collapsed: z.boolean().optional(),
  notifications: z.boolean().optional(),
  filters: columnFiltersPatch.optional(),
  lastReadId: postId.nullable().optional(),
  scroll: z.strictObject({ anchorPostId: postId.nullable(), offsetPx: z.number().int().min(-1_000_000).max(1_000_000) }).optional(),
});
export type ColumnLayoutPatch = z.output<typeof columnLayoutSchema>;

export const INTENT_SCHEMAS = {
  createInvite: z.strictObject({
    /** The team role (team-level permissions; Owner/Admin also act on every handle), or null. */
    teamRole: roleId.nullable().default(null),
    /** Role per brand handle id. */
    handleRoles: handleRolesSchema.default({}),
    /** How long the invite stays valid, in hours (default a week, at most 30 days). */
    expiresInHours: z.number().positive().max(24 * 30).default(24 * 7),
  }),
  revokeInvite: z.strictObject({ inviteId: id }),
  setMemberRole: z.strictObject({
    memberId: id,
    /** Null sets the team role. */
    handleId: id.nullable(),
    /** Null takes the role away. */
    roleId: roleId.nullable(),
  }),
  removeMember: z.strictObject({ memberId: id }),
  saveRole: z.strictObject({
    /** Absent to create a custom role; a custom role's id to change it. Presets cannot be changed. */
    id: roleId.optional(),
    name: z.string().trim().min(1).max(60),
    permissions: z.array(z.enum(ALL_PERMISSIONS)).max(ALL_PERMISSIONS.length),
  }),
  deleteRole: z.strictObject({ roleId }),
  /** Starts connecting a brand handle: the answer is X's authorization page; the hub completes the exchange. */
  connectHandle: z.strictObject({}),
  addTeamColumn: z.strictObject({
    handleId: id,
    /** Chosen by the desktop, so it can find the column once the hub's log brings it. */
    columnId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, 'must be a column id'),
    title: z.string().trim().min(1).max(100).optional(),
    source: teamColumnSourceSchema,
  }),
  removeTeamColumn: z.strictObject({ handleId: id, columnId: id }),
  /** A column for the member alone on a team handle: the hub ingests it, only they see it. */
  addPersonalColumn: z.strictObject({
    handleId: id,
    columnId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, 'must be a column id'),
    title: z.string().trim().min(1).max(100).optional(),
    source: teamColumnSourceSchema,
  }),
  removePersonalColumn: z.strictObject({ handleId: id, columnId: id }),
  /** `engageAnyway`: the member confirmed answering a customer the team does not engage with (needs take-over). */
  sendReply: z.strictObject({ handleId: id, postId, text: postTextSchema('Reply text'), engageAnyway: z.boolean().optional() }),
  /** A reply from a member without send-without-approval: it waits for someone with approve on the handle. */
  submitReply: z.strictObject({ handleId: id, postId, text: postTextSchema('Reply text') }),
  /** A new post from a member with post but not send-without-approval: it waits for an approver, who sends it (at `sendAt` if still ahead). */
  submitPost: z.strictObject({ handleId: id, text: postTextSchema('Post text'), sendAt: z.number().int().positive().nullable() }),
  /**
   * Sends a waiting reply (credited to its author), with `text` the approver's edit when given, or
   * rejects it; `note` is for the author. `engageAnyway`: the approver confirmed answering a
   * customer the team does not engage with (needs take-over), as with sendReply.
   */
  decideApproval: z.strictObject({
    handleId: id,
    approvalId: id,
    approve: z.boolean(),
    text: postTextSchema('Reply text').optional(),
    note: z.string().trim().max(500, 'A note is at most 500 characters').optional(),
    engageAnyway: z.boolean().optional(),
  }),
  /** A direct message into a conversation of the handle's ("ID-ID" one-to-one, or a group's id). */
  sendDm: z.strictObject({ handleId: id, conversationId: z.string().regex(/^[0-9]{1,20}(-[0-9]{1,20})?$/, 'must be a DM conversation id'), text: z.string().trim().min(1).max(10_000) }),
  setColumnLayout: z.strictObject({ handleId: id, columnId: id, layout: columnLayoutSchema }),
  /** A single-use link that lets this member use the team on one more desktop of theirs. */
  linkDesktop: z.strictObject({ expiresInHours: z.number().positive().max(24 * 7).default(1) }),
  updateProfile: z.strictObject({ displayName, initials }),
  assignPost: z.strictObject({ handleId: id, postId, assigneeId: id.nullable(), expectedVersion: version.optional() }),
  claimPost: z.strictObject({ handleId: id, postId, expectedVersion: version.optional() }),
  /** `until`: with status snoozed, when the case opens again by itself (without it: when the customer writes). */
  setCaseStatus: z.strictObject({
    handleId: id,
    postId,
    status: z.enum(['open', 'pending', 'snoozed', 'resolved']),
    until: z.number().int().positive().optional(),
    expectedVersion: version.optional(),
  }),
  /** The tags a handle's cases may carry, and whether resolving needs one. */
  saveHandleTags: z.strictObject({
    handleId: id,
    tags: z.array(z.string().trim().min(1).max(30)).max(50).transform((tags) => [...new Set(tags)]),
    requireOnResolve: z.boolean().default(false),
  }),
  /** The case of `postId` joins the case of `intoPostId` (one customer's): its messages, tags and wait go there. */
  mergeCases: z.strictObject({ handleId: id, postId, intoPostId: postId }),
  /** A message that joined a case becomes a case of its own. */
  splitCase: z.strictObject({ handleId: id, postId }),
  /** A label on a customer (VIP, press, lead …), for the whole team; routing rules read it. */
  labelCustomer: z.strictObject({ handleId: id, customerId: z.string().regex(/^[0-9]{1,20}$/, 'must be an X user id'), label: z.string().trim().min(1).max(30), on: z.boolean() }),
  /** A note about a customer (never sent to X), for every member who may view the handle it was written through. */
  noteCustomer: z.strictObject({ handleId: id, customerId: z.string().regex(/^[0-9]{1,20}$/, 'must be an X user id'), text: customerNoteTextSchema }),
  /** The handle's SLA, auto-assignment, routing rules and do-not-engage list, whole. */
  saveCaseSettings: z.strictObject({ handleId: id, settings: caseSettingsSchema }),
  /** Puts one of the handle's tags on a case, or takes it off. */
  tagCase: z.strictObject({ handleId: id, postId, tag: z.string().trim().min(1).max(30), on: z.boolean(), expectedVersion: version.optional() }),
  /** The handle's saved replies, whole. */
  saveSavedReplies: z.strictObject({ handleId: id, replies: savedRepliesSchema }),
  /** Likes or reposts a post as the handle (on), or undoes it: the hub sends it to X through its outbox. */
  engagePost: z.strictObject({ handleId: id, postId, kind: z.enum(['like', 'repost']), on: z.boolean() }),
  /** A new post as the handle: now (sendAt null) or at a time (ms since the epoch), from the hub's outbox. */
  createPost: z.strictObject({ handleId: id, text: postTextSchema('Post text'), sendAt: z.number().int().positive().nullable() }),
  /** A post that has not gone out: cancelled (waiting or refused), or sent again now (refused by X). */
  changeScheduledPost: z.strictObject({ handleId: id, outboxId: id, action: z.enum(['cancel', 'retry']) }),
  /** An internal note on a case: the team's, never sent to X. */
  addNote: z.strictObject({ handleId: id, postId, text: z.string().trim().min(1, 'A note cannot be empty').max(2_000, 'A note is at most 2,000 characters') }),
} as const;

export type IntentName = keyof typeof INTENT_SCHEMAS;
export type IntentArgs<N extends IntentName> = z.output<(typeof INTENT_SCHEMAS)[N]>;
export const INTENT_NAMES = Object.keys(INTENT_SCHEMAS) as IntentName[];

/**
 * What an intent needs: team-scoped permissions come from the team role; handle-scoped ones from
 * the role on the intent's `handleId`. Every listed permission is required. `[]` = any member.
 */
export interface Requirement {
  scope: 'team' | 'handle';
  permissions: Permission[];
}

export const INTENT_REQUIREMENTS: Record<IntentName, Requirement> = {
  createInvite: { scope: 'team', permissions: ['manage-team'] },
  revokeInvite: { scope: 'team', permissions: ['manage-team'] },
  setMemberRole: { scope: 'team', permissions: ['manage-team'] },
  removeMember: { scope: 'team', permissions: ['manage-team'] },
  saveRole: { scope: 'team', permissions: ['manage-team'] },
  deleteRole: { scope: 'team', permissions: ['manage-team'] },
  connectHandle: { scope: 'team', permissions: ['manage-handles'] },
  addTeamColumn: { scope: 'handle', permissions: ['manage-deck'] },
  removeTeamColumn: { scope: 'handle', permissions: ['manage-deck'] },
  // What the hub ingests is the handle's queue: a column of one's own needs to see it.
  addPersonalColumn: { scope: 'handle', permissions: ['view', 'view-unassigned'] },
  removePersonalColumn: { scope: 'handle', permissions: ['view'] },
  // Without send-without-approval a reply waits for approval (case work); until then the hub refuses it.
  sendReply: { scope: 'handle', permissions: ['reply', 'send-without-approval'] },
  sendDm: { scope: 'handle', permissions: ['dm', 'send-without-approval'] },
  submitReply: { scope: 'handle', permissions: ['reply'] },
  submitPost: { scope: 'handle', permissions: ['post'] },
  decideApproval: { scope: 'handle', permissions: ['approve'] },
  setColumnLayout: { scope: 'handle', permissions: ['view'] },
  linkDesktop: { scope: 'team', permissions: [] },
  updateProfile: { scope: 'team', permissions: [] },
  assignPost: { scope: 'handle', permissions: ['assign'] },
  // Claiming takes a post from the queue to work on: one must see the queue and be able to answer.
  claimPost: { scope: 'handle', permissions: ['reply', 'view-unassigned'] },
  // Working a case (pending, snoozed, resolved) is part of answering it.
  setCaseStatus: { scope: 'handle', permissions: ['reply'] },
  addNote: { scope: 'handle', permissions: ['view'] },
  saveHandleTags: { scope: 'handle', permissions: ['manage-deck'] },
  // Merging and splitting a customer's cases is part of working them.
  mergeCases: { scope: 'handle', permissions: ['reply'] },
  splitCase: { scope: 'handle', permissions: ['reply'] },
  // Labelling a customer is part of answering them (from a case of the handle).
  labelCustomer: { scope: 'handle', permissions: ['reply'] },
  // Noting a customer goes with labelling them: part of working their cases on the handle.
  noteCustomer: { scope: 'handle', permissions: ['reply'] },
  // How the handle's cases are routed and timed is the deck's: those who manage it set it.
  saveCaseSettings: { scope: 'handle', permissions: ['manage-deck'] },
  tagCase: { scope: 'handle', permissions: ['reply'] },
  // Liking is part of answering; a repost also publishes on the handle's timeline, so it needs
  // post too (checked by the intent itself: requirements are per intent, not per kind).
  engagePost: { scope: 'handle', permissions: ['reply'] },
  saveSavedReplies: { scope: 'handle', permissions: ['manage-saved-replies'] },
  // A post publishes as the handle: post, and send-without-approval (without it, submitPost).
  createPost: { scope: 'handle', permissions: ['post', 'send-without-approval'] },
  changeScheduledPost: { scope: 'handle', permissions: ['post'] },
};

export const READ_SCHEMAS = {
  getTeam: z.strictObject({}),
  listMembers: z.strictObject({}),
  listRoles: z.strictObject({}),
  listInvites: z.strictObject({}),
  /** The event log as the audit log, newest first: before `beforeSeq`, at most `limit` entries. */
  auditLog: z.strictObject({ beforeSeq: z.number().int().min(1).optional(), limit: z.number().int().min(1).max(1_000).default(200) }),
  /** What happened on a post's case, oldest first. */
  caseTimeline: z.strictObject({ handleId: id, postId }),
  /** Replies submitted for approval on a handle, newest first (at most 200): waiting ones, decided ones, or both. */
  listApprovals: z.strictObject({ handleId: id, status: z.enum(['waiting', 'decided']).optional() }),
  /** Volume, response and resolution times, SLA hit rate and backlog over [from, to), per handle, agent and tag. */
  reports: reportRequestSchema,
  /** A handle's new posts from the outbox: waiting, refused, and the newest sent. */
  scheduledPosts: z.strictObject({ handleId: id }),
  /** What the hub sent as the handle (replies, DMs, new posts) in [from, to): the day's spend is priced from it. */
  daySends: z.strictObject({ handleId: id, from: z.number().int().min(0), to: z.number().int().min(0) }),
} as const;

export type ReadName = keyof typeof READ_SCHEMAS;
export const READ_NAMES = Object.keys(READ_SCHEMAS) as ReadName[];

export const READ_REQUIREMENTS: Record<ReadName, Requirement> = {
  getTeam: { scope: 'team', permissions: [] },
  listMembers: { scope: 'team', permissions: [] },
  listRoles: { scope: 'team', permissions: [] },
  listInvites: { scope: 'team', permissions: ['manage-team'] },
  // view-reports on a handle shows its entries; manage-team shows all (checked by the read itself).
  auditLog: { scope: 'team', permissions: [] },
  // Those who see the handle's queue, and the case's assignee (checked by the read itself).
  caseTimeline: { scope: 'team', permissions: [] },
  // Those with approve on the handle see every submission; other members their own (checked by the read itself).
  listApprovals: { scope: 'team', permissions: [] },
  // Only the handles the member may view reports on are counted (checked by the read itself).
  reports: { scope: 'team', permissions: [] },
  // Those who may view the handle (checked by the read itself).
  scheduledPosts: { scope: 'team', permissions: [] },
  // Those who may view the handle (checked by the read itself): the spend shows in its column headers.
  daySends: { scope: 'team', permissions: [] },
};

export function isIntentName(name: string): name is IntentName {
  return Object.hasOwn(INTENT_SCHEMAS, name);
}

export function isReadName(name: string): name is ReadName {
  return Object.hasOwn(READ_SCHEMAS, name);
}
