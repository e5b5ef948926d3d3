// Recent search: the last 7 days, X's query language, since_id / until_id / start_time /
// end_time, max_results 10..100 (checked by the spec table), next_token, sort_order.
import type { SandboxContext } from '../context';
import { problems, type ProblemReply } from '../http/problems';
import { json, type Route, type SandboxRequest } from '../http/types';
import { compilePostQuery, QueryError, type PostPredicate } from '../query/index';
import { snowflakeTime } from '../state/ids';
import type { SandboxPost } from '../state/posts';
import { renderPosts } from '../wire/render';
import { canSee, fields } from './common';
import { pageOf, pageQueryOf } from './paging';

export const RECENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** X refuses an end_time closer than this to the request time. */
const END_TIME_MARGIN_MS = 10_000;

const invalid = (parameter: string, value: string, message: string): ProblemReply => problems.invalidRequest([{ parameters: { [parameter]: [value] }, message }]);
const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

/** Compiles the search query or answers X's 400 for it. */
function compileSearch(query: string, context: SandboxContext): PostPredicate {
  const limit = context.tier.searchQueryLength;
  if (query.length > limit) {
    throw invalid('query', query, `There were errors processing your request: Query length of ${query.length} characters exceeds the ${limit} characters your access level allows`);
  }
  try {
    return compilePostQuery(query, context.users);
  } catch (error) {
    if (error instanceof QueryError) throw invalid('query', query, `There were errors processing your request: ${error.message}`);
    throw error;
  }
}

/** X's checks of the time bounds against the 7-day window. */
function checkWindow(request: SandboxRequest, now: number): void {
  const oldest = now - RECENT_WINDOW_MS;
  const { start_time: start, end_time: end, since_id: since, until_id: until } = request.query;
  if (start && Date.parse(start) < oldest) throw invalid('start_time', start, `Invalid 'start_time':'${start}'. 'start_time' must be on or after ${minute(oldest)}`);
  if (end && Date.parse(end) > now - END_TIME_MARGIN_MS) {
    throw invalid('end_time', end, `Invalid 'end_time':'${end}'. 'end_time' must be a minimum of 10 seconds prior to the request time.`);
  }
  if (start && end && Date.parse(start) >= Date.parse(end)) throw invalid('start_time', start, `Invalid 'start_time':'${start}'. 'start_time' must be before 'end_time':'${end}'`);
  if (since && snowflakeTime(BigInt(since).toString()) < oldest) {
    throw invalid('since_id', since, `Invalid 'since_id':'${since}'. 'since_id' must be a tweet id created after ${minute(oldest)}. Please use a 'start_time' instead.`);
  }
  if (until && snowflakeTime(BigInt(until).toString()) < oldest) {
    throw invalid('until_id', until, `Invalid 'until_id':'${until}'. 'until_id' must be a tweet id created after ${minute(oldest)}.`);
  }
}

/** Relevancy as the sandbox ranks it: reach and engagement, then recency. */
function relevance(context: SandboxContext): (post: SandboxPost) => number {
  return (post) => {
    const author = context.users.get(post.authorId);
    const reach = Math.log10((author?.followersCount ?? 0) + 1) * 2 + (author?.verified ? 1 : 0);
    return reach + post.metrics.like_count + post.metrics.retweet_count * 2 + post.metrics.reply_count * 0.5;
  };
}

export const routes: Route[] = [
  {
    operationId: 'searchPostsRecent',
    handle: (request, context) => {
      const matches = compileSearch(request.query.query!, context);
      const now = context.clock.now();
      checkWindow(request, now);
      const page = { ...pageQueryOf(request.query, 10), oldest: now - RECENT_WINDOW_MS };
      const { posts, meta } = pageOf(context.posts.all(), (post) => canSee(post, request.caller, context) && matches(post), page, relevance(context));
      context.usage.record(posts.length);
      return json(200, { ...renderPosts(posts, fields(request), context.lookup), meta });
    },
  },
];
