// One page of posts, newest first, the way X pages search and timelines: since_id / until_id /
// start_time / end_time bounds, max_results, and an opaque token naming where the next page starts.
// The token carries the bounds' position only, so a client must send the same since_id with it.
import { problems } from '../http/problems';
import { compareIds, snowflakeAt } from '../state/ids';
import type { SandboxPost } from '../state/posts';
import { firstAfter, firstAtOrAfter } from '../state/sorted';

export interface PageQuery {
  sinceId?: string;
  untilId?: string;
  startTime?: number;
  endTime?: number;
  maxResults: number;
  /** The raw next_token / pagination_token, and the parameter it came in. */
  token?: { value: string; parameter: string };
  sort: 'recency' | 'relevancy';
  /** Posts older than this (ms) are out of reach (recent search: 7 days; timelines: none). */
  oldest?: number;
}

export interface PageMeta {
  newest_id?: string;
  oldest_id?: string;
  result_count: number;
  next_token?: string;
}

const TOKEN_PREFIX = 'dh1';

export function encodeToken(id: string): string {
  return TOKEN_PREFIX + BigInt(id).toString(36);
}

function decodeToken(token: { value: string; parameter: string }): string {
  const body = token.value.startsWith(TOKEN_PREFIX) ? token.value.slice(TOKEN_PREFIX.length) : '';
  if (!/^[0-9a-z]{1,13}$/.test(body)) throw invalidToken(token);
  let id = 0n;
  for (const char of body) id = id * 36n + BigInt(parseInt(char, 36));
  return id.toString();
}

const invalidToken = (token: { value: string; parameter: string }) =>
  problems.invalidRequest([{ parameters: { [token.parameter]: [token.value] }, message: `The \`${token.parameter}\` query parameter value [${token.value}] is not a valid pagination token` }]);

/** Reads the paging parameters X defines; `defaults` gives max_results when absent. */
export function pageQueryOf(query: Readonly<Record<string, string>>, defaultMax: number): PageQuery {
  const page: PageQuery = { maxResults: query.max_results ? Number(query.max_results) : defaultMax, sort: query.sort_order === 'relevancy' ? 'relevancy' : 'recency' };
  if (query.since_id) page.sinceId = BigInt(query.since_id).toString();
  if (query.until_id) page.untilId = BigInt(query.until_id).toString();
  if (query.start_time) page.startTime = Date.parse(query.start_time);
  if (query.end_time) page.endTime = Date.parse(query.end_time);
  const token = query.next_token ?? query.pagination_token;
  if (token !== undefined) page.token = { value: token, parameter: query.next_token !== undefined ? 'next_token' : 'pagination_token' };
  return page;
}

/**
 * `candidates` are in id order (oldest first); `keep` filters them. Returns the page, newest
 * first (or by relevancy), and X's `meta`.
 */
export function pageOf(
  candidates: readonly SandboxPost[],
  keep: (post: SandboxPost) => boolean,
  page: PageQuery,
  score?: (post: SandboxPost) => number,
): { posts: SandboxPost[]; meta: PageMeta } {
  let low = 0;
  let high = candidates.length;
  if (page.oldest !== undefined) low = Math.max(low, firstAtOrAfter(candidates, snowflakeAt(page.oldest)));
  if (page.sinceId) low = Math.max(low, firstAfter(candidates, page.sinceId));
  if (page.startTime !== undefined) low = Math.max(low, firstAtOrAfter(candidates, snowflakeAt(page.startTime)));
  if (page.untilId) high = Math.min(high, firstAtOrAfter(candidates, page.untilId));
  if (page.endTime !== undefined) high = Math.min(high, firstAtOrAfter(candidates, snowflakeAt(page.endTime)));
  const after = page.token ? decodeToken(page.token) : null;
  return page.sort === 'relevancy' && score
    ? byRelevancy(candidates, low, high, keep, page.maxResults, after, score)
    : byRecency(candidates, low, high, keep, page.maxResults, after);
}

function byRecency(candidates: readonly SandboxPost[], low: number, high: number, keep: (post: SandboxPost) => boolean, max: number, after: string | null) {
  let top = high;
  if (after) top = Math.min(top, firstAtOrAfter(candidates, after));
  const posts: SandboxPost[] = [];
  let more = false;
  for (let index = top - 1; index >= low; index--) {
    const post = candidates[index]!;
    if (post.deleted || !keep(post)) continue;
    if (posts.length === max) {
      more = true;
      break;
    }
    posts.push(post);
  }
  return { posts, meta: metaOf(posts, more) };
}

function byRelevancy(
  candidates: readonly SandboxPost[],
  low: number,
  high: number,
  keep: (post: SandboxPost) => boolean,
  max: number,
  after: string | null,
  score: (post: SandboxPost) => number,
) {
  const ranked: { post: SandboxPost; score: number }[] = [];
  for (let index = low; index < high; index++) {
    const post = candidates[index]!;
    if (!post.deleted && keep(post)) ranked.push({ post, score: score(post) });
  }
  ranked.sort((a, b) => b.score - a.score || compareIds(b.post.id, a.post.id));
  let start = 0;
  if (after) {
    start = ranked.findIndex((entry) => entry.post.id === after) + 1;
    if (start === 0) return { posts: [], meta: metaOf([], false) };
  }
  const posts = ranked.slice(start, start + max).map((entry) => entry.post);
  return { posts, meta: metaOf(posts, start + max < ranked.length) };
}

function metaOf(posts: readonly SandboxPost[], more: boolean): PageMeta {
  if (posts.length === 0) return { result_count: 0 };
  let newest = posts[0]!.id;
  let oldest = newest;
  for (const post of posts) {
    if (compareIds(post.id, newest) > 0) newest = post.id;
    if (compareIds(post.id, oldest) < 0) oldest = post.id;
  }
  const meta: PageMeta = { newest_id: newest, oldest_id: oldest, result_count: posts.length };
  if (more) meta.next_token = encodeToken(posts[posts.length - 1]!.id);
  return meta;
}

