// X payload → our Post and Author. Untrusted input: anything malformed is dropped, never thrown.
import type { MediaObjectV2, TweetV2, UserV2 } from 'twitter-api-v2';
import type { Author, MediaType, Post, PostEntities, PostMedia, PostMetrics } from '../../../shared/domain';
import { isNumericId } from '../../../shared/ids';
import { unescapeXText } from './html';


interface RawSpan {
  start?: unknown;
  end?: unknown;
}

function spanOf(raw: RawSpan, map: (offset: number) => number): { start: number; end: number } | null {
  if (typeof raw.start !== 'number' || typeof raw.end !== 'number' || raw.end <= raw.start) return null;
  return { start: map(raw.start), end: map(raw.end) };
}

/** The entity lists posts and DM events share (X's types differ slightly; the fields we read agree). */
export interface RawEntities {
  urls?: readonly (RawSpan & { url?: string; expanded_url?: string; display_url?: string; media_key?: string })[];
  mentions?: readonly (RawSpan & { username?: string })[];
  hashtags?: readonly (RawSpan & { tag?: string })[];
  cashtags?: readonly (RawSpan & { tag?: string })[];
}

export function normaliseEntities(raw: RawEntities | undefined, map: (offset: number) => number): PostEntities {
  const entities: PostEntities = { urls: [], mentions: [], hashtags: [], cashtags: [] };
  if (!raw) return entities;
  for (const u of raw.urls ?? []) {
    const span = spanOf(u, map);
    // The link X appends to a post with media points at the media, which the card shows itself.
    if (span && typeof u.url === 'string' && u.media_key === undefined) {
      entities.urls.push({ ...span, url: u.url, expandedUrl: u.expanded_url ?? u.url, displayUrl: u.display_url ?? u.url });
    }
  }
  for (const m of raw.mentions ?? []) {
    const span = spanOf(m, map);
    if (span && typeof m.username === 'string') entities.mentions.push({ ...span, username: m.username });
  }
  for (const h of raw.hashtags ?? []) {
    const span = spanOf(h, map);
    if (span && typeof h.tag === 'string') entities.hashtags.push({ ...span, tag: h.tag });
  }
  for (const c of raw.cashtags ?? []) {
    const span = spanOf(c, map);
    if (span && typeof c.tag === 'string') entities.cashtags.push({ ...span, tag: c.tag });
  }
  return entities;
}

const MEDIA_TYPES = new Set<MediaType>(['photo', 'video', 'animated_gif']);
const httpsOrNull = (value: unknown) => (typeof value === 'string' && value.startsWith('https://') ? value : null);
const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function normaliseMedia(raw: MediaObjectV2): PostMedia | null {
  if (!raw || typeof raw.media_key !== 'string' || !MEDIA_TYPES.has(raw.type as MediaType)) return null;
  return {
    key: raw.media_key,
    type: raw.type as MediaType,
    url: httpsOrNull(raw.url),
    previewUrl: httpsOrNull(raw.preview_image_url),
    width: numberOrNull(raw.width),
    height: numberOrNull(raw.height),
    altText: typeof raw.alt_text === 'string' ? raw.alt_text : null,
  };
}

const count = (value: unknown) => (typeof value === 'number' && value >= 0 ? Math.floor(value) : 0);

function normaliseMetrics(raw: TweetV2['public_metrics']): PostMetrics | null {
  if (!raw) return null;
  return { replies: count(raw.reply_count), reposts: count(raw.retweet_count), likes: count(raw.like_count), quotes: count(raw.quote_count) };
}

export function normalisePost(tweet: TweetV2, media: ReadonlyMap<string, PostMedia> = new Map()): Post | null {
  if (!tweet || typeof tweet.id !== 'string' || !isNumericId(tweet.id)) return null;
  if (typeof tweet.author_id !== 'string' || !isNumericId(tweet.author_id)) return null;
  // Long posts carry their full text and entities in note_tweet.
  const source = tweet.note_tweet?.text ? { text: tweet.note_tweet.text, entities: tweet.note_tweet.entities as TweetV2['entities'] } : tweet;
  if (typeof source.text !== 'string') return null;
  const unescaped = unescapeXText(source.text);
  const text = withoutTrailingMediaLink(unescaped.text, source.entities, unescaped.mapOffset);
  const mapOffset = unescaped.mapOffset;
  const repliedTo = referenceOf(tweet, 'replied_to');
  return {
    id: tweet.id,
    text,
    createdAt: typeof tweet.created_at === 'string' ? tweet.created_at : new Date().toISOString(),
    authorId: tweet.author_id,
    conversationId: tweet.conversation_id ?? null,
    inReplyToUserId: tweet.in_reply_to_user_id ?? null,
    inReplyToPostId: repliedTo,
    lang: tweet.lang ?? null,
    entities: normaliseEntities(source.entities, mapOffset),
    quotedPostId: referenceOf(tweet, 'quoted'),
    repostOfId: referenceOf(tweet, 'retweeted'),
    metrics: normaliseMetrics(tweet.public_metrics),
    media: (tweet.attachments?.media_keys ?? []).map((key) => media.get(key)).filter((m): m is PostMedia => m !== undefined),
  };
}

// Module-level helpers rather than closures per post: normalising is on the ingest hot path.
function referenceOf(tweet: TweetV2, type: string): string | null {
  if (!tweet.referenced_tweets) return null;
  const id = tweet.referenced_tweets.find((r) => r.type === type)?.id;
  return typeof id === 'string' && isNumericId(id) ? id : null;
}

/**
 * X ends the text of a post with media with a t.co link to that media (`pic.x.com/…`); X's own
 * apps hide it, as the media shows below the text. Cut only when it really is the text's tail.
 */
function withoutTrailingMediaLink(text: string, raw: RawEntities | undefined, map: (offset: number) => number): string {
  const spans = (raw?.urls ?? []).filter((u) => typeof u.media_key === 'string').map((u) => spanOf(u, map)).filter((span) => span !== null);
  if (spans.length === 0) return text;
  const codePoints = Array.from(text);
  const start = Math.min(...spans.map((span) => span.start));
  const end = Math.max(...spans.map((span) => span.end));
  if (end < codePoints.length && codePoints.slice(end).join('').trim() !== '') return text;
  return codePoints.slice(0, start).join('').trimEnd();
}

export function normaliseAuthor(user: UserV2): Author | null {
  if (!user || typeof user.id !== 'string' || !isNumericId(user.id) || typeof user.username !== 'string') return null;
  return {
    id: user.id,
    username: user.username,
    name: typeof user.name === 'string' ? user.name : user.username,
    avatarUrl: typeof user.profile_image_url === 'string' ? user.profile_image_url : null,
    verified: user.verified === true,
    followersCount: user.public_metrics?.followers_count ?? 0,
    ...(typeof user.description === 'string' && user.description.trim() !== '' ? { bio: user.description } : {}),
    ...(typeof user.created_at === 'string' && Number.isFinite(Date.parse(user.created_at)) ? { joinedAt: new Date(user.created_at).toISOString() } : {}),
  };
}

export interface NormalisedBatch {
  /** The posts that answered the request (they go into columns). */
  posts: Post[];
  /** Posts they quote or repost, from `includes.tweets`: stored for the card, filed nowhere. */
  referenced: Post[];
  authors: Author[];
}

/** X's `includes` of a response (or of one stream line). */
export interface XIncludes {
  users?: readonly UserV2[];
  tweets?: readonly TweetV2[];
  media?: readonly MediaObjectV2[];
}

export function normaliseAuthors(users: readonly UserV2[] = []): Map<string, Author> {
  const authors = new Map<string, Author>();
  for (const user of users) {
    const author = normaliseAuthor(user);
    if (author) authors.set(author.id, author);
  }
  return authors;
}

export function normaliseMediaMap(media: readonly MediaObjectV2[] = []): Map<string, PostMedia> {
  const byKey = new Map<string, PostMedia>();
  for (const raw of media) {
    const item = normaliseMedia(raw);
    if (item) byKey.set(item.key, item);
  }
  return byKey;
}

/** Keeps only posts whose author came with them: a post is never stored without its author. */
export function normaliseBatch(tweets: readonly TweetV2[], includes: XIncludes = {}): NormalisedBatch {
  const authors = normaliseAuthors(includes.users);
  const media = normaliseMediaMap(includes.media);
  const keep = (list: readonly TweetV2[]) => {
    const posts: Post[] = [];
    for (const tweet of list) {
      const post = normalisePost(tweet, media);
      if (post && authors.has(post.authorId)) posts.push(post);
    }
    return posts;
  };
  const posts = keep(tweets);
  const primary = new Set(posts.map((p) => p.id));
  const referenced = keep(includes.tweets ?? []).filter((p) => !primary.has(p.id));
  return { posts, referenced, authors: [...authors.values()] };
}
