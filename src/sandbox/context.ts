// Everything one running sandbox holds, built from its options. Route handlers receive it.
import { systemClock, type Clock } from '../shared/clock';
import { FaultQueue } from './faults';
import { RateLimiter } from './limits/rate-limiter';
import { tierProfile, type TierName, type TierProfile } from './limits/tiers';
import { RequestLog } from './request-log';
import { PostStore } from './state/posts';
import { RuleStore } from './state/rules';
import { DEMO_BRAND_NAMES, DEMO_BRANDS } from './state/seed';
import { TokenStore } from './state/tokens';
import { UsageMeter } from './state/usage';
import { UserStore } from './state/users';
import { StreamHub } from './stream/hub';
import { TrafficRunner } from './traffic/runner';
import type { Lookup } from './wire/render';
import { AppRegistry } from './oauth/apps';
import { CodeStore } from './oauth/codes';
import { DmStore } from './state/dms';
import { LikeStore } from './state/likes';
import { attachDmTraffic } from './traffic/dms';
import { ActivitySubscriptionStore } from './state/activity';
import { ActivityHub } from './stream/activity-hub';
import { PriceBook } from './state/prices';

/** One X API request and its answer, for observers such as a spec-conformance harness. */
export interface SandboxExchange {
  method: string;
  path: string;
  query: Record<string, string>;
  operation_id: string | null;
  token_kind: 'app' | 'user' | 'none';
  status: number;
  content_type: string | null;
  /** The body sent; null for the filtered stream (see streamLine) and dropped connections. */
  body: string | null;
}

export interface SandboxObserver {
  exchange?(exchange: SandboxExchange): void;
  /** Each JSON line the filtered stream sends (posts and disconnect messages; not keep-alives). */
  streamLine?(line: string): void;
}

export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Seeds the synthetic traffic and t.co codes. */
  seed?: number;
  /** Synthetic customer posts per second about the demo brands (0 = none). */
  rate?: number;
  /** Brands the synthetic traffic talks to (default: the demo brands). */
  brands?: readonly string[];
  /** Access tier (default pay-per-use). */
  tier?: TierName;
  /** false = the app's access has no filtered stream: rules and stream answer 403 as X does. */
  stream?: boolean;
  /** Keep-alive interval of the filtered stream (X: 20 s). */
  keepAliveMs?: number;
  /** Time for rate limits, token expiry, keep-alives and traffic (default: the wall clock). */
  clock?: Clock;
  /** Posts kept in memory before the oldest are forgotten (default 200,000, about 300 MB). */
  maxPosts?: number;
  /** Requests kept by the request log. */
  requestLogSize?: number;
  /** Sees every X API exchange and stream line (tests only; costs a callback per answer). */
  observer?: SandboxObserver;
  /** Lifetime of OAuth 2.0 user access tokens in seconds (X: 7,200); shorter for tests. */
  accessTokenTtlS?: number;
}

export interface SandboxContext {
  readonly clock: Clock;
  readonly tier: TierProfile;
  readonly keepAliveMs: number;
  readonly users: UserStore;
  readonly posts: PostStore;
  readonly tokens: TokenStore;
  readonly rules: RuleStore;
  readonly usage: UsageMeter;
  readonly streams: StreamHub;
  readonly traffic: TrafficRunner;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  readonly limiter: RateLimiter;
  readonly lookup: Lookup;
  readonly observer: SandboxObserver | null;
  /** OAuth 2.0: the registered apps and the authorization codes waiting to be exchanged. */
  readonly oauth: { readonly apps: AppRegistry; readonly codes: CodeStore };
  readonly dms: DmStore;
  readonly likes: LikeStore;
  /** X Activity API: the app's subscriptions and its open activity streams. */
  readonly activity: { readonly subscriptions: ActivitySubscriptionStore; readonly streams: ActivityHub };
  /** The pay-per-use prices the admin API publishes (GET /_sandbox/prices). */
  readonly prices: PriceBook;
}

export function createContext(options: SandboxOptions = {}): SandboxContext {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const seed = options.seed ?? 1;
  const tier = tierProfile(options.tier ?? 'pay-per-use', options.stream === undefined ? {} : { stream: options.stream });
  const users = new UserStore(now);
  for (const brand of DEMO_BRANDS) users.upsert(brand);
  const posts = new PostStore(users, now, seed, options.maxPosts);
  const rules = new RuleStore(users, now);
  const usage = new UsageMeter(clock, tier.monthlyPostReads);
  const lookup: Lookup = { users, post: (id) => posts.get(id) };
  const keepAliveMs = options.keepAliveMs ?? 20_000;
  const observer = options.observer ?? null;
  const streams = new StreamHub({
    clock,
    rules,
    lookup,
    keepAliveMs,
    onDelivered: (count) => usage.record(count),
    ...(observer?.streamLine ? { onLine: observer.streamLine } : {}),
  });
  posts.onCreate((post) => streams.publish(post));
  const traffic = new TrafficRunner(clock, users, posts, { rate: 0, seed, brands: options.brands ?? DEMO_BRAND_NAMES });
  const dms = new DmStore(users, now, seed);
  attachDmTraffic(posts, users, dms, () => traffic.status().brands);
  const subscriptions = new ActivitySubscriptionStore(now);
  const activityStreams = new ActivityHub({ clock, keepAliveMs, users, subscriptions });
  posts.onCreate((post) => activityStreams.postCreated(post));
  dms.onCreate((event, conversation) => activityStreams.dmCreated(event, conversation));
  return {
    clock,
    tier,
    keepAliveMs,
    users,
    posts,
    tokens: new TokenStore(clock, options.accessTokenTtlS),
    rules,
    usage,
    streams,
    traffic,
    faults: new FaultQueue(),
    log: new RequestLog(options.requestLogSize),
    limiter: new RateLimiter(clock),
    lookup,
    observer,
    oauth: { apps: new AppRegistry(), codes: new CodeStore(clock) },
    dms,
    likes: new LikeStore(),
    activity: { subscriptions, streams: activityStreams },
    prices: new PriceBook(),
  };
}
