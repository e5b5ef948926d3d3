// X Activity API subscriptions: an event type and a filter (a user id, or a keyword for news),
// with an optional tag, indexed by event type and user so each sandbox event finds its
// subscriptions at once.
import { compareIds, SnowflakeIds } from './ids';

/**
 * The event types the spec's ActivitySubscriptionCreateRequest lists (openapi.json 2.159). The
 * sandbox accepts subscriptions to them but never fires them (it has no profile edits, follows,
 * Spaces, news or XChat).
 */
export const SPEC_EVENT_TYPES = [
  'profile.update.bio',
  'profile.update.profile_picture',
  'profile.update.banner_picture',
  'profile.update.screenname',
  'profile.update.geo',
  'profile.update.url',
  'profile.update.verified_badge',
  'profile.update.affiliate_badge',
  'profile.update.handle',
  'news.new',
  'follow.follow',
  'follow.unfollow',
  'spaces.start',
  'spaces.end',
  'chat.received',
  'chat.sent',
  'ProfileBioUpdate',
  'ProfilePictureUpdate',
  'ProfileBannerPictureUpdate',
  'ProfileScreennameUpdate',
  'ProfileGeoUpdate',
  'ProfileUrlUpdate',
  'ProfileVerifiedBadgeUpdate',
  'NewsNew',
  'FollowFollow',
  'FollowUnfollow',
] as const;

/**
 * The events the sandbox delivers. X documents them (docs.x.com, "X Activity API event payload
 * examples": legacy DM events and post.mention.create) but the spec file predates them.
 */
export const DELIVERED_EVENT_TYPES = ['dm.received', 'dm.sent', 'post.mention.create'] as const;
export type DeliveredEventType = (typeof DELIVERED_EVENT_TYPES)[number];

/** Events that need the filtered user's own OAuth 2.0 authorization (X's "private events"). */
export const PRIVATE_EVENT_TYPES: ReadonlySet<string> = new Set(['dm.received', 'dm.sent', 'post.mention.create', 'chat.received', 'chat.sent']);

/** Events filtered by keyword rather than user id. */
export const KEYWORD_EVENT_TYPES: ReadonlySet<string> = new Set(['news.new', 'NewsNew']);

export const KNOWN_EVENT_TYPES: readonly string[] = [...SPEC_EVENT_TYPES, ...DELIVERED_EVENT_TYPES];

export interface ActivityFilter {
  user_id?: string;
  keyword?: string;
}

export interface ActivitySubscription {
  readonly id: string;
  readonly eventType: string;
  readonly filter: Readonly<ActivityFilter>;
  tag: string | null;
  readonly createdAt: number;
  updatedAt: number;
}

const keyOf = (eventType: string, filter: ActivityFilter) => `${eventType}|${filter.user_id ?? ''}|${filter.keyword ?? ''}`;

export class ActivitySubscriptionStore {
  private readonly byId = new Map<string, ActivitySubscription>();
  /** By event type + filter: one subscription each (X refuses a second). */
  private readonly byKey = new Map<string, ActivitySubscription>();
  private readonly ids = new SnowflakeIds(11);

  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): ActivitySubscription | undefined {
    return this.byId.get(id);
  }

  /** The subscription with this event type and filter, if there is one. */
  find(eventType: string, filter: ActivityFilter): ActivitySubscription | undefined {
    return this.byKey.get(keyOf(eventType, filter));
  }

  create(eventType: string, filter: ActivityFilter, tag: string | null): ActivitySubscription {
    const at = Math.floor(this.now());
    const subscription: ActivitySubscription = { id: this.ids.next(at), eventType, filter: { ...filter }, tag, createdAt: at, updatedAt: at };
    this.byId.set(subscription.id, subscription);
    this.byKey.set(keyOf(eventType, filter), subscription);
    return subscription;
  }

  updateTag(subscription: ActivitySubscription, tag: string | null): void {
    subscription.tag = tag;
    subscription.updatedAt = Math.floor(this.now());
  }

  delete(id: string): boolean {
    const subscription = this.byId.get(id);
    if (!subscription) return false;
    this.byId.delete(id);
    this.byKey.delete(keyOf(subscription.eventType, subscription.filter));
    return true;
  }

  /** Oldest first. */
  list(): ActivitySubscription[] {
    return [...this.byId.values()].sort((a, b) => compareIds(a.id, b.id));
  }

  /** The subscription to this event type for this user, if any. */
  forUser(eventType: DeliveredEventType, userId: string): ActivitySubscription | undefined {
    return this.byKey.get(keyOf(eventType, { user_id: userId }));
  }
}
