// What a hub's log and snapshots carry for this desktop's replica, checked like any input: posts
// and DM events as the hub's ingest filed them, team columns and handles. Ids are X snowflakes
// (the local store keys posts by them as integers).
import { z } from 'zod';
import type { DmEventView, PostView } from '../../../shared/domain';
import { columnLayoutSchema, teamColumnSourceSchema } from '../../../shared/hub-intents';
import { CASE_PRIORITIES, CASE_STATUSES } from '../../../shared/hub-protocol';
import { numericId } from '../../../shared/ids';

const text = (max: number) => z.string().max(max);
const span = { start: z.number().int().min(0), end: z.number().int().min(0) };
const entities = z.object({
  urls: z.array(z.object({ ...span, url: text(2_000), expandedUrl: text(4_000), displayUrl: text(2_000) })).max(100),
  mentions: z.array(z.object({ ...span, username: text(50) })).max(100),
  hashtags: z.array(z.object({ ...span, tag: text(300) })).max(100),
  cashtags: z.array(z.object({ ...span, tag: text(300) })).max(100),
});
const media = z
  .array(
    z.object({
      key: text(100),
      type: z.enum(['photo', 'video', 'animated_gif']),
      url: text(4_000).nullable(),
      previewUrl: text(4_000).nullable(),
      width: z.number().int().nullable(),
      height: z.number().int().nullable(),
      altText: text(2_000).nullable(),
    }),
  )
  .max(10);
const author = z.object({
  id: numericId,
  username: text(50),
  name: text(200),
  avatarUrl: text(4_000).nullable(),
  verified: z.boolean(),
  followersCount: z.number().int().min(0),
  bio: text(1_000).optional(),
  joinedAt: text(40).optional(),
});

const postFields = {
  id: numericId,
  text: text(10_000),
  createdAt: z.string().datetime({ offset: true }),
  authorId: numericId,
  conversationId: numericId.nullable(),
  inReplyToUserId: numericId.nullable(),
  inReplyToPostId: numericId.nullable(),
  lang: text(20).nullable(),
  entities,
  quotedPostId: numericId.nullable(),
  repostOfId: numericId.nullable(),
  metrics: z.object({ replies: z.number().int().min(0), reposts: z.number().int().min(0), likes: z.number().int().min(0), quotes: z.number().int().min(0) }).nullable(),
  media,
  author,
};
const quotedPost = z.object(postFields);
export const postViewSchema: z.ZodType<PostView> = z.object({ ...postFields, quoted: quotedPost.nullable().optional() });

export const dmEventViewSchema: z.ZodType<DmEventView> = z.object({
  id: numericId,
  conversationId: text(100),
  senderId: numericId,
  participantIds: z.array(numericId).max(100),
  text: text(20_000),
  createdAt: z.string().datetime({ offset: true }),
  entities,
  media,
  sender: author.nullable(),
});

const caseSchema = z.object({
  handleId: z.string().max(100),
  postId: z.string().max(40),
  assigneeId: z.string().max(100).nullable(),
  status: z.enum(CASE_STATUSES),
  tags: z.array(z.string().max(30)).max(50).default([]),
  version: z.number().int().min(0),
  customerId: z.string().max(40).nullable().default(null),
  priority: z.enum(CASE_PRIORITIES).default('normal'),
  snoozedUntil: z.number().nullable().default(null),
  waitingSince: z.number().nullable().default(null),
  answered: z.boolean().default(false),
  pauses: z.array(z.object({ from: z.number(), to: z.number().nullable() })).max(500).default([]),
  doNotEngage: z.boolean().default(false),
  messageIds: z.array(z.string().max(40)).max(10_000).default([]),
});

export const teamHandleSchema = z.object({ id: numericId, username: text(50), name: text(200), avatarUrl: text(4_000).nullable() });
export const teamColumnSchema = z.object({ id: z.string().min(1).max(100), handleId: numericId, title: z.string().min(1).max(200), source: teamColumnSourceSchema, ownerId: z.string().nullable().default(null) });

/** The entries of the hub's log this desktop acts on (others are skipped). */
export const ENTRY_SCHEMAS = {
  handleConnected: z.object({ handle: teamHandleSchema }),
  addTeamColumn: z.object({ handleId: numericId, columnId: z.string().min(1).max(100), title: z.string().min(1).max(200).optional(), source: teamColumnSourceSchema }),
  removeTeamColumn: z.object({ handleId: z.string(), columnId: z.string().min(1).max(100) }),
  addPersonalColumn: z.object({ handleId: numericId, columnId: z.string().min(1).max(100), title: z.string().min(1).max(200).optional(), source: teamColumnSourceSchema }),
  removePersonalColumn: z.object({ handleId: z.string(), columnId: z.string().min(1).max(100) }),
  ingested: z.object({
    columnId: z.string().min(1).max(100),
    posts: z.array(postViewSchema).max(5_000),
    cases: z.array(caseSchema).max(5_000).default([]),
    joined: z.array(z.object({ postId: z.string().max(40), casePostId: z.string().max(40) })).max(5_000).default([]),
  }),
  ingestedDms: z.object({
    columnId: z.string().min(1).max(100),
    events: z.array(dmEventViewSchema).max(5_000),
    cases: z.array(caseSchema).max(5_000).default([]),
    joined: z.array(z.object({ postId: z.string().max(40), casePostId: z.string().max(40) })).max(5_000).default([]),
  }),
  setColumnLayout: z.object({ handleId: z.string(), columnId: z.string().min(1).max(100), layout: columnLayoutSchema }),
  caseChanged: z.object({ case: caseSchema, reopenedBy: z.string().max(40).optional(), snoozeEnded: z.literal(true).optional(), post: postViewSchema.optional(), dms: z.array(dmEventViewSchema).max(10_000).default([]) }),
  addNote: z.object({ handleId: z.string().max(100), postId: z.string().max(40), text: z.string().max(2_000) }),
  sendReply: z.object({ handleId: z.string().max(100), postId: z.string().max(40), text: z.string().max(10_000) }),
  labelCustomer: z.object({ customerId: z.string().max(40), label: z.string().max(30), on: z.boolean() }),
  noteCustomer: z.object({ handleId: z.string().max(100), customerId: z.string().max(40), noteId: z.string().min(1).max(100), text: z.string().max(2_000) }),
  submitReply: z.object({ handleId: z.string().max(100), postId: z.string().max(40) }),
  submitPost: z.object({ handleId: z.string().max(100) }),
  decideApproval: z.object({
    handleId: z.string().max(100),
    approvalId: z.string().max(100),
    approve: z.boolean(),
    postId: z.string().max(40),
    authorId: z.string().max(100),
    text: z.string().max(10_000),
    note: z.string().max(1_000).nullable().optional(),
    kind: z.enum(['reply', 'post']).default('reply'),
  }),
  replySettled: z.object({
    memberId: z.string().max(100),
    inReplyTo: z.string().max(45),
    replyId: z.string().max(40).nullable(),
    reason: z.string().max(2_000).nullable(),
    kind: z.enum(['reply', 'dm']).default('reply'),
    dm: dmEventViewSchema.optional(),
  }),
  // A team handle's new posts: what the entries say is read again from the hub (the Scheduled column).
  createPost: z.object({ handleId: z.string().max(100) }),
  changeScheduledPost: z.object({ handleId: z.string().max(100) }),
  postSettled: z.object({ outboxId: z.string().max(100) }),
  engagementSettled: z.object({
    memberId: z.string().max(100),
    handleId: z.string().max(100),
    postId: z.string().max(40),
    kind: z.enum(['like', 'repost']),
    on: z.boolean(),
    ok: z.boolean(),
    reason: z.string().max(2_000).nullable(),
  }),
} as const;

export type ReplicatedEntryName = keyof typeof ENTRY_SCHEMAS;

export function isReplicatedEntry(name: string): name is ReplicatedEntryName {
  return Object.hasOwn(ENTRY_SCHEMAS, name);
}

export const logEntrySchema = z.object({
  seq: z.number().int().min(0),
  space: z.string(),
  actorId: z.string(),
  clientId: z.string(),
  intent: z.string(),
  args: z.unknown(),
  outcome: z.enum(['applied', 'refused']),
  reason: z.string().nullable(),
  at: z.number(),
});
export type WireLogEntry = z.infer<typeof logEntrySchema>;

export const snapshotSchema = z.object({
  handles: z.array(teamHandleSchema),
  columns: z.array(teamColumnSchema),
  recent: z.array(z.object({ columnId: z.string(), posts: z.array(z.unknown()) })),
  layouts: z.record(z.string(), columnLayoutSchema).default({}),
  assignments: z.array(caseSchema).default([]),
  casePosts: z.array(z.unknown()).max(10_000).default([]),
  caseDms: z.array(z.object({ handleId: numericId, events: z.array(z.unknown()).max(10_000) })).max(10_000).default([]),
  notes: z.array(z.object({ seq: z.number().int(), handleId: z.string().max(100), postId: z.string().max(40), memberId: z.string().max(100), text: z.string().max(2_000), at: z.number() })).default([]),
  customerLabels: z.array(z.object({ customerId: z.string().max(40), label: z.string().max(30), addedAt: z.number() })).max(100_000).default([]),
  customerNotes: z
    .array(z.object({ id: z.string().min(1).max(100), customerId: z.string().max(40), handleId: z.string().max(100), authorId: z.string().max(100), text: z.string().max(2_000), at: z.number() }))
    .max(100_000)
    .default([]),
});
