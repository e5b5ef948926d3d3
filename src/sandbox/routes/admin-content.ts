// Admin API (not X): posts and users for tests and demos.
import type { SandboxContext } from '../context';
import { json, type Route, type SandboxRequest } from '../http/types';
import { SNOWFLAKE_PATTERN } from '../state/ids';
import type { SandboxPost } from '../state/posts';
import type { NewUser, SandboxUser } from '../state/users';
import { adminBody, AdminInputError, guarded, optionalBoolean, optionalNumber, optionalString, optionalStrings, optionalTime, requiredString } from './admin-input';
import { describeMedia, mediaInput } from './admin-media';

function referenced(context: SandboxContext, body: Record<string, unknown>, name: string): SandboxPost | null {
  const id = optionalString(body, name);
  if (id === undefined) return null;
  const post = SNOWFLAKE_PATTERN.test(id) ? context.posts.get(BigInt(id).toString()) : undefined;
  if (!post || post.deleted) throw new AdminInputError(`${name}: no post ${id}`);
  return post;
}

function createPost(request: SandboxRequest, context: SandboxContext) {
  return guarded(() => {
    const body = adminBody(request);
    const author = context.users.ensure(requiredString(body, 'author').replace(/^@/, ''));
    const media = mediaInput(body);
    // As on X, a post may be only its media.
    const text = media.length > 0 ? (optionalString(body, 'text') ?? '') : requiredString(body, 'text');
    const lang = optionalString(body, 'lang');
    const createdAt = optionalTime(body, 'created_at');
    const post = context.posts.create({
      author,
      text,
      inReplyTo: referenced(context, body, 'in_reply_to_post_id'),
      quoteOf: referenced(context, body, 'quote_of_post_id'),
      ...(lang !== undefined ? { lang } : {}),
      ...(createdAt !== undefined ? { createdAt } : {}),
      media,
      origin: 'admin',
    });
    return json(201, { id: post.id });
  });
}

function describePost(post: SandboxPost, context: SandboxContext) {
  return {
    id: post.id,
    text: post.raw,
    author: context.users.get(post.authorId)?.username ?? null,
    created_at: new Date(post.createdAt).toISOString(),
    in_reply_to_post_id: post.inReplyToPostId,
    quote_of_post_id: post.quoteOfPostId,
    conversation_id: post.conversationId,
    lang: post.lang,
    media: post.media.map(describeMedia),
    deleted: post.deleted,
    // Not X's: the traffic generator's label of the post (null for posts it did not write).
    traffic_label: post.trafficLabel,
  };
}

function listPosts(request: SandboxRequest, context: SandboxContext) {
  const username = request.query.author?.replace(/^@/, '');
  const limit = Math.min(10_000, Math.max(1, Number(request.query.limit ?? 1_000) || 1_000));
  let posts: readonly SandboxPost[];
  if (username !== undefined) {
    const user = context.users.byUsername(username);
    posts = user ? context.posts.byAuthorId(user.id) : [];
  } else posts = context.posts.all();
  return json(200, { posts: posts.slice(-limit).map((post) => describePost(post, context)) });
}

export function describeUser(user: SandboxUser) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    verified: user.verified,
    protected: user.protected,
    followers: user.followersCount,
    following: [...user.following],
    profile_image_url: user.profileImageUrl,
  };
}

function createUser(request: SandboxRequest, context: SandboxContext) {
  return guarded(() => {
    const body = adminBody(request);
    const username = requiredString(body, 'username').replace(/^@/, '');
    const follows = optionalStrings(body, 'follows') ?? [];
    const changes: NewUser = { username };
    const set = <K extends keyof NewUser>(key: K, value: NewUser[K] | undefined) => {
      if (value !== undefined) changes[key] = value;
    };
    set('name', optionalString(body, 'name'));
    set('description', optionalString(body, 'description'));
    set('location', optionalString(body, 'location'));
    set('url', optionalString(body, 'url'));
    set('profileImageUrl', optionalString(body, 'profile_image_url'));
    set('verified', optionalBoolean(body, 'verified'));
    set('protected', optionalBoolean(body, 'protected'));
    set('followers', optionalNumber(body, 'followers', 0));
    set('following', optionalNumber(body, 'following_count', 0));
    const existed = context.users.byUsername(username) !== undefined;
    const user = context.users.upsert(changes);
    for (const name of follows) user.following.add(context.users.ensure(name.replace(/^@/, '')).id);
    return json(existed ? 200 : 201, describeUser(user));
  });
}

export const routes: Route[] = [
  { method: 'POST', path: '/_sandbox/posts', admin: true, handle: createPost },
  { method: 'GET', path: '/_sandbox/posts', admin: true, handle: listPosts },
  { method: 'POST', path: '/_sandbox/users', admin: true, handle: createUser },
  {
    method: 'GET',
    path: '/_sandbox/users',
    admin: true,
    handle: (_request, context) => json(200, { users: [...context.users.all()].slice(0, 10_000).map(describeUser) }),
  },
];
