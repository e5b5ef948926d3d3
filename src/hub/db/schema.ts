// The hub's tables as Kysely sees them: one schema for SQLite and PostgreSQL. Times are
// milliseconds since the epoch (bigint, read back as numbers); JSON is stored as text.
import type { ColumnType, Generated, Kysely } from 'kysely';

export interface TeamTable {
  id: number;
  name: string;
  created_at: number;
  /** The last event sequence number handed out; bumping it is also the hub's write lock. */
  seq_head: number;
  /** Events before this sequence number were pruned: an older cursor gets a snapshot. */
  kept_from_seq: number;
}

export interface MembersTable {
  id: string;
  display_name: string;
  initials: string;
  /** sha256 of the member's 32-byte random credential. */
  credential_hash: string;
  team_role: string | null;
  created_at: number;
  removed_at: number | null;
}

export interface InvitesTable {
  id: string;
  code_hash: string;
  team_role: string | null;
  /** JSON: role id per handle id. */
  handle_roles: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_by: string | null;
  used_at: number | null;
  revoked_at: number | null;
  /** A desktop link: joining with it gives this existing member a credential for another desktop. */
  for_member: string | null;
}

/** Credentials of a member's further desktops (the first is members.credential_hash). */
export interface MemberCredentialsTable {
  credential_hash: string;
  member_id: string;
  created_at: number;
}

/** Custom roles; the presets live in src/shared/hub-roles.ts. */
export interface RolesTable {
  id: string;
  name: string;
  /** JSON array of permissions. */
  permissions: string;
  created_at: number;
}

export interface MemberRolesTable {
  member_id: string;
  handle_id: string;
  role_id: string;
}

export interface HandlesTable {
  id: string;
  username: string;
  /** X's display name and avatar, as X answered when the handle was connected. */
  name: string;
  avatar_url: string | null;
  /** JSON array of the tags its cases may carry. */
  tags: Generated<string>;
  /** 1: resolving a case needs a tag. */
  tag_on_resolve: Generated<number>;
  /** JSON: the handle's case settings (SLA, auto-assignment, routing, do-not-engage). */
  case_settings: Generated<string>;
  /** JSON: the handle's saved replies (src/shared/saved-replies.ts). */
  saved_replies: Generated<string>;
  added_by: string;
  added_at: number;
}

export interface TeamColumnsTable {
  id: string;
  handle_id: string;
  title: string;
  /** JSON of the TeamColumnSource. */
  source: string;
  /** A member's personal column; null for the team's. */
  owner_id: string | null;
  created_by: string;
  created_at: number;
}

/** What the hub ingested into each team column: the log's `ingested` entries, kept for snapshots. */
export interface TeamPostsTable {
  column_id: string;
  post_id: string;
  /** The log entry that brought it. */
  seq: number;
  /** JSON of the PostView. */
  payload: string;
}

/** The direct messages the hub ingested on a handle (the log's `ingestedDms` entries), kept for DM cases and snapshots. */
export interface TeamDmEventsTable {
  handle_id: string;
  event_id: string;
  conversation_id: string;
  /** The log entry that brought it. */
  seq: number;
  /** JSON of the DmEventView. */
  payload: string;
  /** When the hub ingested it. */
  created_at: number;
}

/** A member's own layout of a team column (JSON of ColumnLayoutPatch, merged). */
export interface MemberLayoutsTable {
  member_id: string;
  column_id: string;
  layout: string;
  updated_at: number;
}

/** Replies accepted from members, until X took them (or refused them). */
/** What an outbox item asks of X as the handle. */
export type OutboxKind = 'reply' | 'dm' | 'post' | EngagementKind;
/** A like or repost of a post, or its undoing (the post is the item's `in_reply_to`). */
export type EngagementKind = 'like' | 'unlike' | 'repost' | 'unrepost';

export interface OutboxTable {
  id: string;
  handle_id: string;
  member_id: string;
  in_reply_to: string;
  text: string;
  /** sending: handed to X, not yet recorded (after a crash, found at X or sent again). */
  status: 'queued' | 'sending' | 'sent' | 'failed';
  x_post_id: string | null;
  reason: string | null;
  created_at: number;
  updated_at: number;
  /**
   * reply: to the post `in_reply_to`; dm: into the DM conversation `in_reply_to`; like, unlike,
   * repost, unrepost: of the post `in_reply_to` (text empty); post: a new post (`in_reply_to`
   * empty). A text column without a CHECK, so new kinds need no migration.
   */
  kind: Generated<OutboxKind>;
  /** When a scheduled post goes out (migration 0016); null: as soon as it can. */
  send_at: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A reply waiting for an approver, or decided (migration 0014). */
export interface ApprovalsTable {
  id: string;
  handle_id: string;
  /** A reply, or a new post as the handle. */
  kind: ColumnType<'reply' | 'post', 'reply' | 'post' | undefined, never>;
  /** The post the reply answers ('' for a new post). */
  post_id: string;
  /** The text as its author wrote it. */
  text: string;
  author_id: string;
  status: 'waiting' | 'approved' | 'rejected';
  /** What was sent: the approver's edit, or the author's text. */
  final_text: string | null;
  decided_by: string | null;
  /** The approver's word to the author (a rejection's reason, say). */
  note: string | null;
  created_at: number;
  decided_at: number | null;
  /** A new post's time to go out once approved; null: when approved. */
  send_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface EventsTable {
  seq: number;
  space: string;
  /** 'member': every member of the team (or with view on the handle); 'manage-team': the audit of team admin. */
  audience: string;
  actor_id: string;
  client_id: string;
  mutation_id: number;
  intent: string;
  args: string;
  outcome: string;
  reason: string | null;
  at: number;
  /** With audience 'case' or 'case-only': the case's assignee, who sees the entry without the queue. */
  for_member: string | null;
}

export interface SpacesTable {
  id: string;
  version: number;
}

export interface AppliedMutationsTable {
  member_id: string;
  client_id: string;
  mutation_id: number;
  /** JSON of the MutationResult without its id (secrets shown once are left out). */
  result: string;
  at: number;
}

export interface AssignmentsTable {
  handle_id: string;
  post_id: string;
  assignee_id: string | null;
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  /** The post's author: their new messages on the handle reopen the case. */
  customer_id: string | null;
  /** JSON array of the case's tags. */
  tags: Generated<string>;
  version: number;
  updated_at: number;
  priority: Generated<'low' | 'normal' | 'high' | 'urgent'>;
  snoozed_until: number | null;
  waiting_since: number | null;
  answered: Generated<number>;
  /** JSON array of { from, to } spans the SLA clock stood still. */
  pauses: Generated<string>;
  do_not_engage: Generated<number>;
  created_at: number | null;
  /** JSON array: the customer's messages the case gathers, its opening post first. */
  message_ids: Generated<string>;
}

/** A label the team gives a customer (an X user), across handles. */
export interface CustomerLabelsTable {
  customer_id: string;
  label: string;
  added_by: string;
  added_at: number;
}

/** A note about a customer, written through a handle (those who may view it read it). */
export interface CustomerNotesTable {
  id: string;
  customer_id: string;
  handle_id: string;
  member_id: string;
  text: string;
  at: number;
}

/** The customer's messages that joined a case (its opening post included). */
export interface CaseMessagesTable {
  handle_id: string;
  post_id: string;
  case_post_id: string;
  at: number;
}

/** The hub's own settings; `hub_id` prefixes its OS keychain entries. */
export interface HubMetaTable {
  key: string;
  value: string;
}

/** Secrets sealed with the operator's key: AES-256-GCM, base64 fields, the name as additional data. */
export interface SealedSecretsTable {
  name: string;
  nonce: string;
  tag: string;
  ciphertext: string;
  updated_at: number;
}

export interface HubTables {
  team: TeamTable;
  members: MembersTable;
  invites: InvitesTable;
  roles: RolesTable;
  member_roles: MemberRolesTable;
  handles: HandlesTable;
  events: EventsTable;
  spaces: SpacesTable;
  applied_mutations: AppliedMutationsTable;
  assignments: AssignmentsTable;
  case_messages: CaseMessagesTable;
  customer_labels: CustomerLabelsTable;
  customer_notes: CustomerNotesTable;
  hub_meta: HubMetaTable;
  sealed_secrets: SealedSecretsTable;
  team_columns: TeamColumnsTable;
  team_posts: TeamPostsTable;
  team_dm_events: TeamDmEventsTable;
  outbox: OutboxTable;
  approvals: ApprovalsTable;
  member_layouts: MemberLayoutsTable;
  member_credentials: MemberCredentialsTable;
}

export type HubDb = Kysely<HubTables>;

