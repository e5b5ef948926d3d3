// The one contract between the renderer and the main side. Every command: input schema, result
// type, the permission it needs and the resource it acts on. Every event: payload type and who may
// hear it. The client (preload, web bridge) and serve() on the main side derive from this.
import { z } from 'zod';
import type {
  Account,
  AccountConnectResult,
  AccountConnectStart,
  Column,
  ColumnStatus,
  ConversationView,
  CustomerView,
  DmConversation,
  DmEventView,
  ExportedFile,
  MuteList,
  Permission,
  PostView,
  Resource,
  UnreadCount,
  Workspace,
  XAppCapabilities,
  XAppSettings,
} from './domain';
import { cancelAccountConnectInput, removeAccountInput, saveXAppSettingsInput } from './account-schemas';
import { numericId } from './ids';
import { addCaseNoteInput, saveHandleTagsInput, tagCaseInput, assignPostInput, auditLogInput, claimPostInput, setCaseStatusInput, createInviteInput, createTeamInput, dismissOutboxItemInput, setViewingInput, joinTeamInput, saveRoleInput, setMemberRoleInput, caseNotifySettingsSchema, saveCaseSettingsInput, mergeCasesInput, decideApprovalInput, type ApprovalItem, type CaseNotice, type CaseNotifySettings, type TeamState } from './team';
import type { AssignmentView, AuditEntry, CaseNote, CaseReply, CaseTimelineItem } from './hub-protocol';
import { postTextSchema } from './post-length';
import { alertRulesSchema, type AlertRule, type AlertView } from './alerts';
import { saveDigestSettingsInput, type DigestStatus } from './alert-digest';
import { savedRepliesSchema, type SavedReply } from './saved-replies';
import { customerLabelSchema, customerNoteTextSchema, type CustomerNote, type CustomerSummary } from './customers';
import { createPostInput, listOutboxInput, outboxItemInput, type OutboxItemView } from './outbox';
import { getReplySettingsInput, saveReplySettingsInput, type ReplySettings } from './reply-signature';
import { reportRequestSchema, type Report } from './reports';
import { daySpendInput, sendPriceTableSchema, type HandleDaySpend, type SendPrices } from './send-cost';
import {
  columnId as columnIdSchema,
  createColumnInput,
  exportColumnInput,
  listColumnPostsInput,
  listDmConversationsInput,
  markColumnReadInput,
  moveColumnInput,
  muteListSchema,
  searchArchiveInput,
  searchQuery as searchQuerySchema,
  setColumnScrollInput,
  updateColumnInput,
} from './column-schemas';

interface CommandSpec<I extends z.ZodType, R> {
  input: I;
  permission: Permission;
  /** What the command acts on: the caller must hold `permission` there. */
  resource: (input: z.output<I>) => Resource;
  /** Phantom: carries the result type only (never set at run time). */
  result?: { type: R };
}

function command<I extends z.ZodType>(input: I, permission: Permission, resource: (input: z.output<I>) => Resource) {
  return { returns: <R>(): CommandSpec<I, R> => ({ input, permission, resource }) };
}

/**
 * Who may hear an event: callers holding `permission` on the resource it speaks of. A list payload
 * names a resource per item (`each`): every caller hears the items it may see. A `complete` list
 * is the whole set (the deck, the handles): it reaches every caller, even cut to nothing, so a
 * column that went away goes away everywhere; a list of changes reaches only those who see one.
 */
export type EventAudience<P> =
  | { permission: Permission; resource: (payload: P) => Resource }
  | { permission: Permission; each: (item: P extends readonly (infer I)[] ? I : never) => Resource; complete: boolean };

function event<P>(audience: EventAudience<P>): { audience: EventAudience<P>; payload?: { type: P } } {
  return { audience };
}

const workspace = (): Resource => ({ kind: 'workspace' });
const handle = (input: { accountId: string }): Resource => ({ kind: 'handle', accountId: input.accountId });
const column = (input: { columnId: string }): Resource => ({ kind: 'column', columnId: input.columnId });

const id = numericId;
const none = z.object({}).strict();

export const searchQuery = searchQuerySchema;

/** Counted as X counts it (twitter-text's weighted length); 280 is the plain-account ceiling. */
export const replyText = postTextSchema('Reply text');
/** X's id of a DM conversation: "ID-ID" (one-to-one) or a number (a group). */
const dmConversationId = z.string().regex(/^[0-9]{1,20}(-[0-9]{1,20})?$/, 'must be a DM conversation id');
/** X takes a DM of up to 10,000 characters. */
export const dmText = z.string().trim().min(1, 'Message text cannot be empty').max(10_000, 'Message text is at most 10,000 characters');

export const commands = {
  getWorkspace: command(none, 'view', workspace).returns<Workspace>(),
  /** The handles the caller may view. */
  listAccounts: command(none, 'view', workspace).returns<Account[]>(),
  // Brand handles: the X app, connecting (OAuth 2.0 + PKCE in the browser), removing.
  getXAppSettings: command(none, 'view', workspace).returns<XAppSettings>(),
  saveXAppSettings: command(saveXAppSettingsInput, 'manage-handles', workspace).returns<XAppSettings>(),
  /** Whether the app's access includes the filtered stream, and its current usage (GET /2/usage/tweets). */
  getXAppCapabilities: command(none, 'view', workspace).returns<XAppCapabilities>(),
  /** Starts a sign-in; the result arrives as `accountConnectFinished`. */
  startAccountConnect: command(none, 'manage-handles', workspace).returns<AccountConnectStart>(),
  cancelAccountConnect: command(cancelAccountConnectInput, 'manage-handles', workspace).returns<null>(),
  /** Revokes the handle's tokens at X, deletes them from the keychain, keeps or deletes its data. */
  removeAccount: command(removeAccountInput, 'manage-handles', handle).returns<null>(),
  // Columns (the deck). Deck edits need "manage-deck" on the column's handle; reading and reading
  // positions (each caller's own) need "view".
  /** The columns the caller may view, in deck order. */
  listColumns: command(none, 'view', workspace).returns<Column[]>(),
  createColumn: command(createColumnInput, 'manage-deck', handle).returns<Column>(),
  updateColumn: command(updateColumnInput, 'manage-deck', column).returns<Column>(),
  /** Moves a column to `toIndex` (clamped); answers the deck in its new order. */
  moveColumn: command(moveColumnInput, 'manage-deck', column).returns<Column[]>(),
  removeColumn: command(z.object({ columnId: columnIdSchema }).strict(), 'manage-deck', column).returns<null>(),
  /** In the column's order (newest first, or its "Priority first" sort), filters and mutes applied; page with `beforeId` (the last post of the last page). */
  listColumnPosts: command(listColumnPostsInput, 'view', column).returns<PostView[]>(),
  /** DMs columns: the handle's conversations, newest activity first. */
  listDmConversations: command(listDmConversationsInput, 'view', column).returns<DmConversation[]>(),
  /** Moves the unread marker forward (never back); answers the column's new count. */
  markColumnRead: command(markColumnReadInput, 'view', column).returns<UnreadCount>(),
  setColumnScroll: command(setColumnScrollInput, 'view', column).returns<null>(),
  listColumnStatuses: command(none, 'view', workspace).returns<ColumnStatus[]>(),
  listUnreadCounts: command(none, 'view', workspace).returns<UnreadCount[]>(),
  /** Every post the column holds (not only the loaded ones), filters applied, newest first. */
  exportColumn: command(exportColumnInput, 'view', column).returns<ExportedFile>(),
  /** Publishes the column's newest posts as Atom and JSON Feed on 127.0.0.1, at URLs with a new secret shown only here (publishing again replaces it). */
  publishColumnFeed: command(z.object({ columnId: columnIdSchema }).strict(), 'view', column).returns<{ atomUrl: string; jsonUrl: string }>(),
  /** The column's feed URLs stop working (404). */
  revokeColumnFeed: command(z.object({ columnId: columnIdSchema }).strict(), 'view', column).returns<null>(),
  /** A post's conversation as this desktop holds it (up to the root, and what came after), with who sent the handle's replies. */
  getConversation: command(z.object({ accountId: id, postId: id }).strict(), 'view', handle).returns<ConversationView>(),
  /** What this desktop knows of a customer of the handle: who they are, their posts and DMs. */
  getCustomer: command(z.object({ accountId: id, userId: id }).strict(), 'view', handle).returns<CustomerView>(),
  /** The handle's customers by name or username (or all, newest first), or those with a label: the Customers view. */
  listCustomers: command(z.object({ accountId: id, query: z.string().trim().max(100).optional(), label: customerLabelSchema.optional() }).strict(), 'view', handle).returns<CustomerSummary[]>(),
  /** Every label customers carry, most used first. */
  listCustomerLabels: command(none, 'view', workspace).returns<string[]>(),
  /** Puts a label on a customer (the team's, in a team) or takes it off; answers their labels now. */
  labelCustomer: command(z.object({ accountId: id, customerId: id, label: customerLabelSchema, on: z.boolean() }).strict(), 'reply', handle).returns<string[]>(),
  /** What was written about a customer, oldest first: through this handle and the others the caller may view. */
  listCustomerNotes: command(z.object({ accountId: id, customerId: id }).strict(), 'view', handle).returns<CustomerNote[]>(),
  /** Writes a note about a customer (the team's, through the hub, on a team handle; never sent to X); answers their notes. */
  noteCustomer: command(z.object({ accountId: id, customerId: id, text: customerNoteTextSchema }).strict(), 'reply', handle).returns<CustomerNote[]>(),
  /** The same, for an X user named in a post (a @mention): by username. */
  getCustomerByUsername: command(z.object({ accountId: id, username: z.string().regex(/^[A-Za-z0-9_]{1,15}$/, 'must be an X username') }).strict(), 'view', handle).returns<CustomerView>(),
  /** Full-text search over every stored post, across handles (or one); the last word matches as a prefix. */
  searchArchive: command(searchArchiveInput, 'view', (input) => (input.accountId ? handle({ accountId: input.accountId }) : workspace())).returns<PostView[]>(),
  getMuteList: command(none, 'view', workspace).returns<MuteList>(),
  setMuteList: command(muteListSchema, 'manage-deck', workspace).returns<MuteList>(),
  /** A DM conversation's messages, oldest first (the newest 200 this desktop holds). */
  listDmThread: command(z.object({ accountId: id, conversationId: dmConversationId }).strict(), 'view', handle).returns<DmEventView[]>(),
  /** Answers a DM conversation as the handle; for a team handle it may be pending (the hub sends it). */
  sendDm: command(z.object({ accountId: id, conversationId: dmConversationId, text: dmText }).strict(), 'dm', handle).returns<{ id: string | null; pending: boolean }>(),
  /** X's id of the reply; for a team handle it may be pending (the hub is out of reach, or sends it later). */
  replyToPost: command(z.object({ accountId: id, inReplyToPostId: id, text: replyText, engageAnyway: z.boolean().optional() }).strict(), 'reply', handle).returns<{ id: string | null; pending: boolean }>(),
  /** How replies from the handle go out: signed or not (the team's choice for a team handle), and X's reply rule. */
  getReplySettings: command(getReplySettingsInput, 'view', handle).returns<ReplySettings>(),
  /** A solo handle's "Sign replies" and the name signed with (a team handle's is in its case settings). */
  saveReplySettings: command(saveReplySettingsInput, 'reply', handle).returns<ReplySettings>(),
  /** X's pay-per-use price of a post, a post with a URL and a DM: the sandbox's published table in the demo, the X app settings' otherwise (null: unknown). */
  getSendPrices: command(none, 'view', workspace).returns<SendPrices>(),
  /** The real X app's price table, as the operator read it off X's console (null: unknown). */
  saveSendPrices: command(sendPriceTableSchema, 'manage-handles', workspace).returns<SendPrices>(),
  /** What the handle's sends from this desktop cost today (UTC). */
  getDaySpend: command(daySpendInput, 'view', handle).returns<HandleDaySpend>(),
  /** Likes or reposts a post as the handle (or undoes it); answers the post as it is now. A team handle's go through the team's hub. */
  engagePost: command(z.object({ accountId: id, postId: id, kind: z.enum(['like', 'repost']), on: z.boolean() }).strict(), 'reply', handle).returns<PostView>(),
  // The team: this desktop's link to a hub. The hub checks every team action again against the
  // member's role; these permissions are what the desktop's own caller must hold to ask.
  getTeamState: command(none, 'view', workspace).returns<TeamState>(),
  /** Claims an unclaimed hub with its setup code; this desktop becomes the team's Owner. */
  createTeam: command(createTeamInput, 'manage-handles', workspace).returns<TeamState>(),
  joinTeam: command(joinTeamInput, 'view', workspace).returns<TeamState>(),
  /** Answers the invite link to hand to a colleague (shown once). */
  createInvite: command(createInviteInput, 'manage-team', workspace).returns<{ link: string }>(),
  setMemberRole: command(setMemberRoleInput, 'manage-team', workspace).returns<TeamState>(),
  saveRole: command(saveRoleInput, 'manage-team', workspace).returns<TeamState>(),
  /** X's authorization page for a new team handle: the hub completes the sign-in and keeps the tokens. */
  connectTeamHandle: command(none, 'manage-handles', workspace).returns<{ authorizeUrl: string }>(),
  /** A single-use link to use the team as oneself on another desktop (its layout and reading positions follow). */
  linkTeamDesktop: command(none, 'view', workspace).returns<{ link: string }>(),
  /** The post this member has open and whether they are typing a reply to it: colleagues see it (presence, not stored). */
  setTeamViewing: command(setViewingInput, 'view', workspace).returns<null>(),
  /** Who has which posts of the team's handles (this desktop's replica of the hub's). */
  listAssignments: command(none, 'view', workspace).returns<AssignmentView[]>(),
  /** Gives a team handle's post to a member (null: nobody); the hub checks assign, and that nobody changed it since. */
  assignPost: command(assignPostInput, 'assign', handle).returns<AssignmentView>(),
  /** Takes a post to work on ("Assign to me"): never from a colleague who has it. */
  claimPost: command(claimPostInput, 'reply', handle).returns<AssignmentView>(),
  /** The team's audit log, newest first, from the hub (view-reports on a handle shows its entries; manage-team all). */
  getAuditLog: command(auditLogInput, 'view', workspace).returns<AuditEntry[]>(),
  /** The team's report over [from, to) from the hub: per handle, agent and tag (only handles with view-reports count). */
  getReports: command(reportRequestSchema, 'view', workspace).returns<Report>(),
  /** The audit log as a CSV file. */
  exportAuditLog: command(none, 'view', workspace).returns<ExportedFile>(),
  /** A case's internal notes, oldest first. */
  listCaseNotes: command(claimPostInput, 'view', handle).returns<CaseNote[]>(),
  /** What happened on a post's case, oldest first: messages, replies, notes, assignment, status (from the hub). */
  getCaseTimeline: command(claimPostInput, 'view', handle).returns<CaseTimelineItem[]>(),
  /** The replies members sent as the handle on a post's case, oldest first. */
  listCaseReplies: command(claimPostInput, 'view', handle).returns<CaseReply[]>(),
  /** Adds an internal note to a case (the team's, never sent to X); answers the case's notes. */
  addCaseNote: command(addCaseNoteInput, 'view', handle).returns<CaseNote[]>(),
  /** Puts one of the handle's tags on a case, or takes it off. */
  tagCase: command(tagCaseInput, 'reply', handle).returns<AssignmentView>(),
  /** The tags a handle's cases may carry, and whether resolving needs one (those who manage its deck). */
  saveHandleTags: command(saveHandleTagsInput, 'manage-deck', handle).returns<TeamState>(),
  /** The case of a post joins another case of the same customer (its messages, tags and wait go there). */
  mergeCases: command(mergeCasesInput, 'reply', handle).returns<AssignmentView>(),
  /** A message that joined a case becomes a case of its own. */
  splitCase: command(claimPostInput, 'reply', handle).returns<AssignmentView>(),
  /** A team handle's SLA, auto-assignment, routing rules and do-not-engage list (those who manage its deck). */
  saveCaseSettings: command(saveCaseSettingsInput, 'manage-deck', handle).returns<TeamState>(),
  /** Where a case stands: open, pending (waiting for the customer), snoozed, resolved. */
  setCaseStatus: command(setCaseStatusInput, 'reply', handle).returns<AssignmentView>(),
  /** What this member is told of their cases (assigned, mentioned, reopened, SLA due), as set on this desktop. */
  getCaseNotifySettings: command(none, 'view', workspace).returns<CaseNotifySettings>(),
  setCaseNotifySettings: command(caseNotifySettingsSchema, 'view', workspace).returns<CaseNotifySettings>(),
  /** A handle's saved replies: the team's on a team handle, this desktop's on one of its own. */
  listSavedReplies: command(z.object({ accountId: id }).strict(), 'view', handle).returns<SavedReply[]>(),
  /** A handle's saved replies, whole (those with manage-saved-replies on it). */
  saveSavedReplies: command(z.object({ accountId: id, replies: savedRepliesSchema }).strict(), 'manage-saved-replies', handle).returns<SavedReply[]>(),
  /** A reply that waits for an approver (a member without send-without-approval on a team handle). */
  submitReply: command(z.object({ accountId: id, inReplyToPostId: id, text: replyText }).strict(), 'reply', handle).returns<{ approvalId: string }>(),
  /** Replies waiting for approval on a team handle (an approver sees all; an author their own), newest first. */
  listApprovals: command(z.object({ accountId: id, status: z.enum(['waiting', 'decided']).optional() }).strict(), 'view', handle).returns<ApprovalItem[]>(),
  /** Approves a waiting reply (as written, or edited) or rejects it with a note; the author is told. */
  decideApproval: command(decideApprovalInput, 'approve', handle).returns<null>(),
  /** A new post as the handle: now (answers X's id) or at `sendAt` (kept in the outbox, shown in a Scheduled column). */
  createPost: command(createPostInput, 'post', handle).returns<OutboxItemView>(),
  /** A new post on a team handle for an approver to send (the member has post, not send-without-approval): at `sendAt` if still ahead then, else when approved. */
  submitPost: command(createPostInput, 'post', handle).returns<{ approvalId: string }>(),
  /** The handle's outbox: what waits (scheduled posts), what failed, and the posts sent lately. */
  listOutbox: command(listOutboxInput, 'view', handle).returns<OutboxItemView[]>(),
  /** Takes a scheduled post (or a failed send) out before it goes. */
  cancelOutboxItem: command(outboxItemInput, 'post', handle).returns<null>(),
  /** Sends a failed item again, now. */
  retryOutboxItem: command(outboxItemInput, 'post', handle).returns<null>(),
  /** Takes a refused item out of the team outbox, once read. */
  dismissTeamOutboxItem: command(dismissOutboxItemInput, 'view', workspace).returns<TeamState>(),
  // Alerts beyond the window: this desktop's rules, and the e-mail digest through the member's own SMTP server.
  /** The alert rules of this desktop (this workspace's). */
  getAlertRules: command(none, 'view', workspace).returns<AlertRule[]>(),
  saveAlertRules: command(z.object({ rules: alertRulesSchema }).strict(), 'view', workspace).returns<AlertRule[]>(),
  /** The digest's SMTP settings (never the password: only whether the keychain holds one) and how it is doing. */
  getDigestStatus: command(none, 'view', workspace).returns<DigestStatus>(),
  /** Saves the SMTP settings; a password given goes to the OS keychain alone (null removes it). */
  saveDigestSettings: command(saveDigestSettingsInput, 'view', workspace).returns<DigestStatus>(),
  /** Sends a short e-mail through the saved SMTP server, to the digest's addresses. */
  sendTestEmail: command(none, 'view', workspace).returns<{ to: string[] }>(),
  /** Sends the alerts that wait for the digest now (none waiting: nothing is sent). */
  sendDigestNow: command(none, 'view', workspace).returns<{ sent: number; status: DigestStatus }>(),
} as const;

const ofColumn = (payload: { columnId: string }): Resource => column(payload);

export const events = {
  /** New posts for a column, newest first; coalesced per column. */
  columnPosts: event<{ columnId: string; posts: PostView[] }>({ permission: 'view', resource: ofColumn }),
  /** Posts a column holds changed (answered, liked, their counts): the cards showing them take the new ones. */
  postsUpdated: event<{ columnId: string; posts: PostView[] }>({ permission: 'view', resource: ofColumn }),
  /** A customer's labels changed (here, or at the team's hub). */
  customerLabelsChanged: event<{ customerId: string }>({ permission: 'view', resource: () => workspace() }),
  /** Someone wrote a note about a customer (here, or a colleague through the team's hub). */
  customerNotesChanged: event<{ customerId: string }>({ permission: 'view', resource: () => workspace() }),
  /** A handle's outbox changed (a post scheduled, sent, failed or cancelled): ask for it again. */
  outboxChanged: event<{ accountId: string }>({ permission: 'view', resource: (payload) => handle({ accountId: payload.accountId }) }),
  /** A team handle's approval queue changed (a reply submitted, approved or rejected). */
  approvalsChanged: event<{ handleId: string }>({ permission: 'view', resource: (payload) => handle({ accountId: payload.handleId }) }),
  /** New DM events for a DMs column, newest first; coalesced per column. */
  columnDmEvents: event<{ columnId: string; events: DmEventView[] }>({ permission: 'view', resource: ofColumn }),
  columnStatus: event<ColumnStatus>({ permission: 'view', resource: ofColumn }),
  /** The whole deck the caller may view, in order, after any change to a column's config or layout. */
  columnsChanged: event<Column[]>({ permission: 'view', each: (item) => column({ columnId: item.id }), complete: true }),
  /** Counts of the columns whose unread count changed. */
  unreadCounts: event<UnreadCount[]>({ permission: 'view', each: ofColumn, complete: false }),
  muteListChanged: event<MuteList>({ permission: 'view', resource: workspace }),
  /** Every account the caller may view, after one is connected, removed, or needs reconnecting. */
  accountsChanged: event<Account[]>({ permission: 'view', each: (item) => handle({ accountId: item.id }), complete: true }),
  accountConnectFinished: event<AccountConnectResult>({ permission: 'manage-handles', resource: workspace }),
  /** The team as this desktop knows it, after any change (link status, members, roles, presence). */
  teamChanged: event<TeamState>({ permission: 'view', resource: workspace }),
  /** Assignments of team handles' posts that changed: each reaches those who may view its handle. */
  assignmentsChanged: event<AssignmentView[]>({ permission: 'view', each: (item) => handle({ accountId: item.handleId }), complete: false }),
  /** A case's internal notes changed: ask for them again. */
  caseNotesChanged: event<{ handleId: string; postId: string }>({ permission: 'view', resource: (payload) => handle({ accountId: payload.handleId }) }),
  /** A reply as a team handle was sent or settled on a case: ask for its replies again. */
  caseRepliesChanged: event<{ handleId: string; postId: string }>({ permission: 'view', resource: (payload) => handle({ accountId: payload.handleId }) }),
  /** Told to this desktop's member of their cases: assigned to them, mentioned, reopened, SLA about to breach. */
  caseNotice: event<CaseNotice>({ permission: 'view', resource: (payload) => handle({ accountId: payload.handleId }) }),
  /** One of this desktop's alert rules heard something: a desktop notification (and a sound, if the rule has one). */
  alert: event<AlertView>({ permission: 'view', resource: (payload) => (payload.handleId ? handle({ accountId: payload.handleId }) : workspace()) }),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type ParsedInput<K extends CommandName> = z.output<Commands[K]['input']>;
export type CommandResult<K extends CommandName> = NonNullable<Commands[K]['result']>['type'];

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = NonNullable<Events[K]['payload']>['type'];

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
