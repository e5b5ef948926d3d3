// X payload → our Post and Author. Untrusted input: anything malformed is dropped, never thrown.
import type { TweetV2, UserV2 } from 'twitter-api-v2';
import type { Author, Post, PostEntities } from '../../../shared/domain';
import { unescapeXText } from './html';

const SNOWFLAKE = /^\d{1,19}$/;

interface RawSpan {
  start?: unknown;
  end?: unknown;
}

function spanOf(raw: RawSpan, map: (offset: number) => number): { start: number; end: number } | null {
  if (typeof raw.start !== 'number' || typeof raw.end !== 'number' || raw.end <= raw.start) return null;
  return { start: map(raw.start), end: map(raw.end) };
}

function normaliseEntities(raw: TweetV2['entities'] | undefined, map: (offset: number) => number): PostEntities {
  const entities: PostEntities = { urls: [], mentions: [], hashtags: [], cashtags: [] };
  if (!raw) return entities;
  for (const u of raw.urls ?? []) {
    const span = spanOf(u, map);
    if (span && typeof u.url === 'string') {
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

export function normalisePost(tweet: TweetV2): Post | null {
  if (!tweet || typeof tweet.id !== 'string' || !SNOWFLAKE.test(tweet.id)) return null;
  if (typeof tweet.author_id !== 'string' || !SNOWFLAKE.test(tweet.author_id)) return null;
  // Long posts carry their full text and entities in note_tweet.
  const source = tweet.note_tweet?.text ? { text: tweet.note_tweet.text, entities: tweet.note_tweet.entities as TweetV2['entities'] } : tweet;
  if (typeof source.text !== 'string') return null;
  const { text, mapOffset } = unescapeXText(source.text);
  const repliedTo = tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
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
  };
}

export function normaliseAuthor(user: UserV2): Author | null {
  if (!user || typeof user.id !== 'string' || !SNOWFLAKE.test(user.id) || typeof user.username !== 'string') return null;
  return {
    id: user.id,
    username: user.username,
    name: typeof user.name === 'string' ? user.name : user.username,
    avatarUrl: typeof user.profile_image_url === 'string' ? user.profile_image_url : null,
    verified: user.verified === true,
    followersCount: user.public_metrics?.followers_count ?? 0,
  };
}

export interface NormalisedBatch {
  posts: Post[];
  authors: Author[];
}

/** Keeps only posts whose author came with them: a post is never stored without its author. */
export function normaliseBatch(tweets: readonly TweetV2[], users: readonly UserV2[]): NormalisedBatch {
  const authors = new Map<string, Author>();
  for (const user of users) {
    const author = normaliseAuthor(user);
    if (author) authors.set(author.id, author);
  }
  const posts: Post[] = [];
  for (const tweet of tweets) {
    const post = normalisePost(tweet);
    if (post && authors.has(post.authorId)) posts.push(post);
  }
  return { posts, authors: [...authors.values()] };
}
