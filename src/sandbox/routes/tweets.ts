// Posts: lookup by id and ids (deleted or missing ones as partial `errors`), create (text,
// reply, quote) with X's refusals, delete.
import type { SandboxContext } from '../context';
import { problems, resourceNotFound, type ProblemBody } from '../http/problems';
import { json, type Route, type SandboxRequest } from '../http/types';
import { SNOWFLAKE_PATTERN } from '../state/ids';
import type { SandboxPost } from '../state/posts';
import type { SandboxUser } from '../state/users';
import { MAX_POST_WEIGHT, weightedLength } from '../../shared/post-length';
import { IncludesBuilder, renderTweet } from '../wire/render';
import { bodyJson, callingUser, canSee, fields, isRecord } from './common';

const CREATE_FIELDS = new Set([
  'card_uri', 'community_id', 'direct_message_deep_link', 'edit_options', 'for_super_followers_only', 'geo',
  'media', 'nullcast', 'poll', 'quote_tweet_id', 'reply', 'reply_settings', 'share_with_followers', 'text',
]);
const REPLY_FIELDS = new Set(['in_reply_to_tweet_id', 'auto_populate_reply_metadata', 'exclude_reply_user_ids']);
/** Premium (verified) accounts may post long text; both limits are in X's weighted characters. */
const PREMIUM_LENGTH = 25_000;

function lookup(request: SandboxRequest, context: SandboxContext, ids: readonly string[], parameter: string) {
  const selection = fields(request);
  const includes = new IncludesBuilder(selection, context.lookup);
  const data: ReturnType<typeof renderTweet>[] = [];
  const errors: ProblemBody[] = [];
  for (const raw of ids) {
    const id = BigInt(raw).toString();
    const post = context.posts.get(id);
    if (post && canSee(post, request.caller, context)) {
      includes.addPost(post);
      data.push(renderTweet(post, selection.tweet));
    } else errors.push(resourceNotFound('tweet', parameter, id));
  }
  context.usage.record(data.length);
  const built = includes.build();
  return { data, errors, ...(built ? { includes: built } : {}) };
}

const badBody = (path: string, message: string) => problems.invalidRequest([{ parameters: {}, message: `$${path}: ${message}` }]);

/** Checks the body against TweetCreateRequest (the parts the sandbox serves). */
function parseCreate(body: unknown): { text: string; replyTo: string | null; quoteOf: string | null } {
  if (!isRecord(body)) throw badBody('', 'the request body must be a JSON object');
  for (const key of Object.keys(body)) {
    if (!CREATE_FIELDS.has(key)) throw badBody(`.${key}`, 'is not defined in the schema and the schema does not allow additional properties');
  }
  if (body.text !== undefined && typeof body.text !== 'string') throw badBody('.text', `${typeof body.text} found, string expected`);
  if (body.media !== undefined) throw problems.invalidRequest([{ parameters: { 'media.media_ids': [] }, message: 'Your media IDs are invalid.' }]);
  let replyTo: string | null = null;
  if (body.reply !== undefined) {
    if (!isRecord(body.reply)) throw badBody('.reply', 'object expected');
    for (const key of Object.keys(body.reply)) {
      if (!REPLY_FIELDS.has(key)) throw badBody(`.reply.${key}`, 'is not defined in the schema and the schema does not allow additional properties');
    }
    replyTo = idField(body.reply.in_reply_to_tweet_id, '.reply.in_reply_to_tweet_id');
  }
  const quoteOf = body.quote_tweet_id === undefined ? null : idField(body.quote_tweet_id, '.quote_tweet_id');
  const text = typeof body.text === 'string' ? body.text : '';
  if (text.trim() === '' && quoteOf === null) throw problems.invalidRequest([{ parameters: { text: [text] }, message: 'Post text must not be empty unless media, a poll or a quote is attached.' }]);
  return { text, replyTo, quoteOf };
}

function idField(value: unknown, path: string): string {
  if (typeof value !== 'string') throw badBody(path, `${value === undefined ? 'is missing but it is required' : `${typeof value} found, string expected`}`);
  if (!SNOWFLAKE_PATTERN.test(value)) throw badBody(path, `does not match the regex pattern ${SNOWFLAKE_PATTERN.source}`);
  return BigInt(value).toString();
}

/** X's self-serve reply rule: the post replied to is the account's own, mentions it, or quotes it. */
function mayReply(author: SandboxUser, parent: SandboxPost, context: SandboxContext): boolean {
  if (parent.authorId === author.id) return true;
  if (parent.analysed.mentions.includes(author.username.toLowerCase())) return true;
  const quoted = parent.quoteOfPostId ? context.posts.get(parent.quoteOfPostId) : undefined;
  return quoted?.authorId === author.id;
}

function create(request: SandboxRequest, context: SandboxContext) {
  const author = callingUser(request);
  const { text, replyTo, quoteOf } = parseCreate(bodyJson(request));
  const limit = author.verified ? PREMIUM_LENGTH : MAX_POST_WEIGHT;
  // X counts as twitter-text does (a URL 23, CJK and emoji 2), so 150 CJK characters are 300.
  if (weightedLength(text) > limit) {
    throw problems.forbidden('Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.');
  }
  const parent = replyTo ? context.posts.get(replyTo) : null;
  if (replyTo && (!parent || !canSee(parent, request.caller, context))) {
    throw problems.forbidden('You attempted to reply to a Tweet that is deleted or not visible to you.');
  }
  const quoted = quoteOf ? context.posts.get(quoteOf) : null;
  if (quoteOf && (!quoted || !canSee(quoted, request.caller, context))) {
    throw problems.forbidden('You attempted to quote a Tweet that is deleted or not visible to you.');
  }
  if (parent && context.tier.replyRule && !mayReply(author, parent, context)) {
    throw problems.forbidden(
      'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.',
    );
  }
  const recent = context.posts.byAuthorId(author.id).slice(-50);
  if (recent.some((post) => !post.deleted && post.raw === text && post.quoteOfPostId === (quoted?.id ?? null))) {
    throw problems.forbidden('You are not allowed to create a Tweet with duplicate content.');
  }
  const post = context.posts.create({ author, text, inReplyTo: parent, quoteOf: quoted, origin: 'api' });
  return json(201, { data: renderTweet(post, new Set()) });
}

export const routes: Route[] = [
  {
    operationId: 'getPostsById',
    handle: (request, context) => {
      const { data, errors, includes } = lookup(request, context, [request.params.id!], 'id');
      return json(200, data[0] ? { data: data[0], ...(includes ? { includes } : {}) } : { errors });
    },
  },
  {
    operationId: 'getPostsByIds',
    handle: (request, context) => {
      const { data, errors, includes } = lookup(request, context, request.query.ids!.split(','), 'ids');
      return json(200, { ...(data.length > 0 ? { data } : {}), ...(includes ? { includes } : {}), ...(errors.length > 0 ? { errors } : {}) });
    },
  },
  { operationId: 'createPosts', handle: create },
  {
    operationId: 'deletePosts',
    handle: (request, context) => {
      const user = callingUser(request);
      const post = context.posts.get(BigInt(request.params.id!).toString());
      if (!post || post.deleted) return json(200, { data: { deleted: false } });
      if (post.authorId !== user.id) throw problems.forbidden('You are not allowed to delete a Tweet that is not your own.');
      context.posts.delete(post);
      return json(200, { data: { deleted: true } });
    },
  },
];
