// The desktop ↔ hub protocol: HTTP for claiming a hub and joining a team, then one WebSocket per
// desktop at /sync. The credential travels in the first message (or an Authorization header on
// the upgrade), never in a URL that could end up in a log.
import { z } from 'zod';
import type { DmEventView, Permission, PostView } from './domain';
import type { ColumnLayoutPatch } from './hub-intents';
import type { CaseSettings } from './case-settings';
import type { SavedReply } from './saved-replies';
import type { CustomerNote } from './customers';
import type { TimeRange } from './date-range';

export const HUB_SYNC_PATH = '/sync';
export const HUB_CLAIM_PATH = '/claim';
export const HUB_JOIN_PATH = '/join';
/** Where X sends the browser back after a member authorized a brand handle (register it with the X app). */
export const HUB_CALLBACK_PATH = '/callback';
/** Largest frame a desktop may send; larger ones close the socket with 1009. */
export const HUB_MAX_FRAME_BYTES = 1024 * 1024;
export const HUB_MAX_MUTATIONS_PER_PUSH = 100;
/** Messages of one socket waiting for their answer; more are answered `busy` and not handled. */
export const HUB_MAX_IN_FLIGHT = 64;

/** WebSocket close codes the hub uses. */
export const HUB_CLOSE = { unauthorized: 4401, removed: 4403, authTimeout: 4408 } as const;

const displayName = z.string().trim().min(1).max(80);
const initials = z.string().trim().min(1).max(4);

export const claimRequestSchema = z.strictObject({ setupCode: z.string().min(1).max(200), teamName: z.string().trim().min(1).max(80), displayName, initials: initials.optional() });
export const joinRequestSchema = z.strictObject({ code: z.string().min(1).max(200), displayName, initials: initials.optional() });
export type ClaimRequest = z.infer<typeof claimRequestSchema>;
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** The answer to a claim or a join: the member credential, shown once and kept in the OS keychain. */
export interface MemberCredentialGrant {
  memberId: string;
  credential: string;
}

/** `deckhand://join?hub=…&code=…`: what an invite hands to a colleague. */
export function inviteLink(hubUrl: string, code: string): string {
  return `deckhand://join?hub=${encodeURIComponent(hubUrl)}&code=${encodeURIComponent(code)}`;
}

// ---------------------------------------------------------------------------------------------
// Desktop → hub

export const mutationSchema = z.strictObject({
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  name: z.string().min(1).max(60),
  args: z.unknown(),
});
export type Mutation = z.infer<typeof mutationSchema>;

const clientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

/** The post a member has open, and whether they are typing a reply to it (presence: never stored). */
export const viewingSchema = z.strictObject({ handleId: z.string().min(1).max(100), postId: z.string().min(1).max(40), typing: z.boolean().optional() });
export type Viewing = z.infer<typeof viewingSchema>;

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), credential: z.string().min(1).max(200) }),
  z.strictObject({ type: z.literal('push'), clientId, mutations: z.array(mutationSchema).min(1).max(HUB_MAX_MUTATIONS_PER_PUSH) }),
  /** `snapshot`: what the member may see, whole, instead of the log (a desktop's first sync). */
  z.strictObject({ type: z.literal('pull'), cursor: z.number().int().min(0), snapshot: z.boolean().optional() }),
  z.strictObject({ type: z.literal('read'), requestId: z.number().int().min(0), name: z.string().min(1).max(60), args: z.unknown().optional() }),
  z.strictObject({ type: z.literal('presence'), status: z.enum(['online', 'away']), viewing: viewingSchema.nullable().default(null) }),
]);
export type ClientMessage = z.input<typeof clientMessageSchema>;

// ---------------------------------------------------------------------------------------------
// Hub → desktop

export type RefusalCode = 'forbidden' | 'conflict' | 'not_found' | 'invalid_input' | 'unknown_intent';

export type MutationResult =
  | { id: number; outcome: 'applied'; result: unknown; replayed: boolean }
  | { id: number; outcome: 'refused'; code: RefusalCode; reason: string; replayed: boolean }
  /** Not applied and not recorded (the hub failed): push it again. */
  | { id: number; outcome: 'error'; reason: string };

export interface LogEntry {
  seq: number;
  /** 'team', or the brand handle id the entry belongs to. */
  space: string;
  actorId: string;
  clientId: string;
  mutationId: number;
  intent: string;
  args: unknown;
  outcome: 'applied' | 'refused';
  reason: string | null;
  at: number;
}

export interface MemberView {
  id: string;
  displayName: string;
  initials: string;
  teamRole: string | null;
  /** Role id per brand handle id. */
  handleRoles: Record<string, string>;
  createdAt: number;
}

export interface RoleView {
  id: string;
  name: string;
  permissions: Permission[];
  preset: boolean;
}

export interface InviteView {
  id: string;
  teamRole: string | null;
  handleRoles: Record<string, string>;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string | null;
  revoked: boolean;
}

export interface HandleView {
  id: string;
  username: string;
  /** The tags cases on this handle may carry (set by those who manage its deck). */
  tags?: string[];
  /** A case is resolved only with a tag. */
  tagRequiredOnResolve?: boolean;
  /** SLA, auto-assignment, routing rules, do-not-engage list. */
  caseSettings?: CaseSettings;
  /** The team's saved replies on this handle (kept by those with manage-saved-replies). */
  savedReplies?: SavedReply[];
}

export interface TeamView {
  name: string;
  handles: HandleView[];
}

/** A brand handle as X describes it, for desktops' replicas (the hub keeps its tokens). */
export interface TeamHandleView extends HandleView {
  name: string;
  avatarUrl: string | null;
}

/** `range`: a dated search (X's recent search, start_time / end_time); absent on a live one. */
export type TeamColumnSource = { kind: 'search'; query: string; range?: TimeRange } | { kind: 'mentions' } | { kind: 'dms' };

/** A column the hub ingests for the team; each member's desktop lays it out its own way. */
export interface TeamColumnView {
  id: string;
  handleId: string;
  title: string;
  source: TeamColumnSource;
  /** A member's personal column: only they see it. Null: the team's. */
  ownerId: string | null;
}

/**
 * Log entries the hub writes itself (actor HUB_ACTOR): what it ingested and handles it connected.
 * Member intents appear in the log under their own names (addTeamColumn, sendReply, …).
 */
export const HUB_ACTOR = 'hub';
export type HubEntryArgs = {
  /** New posts of a team column, the cases they opened, and which joined a case of their author's. */
  ingested: { columnId: string; posts: PostView[]; cases?: AssignmentView[]; joined?: { postId: string; casePostId: string }[] };
  /** New direct messages of a team DMs column, and (as for posts) the cases they opened or joined. */
  ingestedDms: { columnId: string; events: DmEventView[]; cases?: AssignmentView[]; joined?: { postId: string; casePostId: string }[] };
  handleConnected: { handle: TeamHandleView };
  /** A case as it is after a change (assignment, status, a reply, the customer writing again). */
  /**
   * `reopenedBy`: the customer's message that reopened it; `snoozeEnded`: its snooze time came;
   * `post`, `dms`: the case's post, its direct messages (all of them for a new assignee, else the one
   * that reopened it), for an assignee who may not see the queue.
   */
  caseChanged: { case: AssignmentView; reopenedBy?: string; snoozeEnded?: true; post?: PostView; dms?: DmEventView[] };
  /** The hub refreshed a brand handle's access token, or X refused it (the audit's "token use"; never the token). */
  tokenRefreshed: { handleId: string; detail: string };
  tokenRefused: { handleId: string; detail: string };
  /** A reply a member's sendReply queued, now on X (replyId) or refused by X (reason). */
  replySettled: { outboxId: string; memberId: string; inReplyTo: string; replyId: string | null; reason: string | null; kind?: 'reply' | 'dm'; dm?: DmEventView };
  /** A new post a member's createPost queued, now on X (postId) or refused by X (reason). */
  postSettled: { outboxId: string; memberId: string; postId: string | null; reason: string | null };
  /** A like or repost a member's engagePost queued (on), or its undoing: done at X (ok) or refused by X (reason). */
  engagementSettled: { outboxId: string; memberId: string; handleId: string; postId: string; kind: 'like' | 'repost'; on: boolean; ok: boolean; reason: string | null };
};
export type HubEntryName = keyof HubEntryArgs;

/** Where a case stands: worked (open), waiting for the customer (pending), set aside (snoozed), done (resolved). */
export const CASE_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/** A span of time a case's SLA clock stood still (pending, snoozed); `to` null: still paused. */
export interface CasePause {
  from: number;
  to: number | null;
}

/**
 * A customer's conversation with a team handle as a case, named by the post that opened it: who
 * has it and where it stands; `version` moves on every change.
 */
export interface AssignmentView {
  handleId: string;
  postId: string;
  assigneeId: string | null;
  status: CaseStatus;
  /** Of the handle's tags. */
  tags: string[];
  version: number;
  /** The customer (the opening post's author), when the hub knows them. */
  customerId: string | null;
  priority: CasePriority;
  /** Snoozed until then (null: until the customer writes). */
  snoozedUntil: number | null;
  /** Since when the customer's latest message waits for an answer (the SLA clock); null: nothing waits. */
  waitingSince: number | null;
  /** The team already answered once (the next-response target applies, not the first). */
  answered: boolean;
  /** Since `waitingSince`: when the clock stood still. */
  pauses: CasePause[];
  /** The team does not engage with this customer (a routing rule or the handle's list said so). */
  doNotEngage: boolean;
  /** The customer's messages the case gathers (its opening post first); empty for a case of a post the hub never ingested. */
  messageIds: string[];
}

/** A case nobody touched yet: open, unassigned, nothing waiting. */
export function newCase(handleId: string, postId: string, fields: Partial<Omit<AssignmentView, 'handleId' | 'postId'>> = {}): AssignmentView {
  return {
    handleId,
    postId,
    assigneeId: null,
    status: 'open',
    tags: [],
    version: 0,
    customerId: null,
    priority: 'normal',
    snoozedUntil: null,
    waitingSince: null,
    answered: false,
    pauses: [],
    doNotEngage: false,
    messageIds: [],
    ...fields,
  };
}

/** What a member may see, whole: sent instead of log entries when their cursor is older than the kept log. */
export interface Snapshot {
  team: TeamView;
  handles: TeamHandleView[];
  columns: TeamColumnView[];
  /** The newest posts of each team column the member may see unassigned. */
  recent: HubEntryArgs['ingested'][];
  /** The member's own layout of team columns, by column id. */
  layouts: Record<string, ColumnLayoutPatch>;
  /** Internal notes on the cases of the handles the member may view. */
  notes: CaseNote[];
  members: MemberView[];
  roles: RoleView[];
  assignments: AssignmentView[];
  /** The posts of cases assigned to the member on handles whose queue they may not see. */
  casePosts: PostView[];
  /** Likewise, the direct messages of those cases, per handle. */
  caseDms: { handleId: string; events: DmEventView[] }[];
  /** The team's labels on its customers (across handles). */
  customerLabels: { customerId: string; label: string; addedAt: number }[];
  /** Notes about customers written through the handles the member may view. */
  customerNotes: CustomerNote[];
  /** Version per space the member may see. */
  spaces: Record<string, number>;
}

/** An internal note on a case, as the hub logged it (its log entry's seq is its id). */
export interface CaseNote {
  seq: number;
  handleId: string;
  postId: string;
  memberId: string;
  text: string;
  at: number;
}

/** A reply a member sent as a team handle, as the hub's log has it (its sendReply entry's seq is its id). */
export interface CaseReply {
  seq: number;
  handleId: string;
  /** The post it answers. */
  postId: string;
  memberId: string;
  text: string;
  at: number;
  /** sending: the hub has it; sent: X took it; failed: X refused it. */
  status: 'sending' | 'sent' | 'failed';
}

/**
 * A reply that waits for an approver (submitReply), or was decided (decideApproval): approved ones
 * went to the hub's outbox credited to their author, with `finalText` (the approver's edit, or the text).
 */
export interface ApprovalView {
  id: string;
  handleId: string;
  /** A reply to a post, or a new post as the handle (submitPost). */
  kind: 'reply' | 'post';
  /** The post the reply answers ('' for a new post). */
  postId: string;
  /** As its author wrote it. */
  text: string;
  finalText: string | null;
  authorId: string;
  status: 'waiting' | 'approved' | 'rejected';
  decidedBy: string | null;
  /** The approver's word to the author. */
  note: string | null;
  createdAt: number;
  decidedAt: number | null;
  /** A new post's time to go out once approved (null: when approved; a time passed by then: at once). */
  sendAt: number | null;
}

/** One step of a case's timeline, for people. */
export interface CaseTimelineItem {
  at: number;
  /** message: the customer wrote; reply: a member answered as the handle; note: an internal note; change: assignment, status, tags. */
  kind: 'message' | 'reply' | 'note' | 'change';
  /** "Maya Chen", "@kaito_t", or "Deckhand hub". */
  actor: string;
  text: string;
}

/** One line of the audit log: who did what, when, on which handle, and how it ended. */
export interface AuditEntry {
  seq: number;
  at: number;
  actorId: string;
  /** The member's name, or "Deckhand hub" for what the hub did itself. */
  actor: string;
  /** The handle's @username, or null for the team's own entries. */
  handle: string | null;
  intent: string;
  outcome: 'applied' | 'refused';
  reason: string | null;
  /** The intent's arguments, as the hub logged them (never a secret: none is logged). */
  detail: string;
}

export type PresenceStatus = 'online' | 'away' | 'offline';

export type HubMessage =
  | { type: 'welcome'; memberId: string; head: number }
  | { type: 'pushResult'; clientId: string; results: MutationResult[] }
  | { type: 'pullResult'; entries: LogEntry[]; cursor: number; more: boolean }
  | { type: 'snapshot'; snapshot: Snapshot; cursor: number }
  | { type: 'readResult'; requestId: number; ok: true; value: unknown }
  | { type: 'readResult'; requestId: number; ok: false; code: RefusalCode; message: string }
  /**
   * `space` moved: pull. When the hub knows the desktop has every entry it may see up to `from`, a
   * poke may carry what follows (`entries`, up to `cursor`): a desktop whose cursor is `from` takes
   * them and moves to `cursor` without pulling; any other desktop pulls as for a bare poke.
   */
  | { type: 'poke'; space: string; version: number; entries?: LogEntry[]; from?: number; cursor?: number }
  | { type: 'presence'; memberId: string; status: PresenceStatus; viewing: Viewing | null }
  | { type: 'error'; code: 'invalid_input' | 'unauthorized' | 'busy' | 'internal'; message: string };
