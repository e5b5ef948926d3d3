// Access tiers: what an X app on each self-serve plan may do. All limits are per 15-minute window
// (per user token and per app) unless listed under `daily`. Figures from ../shared/x-api/README.md
// (pay-per-use) and X's published plan tables (basic, pro).
//
// | tier        | filtered stream | stream connections | rules (max length) | search query length | monthly post reads | reply rule |
// |-------------|-----------------|--------------------|--------------------|---------------------|--------------------|------------|
// | pay-per-use | yes             | 1                  | 1,000 (1,024)      | 512                 | no cap (billed)    | yes        |
// | basic       | no (403)        | -                  | -                  | 512                 | 15,000             | yes        |
// | pro         | yes             | 1                  | 1,000 (1,024)      | 4,096               | 1,000,000          | yes        |
//
// X Activity API (subscriptions and GET /2/activity/stream): X's published caps are Basic 50
// subscriptions and Pro 2,500 (Free: not available). Pay-per-use postdates that table; the sandbox
// gives it Basic's 50. The activity stream is a persistent stream like the filtered stream, so a
// tier without streams (basic here, or `stream: false`) gets X's client-not-enrolled 403 on it;
// its subscriptions still work (X delivers them by webhook, which the sandbox does not serve).
// Activity rate limits are not in the notes; the sandbox uses the filtered stream's figures.
//
// The reply rule (since 23 Feb 2026, for every self-serve app): a reply is refused with 403
// unless the post replied to is the account's own, @mentions it, or quotes one of its posts.
// `stream: false` (option) is pay-per-use without the filtered stream.

export const TIER_NAMES = ['pay-per-use', 'basic', 'pro'] as const;
export type TierName = (typeof TIER_NAMES)[number];

export interface Limit {
  user?: number;
  app?: number;
}

export interface TierProfile {
  name: TierName;
  stream: boolean;
  streamConnections: number;
  maxRules: number;
  ruleLength: number;
  searchQueryLength: number;
  monthlyPostReads: number | null;
  replyRule: boolean;
  /** X Activity API subscriptions the app may hold. */
  activitySubscriptions: number;
  /** Per 15-minute window, by operationId. */
  limits: Readonly<Record<string, Limit>>;
  /** Per 24 hours, by operationId (X's x-app-limit-24hour-* / x-user-limit-24hour-* headers). */
  daily: Readonly<Record<string, Limit>>;
}

export const WINDOW_MS = 15 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const STANDARD_LIMITS: Record<string, Limit> = {
  getUsersMe: { user: 75 },
  getUsersById: { user: 900, app: 300 },
  getUsersByIds: { user: 900, app: 300 },
  getUsersByUsername: { user: 900, app: 300 },
  getPostsById: { user: 900, app: 450 },
  getPostsByIds: { user: 900, app: 450 },
  createPosts: { user: 100 },
  deletePosts: { user: 50 },
  likePost: { user: 50 },
  unlikePost: { user: 50 },
  repostPost: { user: 50 },
  unrepostPost: { user: 50 },
  getUsersMentions: { user: 300, app: 450 },
  getUsersPosts: { user: 900, app: 1500 },
  getUsersTimeline: { user: 180 },
  searchPostsRecent: { user: 300, app: 450 },
  streamPosts: { app: 50 },
  getRules: { app: 450 },
  updateRules: { app: 450 },
  getDirectMessagesEvents: { user: 15 },
  getDirectMessagesEventsByParticipantId: { user: 15 },
  getDirectMessagesEventsByConversationId: { user: 15 },
  createDirectMessagesByParticipantId: { user: 15 },
  createDirectMessagesByConversationId: { user: 15 },
  createDirectMessagesConversation: { user: 15 },
  getUsage: { app: 50 },
  activityStream: { app: 50 },
  createActivitySubscription: { user: 450, app: 450 },
  getActivitySubscriptions: { app: 450 },
  updateActivitySubscription: { app: 450 },
  deleteActivitySubscription: { app: 450 },
};

const STANDARD_DAILY: Record<string, Limit> = {
  createPosts: { app: 10_000 },
  createDirectMessagesByParticipantId: { app: 1_440 },
  likePost: { user: 1_000 },
  repostPost: { user: 300 },
};

const BASIC_LIMITS: Record<string, Limit> = {
  ...STANDARD_LIMITS,
  getUsersMe: { user: 25 },
  getUsersById: { user: 100, app: 500 },
  getUsersByIds: { user: 100, app: 500 },
  getUsersByUsername: { user: 100, app: 500 },
  getPostsById: { user: 15, app: 15 },
  getPostsByIds: { user: 15, app: 15 },
  getUsersMentions: { user: 10, app: 15 },
  getUsersPosts: { user: 5, app: 10 },
  getUsersTimeline: { user: 5 },
  searchPostsRecent: { user: 60, app: 60 },
  likePost: { user: 200 },
  repostPost: { user: 5 },
};

const PAY_PER_USE: TierProfile = {
  name: 'pay-per-use',
  stream: true,
  streamConnections: 1,
  maxRules: 1_000,
  ruleLength: 1_024,
  searchQueryLength: 512,
  monthlyPostReads: null,
  replyRule: true,
  activitySubscriptions: 50,
  limits: STANDARD_LIMITS,
  daily: STANDARD_DAILY,
};

const TIERS: Record<TierName, TierProfile> = {
  'pay-per-use': PAY_PER_USE,
  basic: {
    ...PAY_PER_USE,
    name: 'basic',
    stream: false,
    streamConnections: 0,
    maxRules: 0,
    monthlyPostReads: 15_000,
    limits: BASIC_LIMITS,
    daily: { ...STANDARD_DAILY, createPosts: { user: 100, app: 1_667 } },
  },
  pro: { ...PAY_PER_USE, name: 'pro', searchQueryLength: 4_096, monthlyPostReads: 1_000_000, activitySubscriptions: 2_500 },
};

/** Operations only apps with streaming access may call. */
export const STREAM_OPERATIONS: ReadonlySet<string> = new Set(['streamPosts', 'getRules', 'updateRules', 'activityStream']);

export function isTierName(value: string): value is TierName {
  return (TIER_NAMES as readonly string[]).includes(value);
}

/** The tier's profile; `stream: false` takes the filtered stream away (a tier without it). */
export function tierProfile(name: TierName, overrides: { stream?: boolean } = {}): TierProfile {
  const base = TIERS[name];
  return overrides.stream === false ? { ...base, stream: false, streamConnections: 0 } : base;
}
