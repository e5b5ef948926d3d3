// One polling run per column kind, by X's pagination rule: the next run's since_id is the
// newest_id of this run's FIRST page, and next_token pages are followed with the same since_id.
// A column's very first run takes the newest page only (a dated search's, its dates' newest pages:
// see DATED_FIRST_RUN_PAGES). Each page is handed over as it arrives;
// the caller moves the cursor only once every page is in, so an interrupted run is redone whole.
import type { TweetV2, TwitterApiReadOnly } from 'twitter-api-v2';
import type { TimeRange } from '../../../shared/date-range';
import { isNewer, newestId } from '../../../shared/ids';
import { DM_EVENT_FIELDS, DM_EXPANSIONS, MEDIA_FIELDS, POST_REQUEST_FIELDS, USER_FIELDS } from '../x/client';
import { normaliseDmBatch, type NormalisedDmBatch } from '../x/normalize-dm';
import { normaliseBatch, type NormalisedBatch, type XIncludes } from '../x/normalize';
import type { JobContext } from './scheduler';

/** What a post-returning page looks like, whichever endpoint answered. */
interface PostPage {
  readonly data: { data?: TweetV2[]; includes?: XIncludes; meta?: { newest_id?: string } };
  readonly done: boolean;
  readonly rateLimit: { limit: number; remaining: number; reset: number } | undefined;
  next(): Promise<PostPage>;
}

export type PostSource =
  /** `range`: a dated search (see recentSearchWindow for what each run asks). */
  | { endpoint: 'search'; query: string; range?: TimeRange }
  | { endpoint: 'mentions'; userId: string }
  | { endpoint: 'userPosts'; userId: string };

/** A dated search's window for one run, as X takes it (start_time inclusive, end_time exclusive). */
export interface SearchBounds {
  startTime: string | null;
  endTime: string | null;
}

/**
 * A dated search's first run follows this many pages (1,000 posts) where a live column takes one:
 * the person asked for those days, not only their newest hundred posts; the cap bounds the cost.
 */
export const DATED_FIRST_RUN_PAGES = 10;

/** When X minted a snowflake id (ms since the epoch). */
const snowflakeMs = (id: string) => Number(BigInt(id) >> 22n) + 1_288_834_974_657;

function firstPage(client: TwitterApiReadOnly, source: PostSource, sinceId: string | null, bounds: SearchBounds | null): Promise<PostPage> {
  // X refuses a since_id older than its 7 days; a start_time inside them already bounds the run.
  const since = sinceId && bounds?.startTime && snowflakeMs(sinceId) < Date.parse(bounds.startTime) ? null : sinceId;
  const params = {
    max_results: 100,
    ...(since ? { since_id: since } : {}),
    ...(bounds?.startTime ? { start_time: bounds.startTime } : {}),
    ...(bounds?.endTime ? { end_time: bounds.endTime } : {}),
    ...POST_REQUEST_FIELDS,
  };
  switch (source.endpoint) {
    case 'search':
      return client.v2.search(source.query, params) as Promise<PostPage>;
    case 'mentions':
      return client.v2.userMentionTimeline(source.userId, params) as Promise<PostPage>;
    case 'userPosts':
      return client.v2.userTimeline(source.userId, params) as Promise<PostPage>;
  }
}

const batchOf = (page: PostPage) => normaliseBatch(page.data.data ?? [], page.data.includes ?? {});

/**
 * Everything newer than `sinceId` (or the newest page when null), within `bounds` when given.
 * Returns the newest id of the first page: the next run's since_id (null when nothing was found:
 * keep the old one).
 */
export async function pollPosts(
  client: TwitterApiReadOnly,
  source: PostSource,
  sinceId: string | null,
  context: JobContext,
  onPage: (batch: NormalisedBatch) => void,
  bounds: SearchBounds | null = null,
): Promise<string | null> {
  let page = await firstPage(client, source, sinceId, bounds);
  context.observe(page.rateLimit);
  const newest = page.data.meta?.newest_id ?? newestId((page.data.data ?? []).map((t) => t.id));
  onPage(batchOf(page));
  for (let pages = 1; !page.done && (sinceId || (bounds && pages < DATED_FIRST_RUN_PAGES)); pages++) {
    await context.acquire();
    page = await page.next();
    context.observe(page.rateLimit);
    onPage(batchOf(page));
  }
  return newest;
}

/**
 * The handle's DM events newer than `sinceId`. X's dm_events has no since_id: pages (newest
 * first) are followed until one reaches an event already seen.
 */
export async function pollDmEvents(
  client: TwitterApiReadOnly,
  sinceId: string | null,
  context: JobContext,
  onPage: (batch: NormalisedDmBatch) => void,
): Promise<string | null> {
  let page = await client.v2.listDmEvents({
    max_results: 100,
    event_types: 'MessageCreate',
    'dm_event.fields': [...DM_EVENT_FIELDS],
    expansions: [...DM_EXPANSIONS],
    'user.fields': [...USER_FIELDS],
    'media.fields': [...MEDIA_FIELDS],
  });
  context.observe(page.rateLimit);
  const newest = newestId(page.events.map((e) => e.id));
  for (;;) {
    const fresh = page.events.filter((e) => isNewer(e.id, sinceId));
    onPage(normaliseDmBatch(fresh, { users: page.includes.users, media: page.includes.media }));
    if (!sinceId || page.done || fresh.length < page.events.length) break;
    await context.acquire();
    page = await page.next();
    context.observe(page.rateLimit);
  }
  return newest;
}
