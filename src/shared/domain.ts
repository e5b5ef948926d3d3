// Plain data shapes shared by the core and the renderer. JSON only: no classes, no Dates.
import type { CaseQueue } from './case-queues';
import type { TimeRange } from './date-range';

/** The team model's permissions; a role is a set of them, held per brand handle. */
export const ALL_PERMISSIONS = [
  'view',
  'view-unassigned',
  'reply',
  'dm',
  'post',
  'assign',
  'take-over',
  'approve',
  'send-without-approval',
  'manage-saved-replies',
  'view-reports',
  'manage-team',
  'manage-handles',
  'manage-deck',
] as const;

export type Permission = (typeof ALL_PERMISSIONS)[number];

/**
 * What a command acts on or an event speaks of. A column belongs to a brand handle; the
 * workspace is the desktop (or team) as a whole: its settings, the mute list, lists across handles.
 */
export type Resource = { kind: 'workspace' } | { kind: 'handle'; accountId: string } | { kind: 'column'; columnId: string };

export type WorkspaceMode = 'demo' | 'x';

export interface Workspace {
  mode: WorkspaceMode;
  /** Where the core sends X traffic: X itself or a sandbox. */
  apiBase: string;
}

/**
 * connected: usable. reconnect_needed: X refused to refresh its access; its columns are paused
 * until it is connected again. removed: disconnected, its columns and posts kept read-only.
 */
export type AccountStatus = 'connected' | 'reconnect_needed' | 'removed';

export interface Account {
  id: string;
  username: string;
  name: string;
  avatarUrl: string | null;
  status: AccountStatus;
  /** The team's hub holds this handle (and its tokens) and feeds its columns; this desktop never calls X for it. */
  fromTeam?: true;
}

// ---------------------------------------------------------------------------------------------
// Brand handles: the X app, connecting, capabilities

/** The X app Deckhand signs in with. Secrets are never part of it: only whether one is set. */
export interface XAppSettings {
  /** OAuth 2.0 Client ID of a public "Native App" client; null until an admin enters it. */
  clientId: string | null;
  /** The loopback port X redirects to after authorization (registered with the X app). */
  callbackPort: number;
  /** Exactly what to register with the X app: `http://127.0.0.1:PORT/callback`. */
  callbackUrl: string;
  /** Whether an app Bearer token (for the filtered stream) is stored. */
  bearerTokenSet: boolean;
  /** Where tokens are kept, e.g. "OS keychain" or "memory (demo workspace …)". */
  secretStorage: string;
  /** False in the demo workspace: its sandbox tokens live in memory and vanish on quit. */
  secretsPersistent: boolean;
  /** True when the saved Client ID only takes effect at the next start (the demo is open now). */
  restartNeeded: boolean;
}

export type AccountDataChoice = 'keep' | 'delete';

export interface AccountConnectStart {
  flowId: string;
  /** X's authorization page; the web host's renderer opens it in a new tab. */
  authorizeUrl: string;
  /** True when the main side already opened it in the system browser (desktop app). */
  openedExternally: boolean;
}

export interface AccountConnectResult {
  /** Null when X's answer matched no sign-in Deckhand started. */
  flowId: string | null;
  ok: boolean;
  account: Account | null;
  message: string;
}

export type StreamAccess = 'available' | 'unavailable' | 'unknown';

export interface XUsage {
  /** Posts read this billing period, and the period's cap. */
  projectUsage: number | null;
  projectCap: number | null;
  /** Days until the cap resets. */
  capResetDay: number | null;
}

export interface XAppCapabilities {
  /** What X answered when the engine asked for the filtered stream's rules. */
  stream: StreamAccess;
  /** How columns are fed as a result. */
  columnSource: 'streaming' | 'polling';
  detail: string;
  usage: XUsage | null;
  /** Why usage is missing (no Bearer token, X refused …). */
  usageProblem: string | null;
}

export interface Author {
  id: string;
  username: string;
  name: string;
  avatarUrl: string | null;
  verified: boolean;
  followersCount: number;
  /** Their profile's description, and when they joined X (ISO), when X said. */
  bio?: string;
  joinedAt?: string;
}

/** Offsets count Unicode code points of the (unescaped) post text. */
export interface UrlEntity {
  start: number;
  end: number;
  url: string;
  expandedUrl: string;
  displayUrl: string;
}

export interface MentionEntity {
  start: number;
  end: number;
  username: string;
}

export interface TagEntity {
  start: number;
  end: number;
  tag: string;
}

export interface PostEntities {
  urls: UrlEntity[];
  mentions: MentionEntity[];
  hashtags: TagEntity[];
  cashtags: TagEntity[];
}

export interface Post {
  id: string;
  /** Unescaped text (X sends `&amp;`; the core decodes it once). */
  text: string;
  createdAt: string;
  authorId: string;
  conversationId: string | null;
  inReplyToUserId: string | null;
  inReplyToPostId: string | null;
  lang: string | null;
  entities: PostEntities;
  /** The post this one quotes (its view comes as `PostView.quoted` when stored). */
  quotedPostId: string | null;
  /** Set when this post is a repost ("retweet") of another. */
  repostOfId: string | null;
  /** X's public_metrics at the time the post was last fetched; null when X sent none. */
  metrics: PostMetrics | null;
  media: PostMedia[];
}

/** A message's tone as the ingest reads it (shared/sentiment.ts). */
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** Tone and priority of a customer's post or DM, computed locally when it is stored. */
export interface PostAssessment {
  sentiment: Sentiment;
  /** 0..1: how sure the sentiment is (low for languages the tone model cannot read). */
  confidence: number;
  /** The tone model's document score, -1..1 (0 when the text was not scored). */
  score: number;
  /** 0..100: how soon the team should look at it. */
  priority: number;
  /** Short phrases that explain sentiment and priority, for a hover. */
  reasons: string[];
}

export interface PostMetrics {
  replies: number;
  reposts: number;
  likes: number;
  quotes: number;
}

export type MediaType = 'photo' | 'video' | 'animated_gif';

export interface PostMedia {
  key: string;
  type: MediaType;
  /** Full image (photos); null for videos, whose `previewUrl` is the thumbnail. */
  url: string | null;
  previewUrl: string | null;
  width: number | null;
  height: number | null;
  altText: string | null;
}

export interface PostView extends Post {
  author: Author;
  /** The quoted post, one level deep, when it is stored. */
  quoted?: PostView | null;
  /** A brand handle answered it from Deckhand: who ("you" alone, the member's name in a team) and when (ISO). */
  answered?: PostAnswer | null;
  /** A brand handle's own reply: whom it answered, with their post's text when this desktop holds it. */
  replyingTo?: { username: string; text: string | null } | null;
  /** The brand handles (ids) that liked it, and that reposted it, from Deckhand. */
  likedBy?: string[];
  repostedBy?: string[];
  /** Its tone and priority; absent for a brand handle's own posts and posts stored before Deckhand assessed them. */
  assessment?: PostAssessment;
}

export interface PostAnswer {
  by: string;
  at: string;
}

export type Engagement = 'like' | 'repost';

/** Where a post can be seen on X (used by export and "Open on X"). */
export const postUrl = (username: string, postId: string) => `https://x.com/${encodeURIComponent(username)}/status/${postId}`;

// ---------------------------------------------------------------------------------------------
// Columns

export type ColumnKind = 'search' | 'mentions' | 'user' | 'dms' | 'archive' | 'cases' | 'approvals' | 'scheduled';

export const COLUMN_KINDS: readonly ColumnKind[] = ['search', 'mentions', 'user', 'dms', 'archive', 'cases', 'approvals', 'scheduled'];

/** The names the UI shows for each kind (part of the UI contract). */
export const COLUMN_KIND_LABELS: Readonly<Record<ColumnKind, string>> = {
  search: 'Search',
  mentions: 'Mentions',
  user: 'User',
  dms: 'Direct messages',
  archive: 'Archive search',
  cases: 'Cases',
  approvals: 'Approvals',
  scheduled: 'Scheduled',
};

/** The query builder's fields; `buildSearchQuery` (query-builder.ts) turns them into an X query. */
export interface SearchSpec {
  allWords: string[];
  exactPhrase: string;
  anyWords: string[];
  noneWords: string[];
  /** Usernames without "@". */
  fromAccounts: string[];
  toAccounts: string[];
  /** Without "#". */
  hashtags: string[];
  /** BCP 47 language code X knows (e.g. "en"), or null for any. */
  language: string | null;
  excludeReposts: boolean;
  excludeReplies: boolean;
  hasLinks: boolean;
  hasMedia: boolean;
}

/** Local filters: applied by the core before posts reach a column's list, events and unread count. */
export interface ColumnFilters {
  /** Case-insensitive whole words or phrases. */
  excludeWords: string[];
  /** A JavaScript regular expression (source only, matched case-insensitively), or null. */
  excludeRegex: string | null;
  /** Language codes to keep; empty keeps every language. */
  languages: string[];
  minFollowers: number;
  onlyVerified: boolean;
  hideReposts: boolean;
  hideReplies: boolean;
  onlyWithMedia: boolean;
  onlyWithLinks: boolean;
  /** Sentiments to keep; empty keeps every post (posts without an assessment too). */
  sentiments: Sentiment[];
  /** Only posts by customers carrying this label (any case); null keeps every author. */
  customerLabel: string | null;
  /** Hides posts by customers carrying this label (any case); null hides none. */
  hideCustomerLabel: string | null;
  /** Only posts by customers someone wrote a customer note about. */
  onlyNotedCustomers: boolean;
  /** The column's order. Kept with the filters: it travels, persists and syncs the same way. */
  sort: ColumnSort;
}

/** Newest first, or highest priority first (newest first among equals). */
export const COLUMN_SORTS = ['newest', 'priority'] as const;
export type ColumnSort = (typeof COLUMN_SORTS)[number];

export const DEFAULT_COLUMN_FILTERS: Readonly<ColumnFilters> = Object.freeze({
  excludeWords: [],
  excludeRegex: null,
  languages: [],
  minFollowers: 0,
  onlyVerified: false,
  hideReposts: false,
  hideReplies: false,
  onlyWithMedia: false,
  onlyWithLinks: false,
  sentiments: [],
  customerLabel: null,
  hideCustomerLabel: null,
  onlyNotedCustomers: false,
  sort: 'newest',
});

/** Global mutes, applied to every column. */
export interface MuteList {
  /** Case-insensitive words or phrases. */
  words: string[];
  /** Usernames without "@", compared case-insensitively. */
  users: string[];
}

/** What the user was looking at: the post at the top of the viewport and how far it was scrolled. */
export interface ScrollPosition {
  anchorPostId: string | null;
  /** Pixels from the top of the anchor post to the top of the viewport. */
  offsetPx: number;
}

export const COLUMN_WIDTH = Object.freeze({ min: 240, max: 720, default: 340 });

export interface ColumnLayout {
  id: string;
  /** The handle the column reads as and replies from. Archive columns search across every handle. */
  accountId: string;
  title: string;
  /** 0-based, dense: the deck's order. */
  position: number;
  widthPx: number;
  collapsed: boolean;
  filters: ColumnFilters;
  /** Desktop notifications for new posts (default: on for Mentions, off otherwise). */
  notifications: boolean;
  /** Newest post (or DM event) id the user has read; null: nothing read yet. */
  lastReadId: string | null;
  scroll: ScrollPosition;
  /** A team column: the team's hub defines and feeds it; its layout and reading position are this member's own. */
  fromTeam?: true;
  /** Fed by the hub like a team column, but this member's alone. */
  personal?: true;
}

/** What feeds a column; `kind` discriminates. */
export type ColumnSource =
  /** `range`: only posts made within it (X's start_time / end_time); absent on a live search. */
  | { kind: 'search'; query: string; builder: SearchSpec | null; range?: TimeRange }
  | { kind: 'mentions' }
  | { kind: 'user'; userId: string; username: string }
  | { kind: 'dms' }
  | { kind: 'archive'; query: string }
  /** A queue over a team handle's cases (this desktop's replica of the hub's). */
  | { kind: 'cases'; queue: CaseQueue }
  /** Replies waiting for an approver on a team handle (the hub's approval queue). */
  | { kind: 'approvals' }
  /** The handle's outbox: scheduled posts, failed sends, and the posts sent lately. */
  | { kind: 'scheduled' };

export type Column = ColumnLayout & ColumnSource;

export type ColumnSourceState =
  | 'connecting'
  | 'streaming'
  | 'polling'
  /** Waiting for X's rate-limit window to reset (`message` says until when). */
  | 'rate_limited'
  /** The handle is paused (e.g. its token could not be refreshed): nothing is lost, resume fills the gap. */
  | 'paused'
  /** Archive columns: fed from the local store only. */
  | 'local'
  | 'error';

export interface ColumnStatus {
  columnId: string;
  state: ColumnSourceState;
  /** For people: why the column is paused, in error, or rate limited. */
  message: string | null;
  /** A polled DMs column: when its last poll succeeded (ISO), so the header says how fresh it is. */
  checkedAt?: string;
}

export interface UnreadCount {
  columnId: string;
  /** Posts (after filters and mutes) newer than the column's `lastReadId`, at most UNREAD_COUNT_CAP. */
  count: number;
}

export const UNREAD_COUNT_CAP = 999;

// ---------------------------------------------------------------------------------------------
// Direct messages

export interface DmEvent {
  id: string;
  conversationId: string;
  senderId: string;
  /** Everyone in the conversation (both sides of a one-to-one conversation). */
  participantIds: string[];
  text: string;
  createdAt: string;
  entities: PostEntities;
  media: PostMedia[];
}

export interface DmEventView extends DmEvent {
  sender: Author | null;
  /** Its tone and priority; absent for the handle's own messages and messages stored before Deckhand assessed them. */
  assessment?: PostAssessment;
}

/** One conversation of a handle's DMs column, newest activity first. */
export interface DmConversation {
  conversationId: string;
  /** The other participants (not the column's handle). */
  participants: Author[];
  lastEvent: DmEventView;
}

/** A post's conversation as this desktop holds it: the chain up to the root, the post, what came after. */
export interface ConversationView {
  focus: PostView;
  /** From the root down to the focus's parent (as far as this desktop has them). */
  ancestors: PostView[];
  /** False when a post up the chain is missing here (the conversation starts further up). */
  reachesRoot: boolean;
  /** The other posts of the conversation, oldest first. */
  replies: PostView[];
  /** Who sent each of the handle's own replies shown: "Maya Chen" (a team member), "You". */
  senders: Record<string, string>;
}

/** A customer as this desktop knows them: who they are, what they wrote to the handle. */
export interface CustomerView {
  author: Author;
  /** The team's labels on them (VIP, press …), across handles. */
  labels: string[];
  /** Their posts this desktop holds, newest first. */
  posts: PostView[];
  /** Their direct messages with the handle, newest first. */
  dms: DmEventView[];
}

/** A file the renderer offers as a download. */
export interface ExportedFile {
  filename: string;
  mimeType: 'text/csv' | 'application/json';
  content: string;
  rows: number;
}

export const EMPTY_ENTITIES: PostEntities = Object.freeze({ urls: [], mentions: [], hashtags: [], cashtags: [] });
