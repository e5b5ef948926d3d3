// What the desktop knows of its team (a hub it created or joined), for the renderer. No secrets:
// the member credential stays in the OS keychain on the main side.
import { z } from 'zod';
import { caseSettingsSchema } from './case-settings';
import { ALL_PERMISSIONS, type PostView } from './domain';
import { postTextSchema } from './post-length';
import { CASE_STATUSES, viewingSchema, type ApprovalView, type HandleView, type InviteView, type MemberView, type PresenceStatus, type RoleView, type Viewing } from './hub-protocol';

/** solo: no team. connecting/online/offline: the link to the hub (offline keeps retrying). */
export type TeamLinkStatus = 'solo' | 'connecting' | 'online' | 'offline';

export interface TeamMember extends MemberView {
  presence: PresenceStatus;
  /** The post they have open (and whether they are typing a reply), where this member may see it. */
  viewing: Viewing | null;
}

/** Something this desktop asked of the hub: waiting to reach it, or refused by it (kept until dismissed). */
export interface TeamOutboxItem {
  id: number;
  intent: string;
  /** For people: "Reply to @kaito_t as @AcmeAir: …". */
  summary: string;
  status: 'pending' | 'refused';
  /** Why the hub (or X, through it) refused it. */
  reason: string | null;
  createdAt: string;
}

export interface TeamState {
  status: TeamLinkStatus;
  hubUrl: string | null;
  /** This desktop's member id in the team. */
  memberId: string | null;
  teamName: string | null;
  handles: HandleView[];
  members: TeamMember[];
  roles: RoleView[];
  /** Only for members who may manage the team; empty otherwise. */
  invites: InviteView[];
  /** Why the link is down or the last team action failed, for people. */
  problem: string | null;
  /** What waits for the hub, or was refused by it, oldest first. */
  outbox: TeamOutboxItem[];
}

export const SOLO_TEAM_STATE: TeamState = { status: 'solo', hubUrl: null, memberId: null, teamName: null, handles: [], members: [], roles: [], invites: [], problem: null, outbox: [] };

const hubUrl = z
  .string()
  .trim()
  .url('must be the hub address it printed, e.g. http://127.0.0.1:4100')
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://');
const displayName = z.string().trim().min(1, 'Your name cannot be empty').max(80);
const teamId = z.string().min(1).max(100);

export const createTeamInput = z.strictObject({
  hubUrl,
  setupCode: z.string().trim().min(1, 'Enter the setup code the hub printed').max(200),
  displayName,
  teamName: z.string().trim().min(1).max(80).optional(),
});

export const joinTeamInput = z.strictObject({
  /** `deckhand://join?hub=…&code=…` as an invite shows it. */
  inviteLink: z.string().trim().min(1, 'Paste the invite link').max(2_000),
  displayName,
});

export const createInviteInput = z.strictObject({
  teamRole: teamId.nullable().default(null),
  handleRoles: z.record(teamId, teamId).default({}),
  expiresInHours: z.number().positive().max(24 * 30).default(24 * 7),
});

export const setMemberRoleInput = z.strictObject({ memberId: teamId, handleId: teamId.nullable(), roleId: teamId.nullable() });

export const setViewingInput = z.strictObject({ viewing: viewingSchema.nullable() });

const postId = z.string().regex(/^[0-9]{1,20}$/, 'must be a post id');
export const assignPostInput = z.strictObject({ accountId: teamId, postId, assigneeId: teamId.nullable() });
export const claimPostInput = z.strictObject({ accountId: teamId, postId });
export const addCaseNoteInput = z.strictObject({ accountId: teamId, postId, text: z.string().trim().min(1, 'A note cannot be empty').max(2_000, 'A note is at most 2,000 characters') });
export const tagCaseInput = z.strictObject({ accountId: teamId, postId, tag: z.string().trim().min(1).max(30), on: z.boolean() });
export const saveHandleTagsInput = z.strictObject({ accountId: teamId, tags: z.array(z.string().trim().min(1).max(30)).max(50), requireOnResolve: z.boolean() });
export const mergeCasesInput = z.strictObject({ accountId: teamId, postId, intoPostId: postId });
export const saveCaseSettingsInput = z.strictObject({ accountId: teamId, settings: caseSettingsSchema });
export const auditLogInput = z.strictObject({ beforeSeq: z.number().int().min(1).optional() });
export const setCaseStatusInput = z.strictObject({ accountId: teamId, postId, status: z.enum(CASE_STATUSES), until: z.number().int().positive().optional() });

export const dismissOutboxItemInput = z.strictObject({ id: z.number().int().min(0) });

export const saveRoleInput = z.strictObject({
  id: teamId.optional(),
  name: z.string().trim().min(1).max(60),
  permissions: z.array(z.enum(ALL_PERMISSIONS)).max(ALL_PERMISSIONS.length),
});

/** What a member can be told of their cases, each switched on or off in their notification settings. */
export const CASE_NOTICE_KINDS = ['assigned', 'mentioned', 'reopened', 'slaDue'] as const;
export type CaseNoticeKind = (typeof CASE_NOTICE_KINDS)[number];

/** Told to this desktop's member: a case was given to them, they were mentioned, theirs reopened, its SLA is about to breach; a reply of theirs was approved or rejected (always told). */
export interface CaseNotice {
  kind: CaseNoticeKind | 'approval';
  handleId: string;
  postId: string;
  /** For people: "Maya Chen assigned you @kaito_t's post". */
  text: string;
}

export const caseNotifySettingsSchema = z.strictObject({
  assigned: z.boolean(),
  mentioned: z.boolean(),
  reopened: z.boolean(),
  slaDue: z.boolean(),
});
export type CaseNotifySettings = z.infer<typeof caseNotifySettingsSchema>;
export const DEFAULT_CASE_NOTIFY: CaseNotifySettings = { assigned: true, mentioned: true, reopened: true, slaDue: true };

/** A reply waiting for (or decided by) an approver, with the post it answers when this desktop holds it. */
export interface ApprovalItem extends ApprovalView {
  post: PostView | null;
}

export const decideApprovalInput = z.strictObject({
  accountId: teamId,
  approvalId: z.string().min(1).max(100),
  approve: z.boolean(),
  /** The approver's edit of the reply (approving only). */
  text: postTextSchema('Reply text').optional(),
  /** A word to the author, e.g. why it was rejected. */
  note: z.string().trim().max(500, 'A note to the author is at most 500 characters').optional(),
});
