// Likes and reposts as the token's user: POST/DELETE /2/users/:id/likes, POST/DELETE
// /2/users/:id/retweets. The path's :id must be the token's user (403 otherwise, as X answers);
// each change shows in the post's public_metrics (and the liker's like_count). Liking twice or
// undoing what was not done changes nothing and answers the same state. A post that does not
// exist (or the caller cannot see) answers X's resource-not-found in `errors`.
import type { SandboxContext } from '../context';
import { problems, resourceNotFound } from '../http/problems';
import { json, type Route, type SandboxRequest } from '../http/types';
import { SNOWFLAKE_PATTERN } from '../state/ids';
import type { SandboxPost } from '../state/posts';
import type { SandboxUser } from '../state/users';
import { bodyJson, callingUser, canSee, isRecord } from './common';

/** The token's user, when the path's :id names them. */
function actingUser(request: SandboxRequest): SandboxUser {
  const user = callingUser(request);
  if (BigInt(request.params.id!).toString() !== user.id) throw problems.forbidden('You are not permitted to perform this action on behalf of another user.');
  return user;
}

/** `{tweet_id}` from the body (UsersLikesCreateRequest / UsersRetweetsCreateRequest). */
function tweetIdOf(request: SandboxRequest): string {
  const body = bodyJson(request);
  const bad = (message: string) => problems.invalidRequest([{ parameters: {}, message }]);
  if (!isRecord(body)) throw bad('$: the request body must be a JSON object');
  for (const key of Object.keys(body)) if (key !== 'tweet_id') throw bad(`$.${key}: is not defined in the schema and the schema does not allow additional properties`);
  if (typeof body.tweet_id !== 'string') throw bad(`$.tweet_id: ${body.tweet_id === undefined ? 'is missing but it is required' : `${typeof body.tweet_id} found, string expected`}`);
  if (!SNOWFLAKE_PATTERN.test(body.tweet_id)) throw bad(`$.tweet_id: does not match the regex pattern ${SNOWFLAKE_PATTERN.source}`);
  return BigInt(body.tweet_id).toString();
}

/** The post a like or repost acts on (a repost's original), or null when the caller cannot see it. */
function visiblePost(request: SandboxRequest, context: SandboxContext, id: string): SandboxPost | null {
  const post = context.posts.get(id);
  if (!post || !canSee(post, request.caller, context)) return null;
  const original = post.retweetOfPostId ? context.posts.get(post.retweetOfPostId) : undefined;
  return original && canSee(original, request.caller, context) ? original : post;
}

const notFound = (parameter: string, id: string) => json(200, { errors: [resourceNotFound('tweet', parameter, id)] });

function repostOf(context: SandboxContext, user: SandboxUser, post: SandboxPost): SandboxPost | undefined {
  const own = context.posts.byAuthorId(user.id);
  for (let index = own.length - 1; index >= 0; index--) {
    const candidate = own[index]!;
    if (candidate.retweetOfPostId === post.id && !candidate.deleted) return candidate;
  }
  return undefined;
}

function like(request: SandboxRequest, context: SandboxContext) {
  const user = actingUser(request);
  const id = tweetIdOf(request);
  const post = visiblePost(request, context, id);
  if (!post) return notFound('tweet_id', id);
  if (context.likes.like(user.id, post.id)) {
    post.metrics.like_count += 1;
    user.likeCount += 1;
  }
  return json(200, { data: { liked: true } });
}

function unlike(request: SandboxRequest, context: SandboxContext) {
  const user = actingUser(request);
  const id = BigInt(request.params.tweet_id!).toString();
  const post = context.posts.get(id);
  if (post && context.likes.unlike(user.id, post.id)) {
    post.metrics.like_count = Math.max(0, post.metrics.like_count - 1);
    user.likeCount = Math.max(0, user.likeCount - 1);
  }
  return json(200, { data: { liked: false } });
}

function repost(request: SandboxRequest, context: SandboxContext) {
  const user = actingUser(request);
  const id = tweetIdOf(request);
  const post = visiblePost(request, context, id);
  if (!post) return notFound('tweet_id', id);
  const existing = repostOf(context, user, post) ?? context.posts.create({ author: user, text: '', retweetOf: post, origin: 'api' });
  return json(200, { data: { id: existing.id, retweeted: true } });
}

function unrepost(request: SandboxRequest, context: SandboxContext) {
  const user = actingUser(request);
  const post = context.posts.get(BigInt(request.params.source_tweet_id!).toString());
  const existing = post ? repostOf(context, user, post) : undefined;
  if (post && existing) {
    context.posts.delete(existing);
    post.metrics.retweet_count = Math.max(0, post.metrics.retweet_count - 1);
  }
  return json(200, { data: { retweeted: false } });
}

export const routes: Route[] = [
  { operationId: 'likePost', handle: like },
  { operationId: 'unlikePost', handle: unlike },
  { operationId: 'repostPost', handle: repost },
  { operationId: 'unrepostPost', handle: unrepost },
];
