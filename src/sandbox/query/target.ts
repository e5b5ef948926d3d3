// What a query is matched against: a post's words, entities and facts, computed once per post.
import type { SandboxPost } from '../state/posts';
import type { UserStore } from '../state/users';
import { tokenize } from './ast';

export interface MatchTarget {
  tokens: Set<string>;
  tokenList: string[];
  lowerText: string;
  authorId: string;
  authorUsername: string;
  authorVerified: boolean;
  replyToUserId: string | null;
  replyToUsername: string | null;
  mentions: Set<string>;
  hashtags: Set<string>;
  cashtags: Set<string>;
  urls: string[];
  lang: string;
  isRetweet: boolean;
  isReply: boolean;
  isQuote: boolean;
  hasMedia: boolean;
  /** Photos (has:images). */
  hasImages: boolean;
  /** Native videos (has:videos); a GIF is media but neither an image nor a video. */
  hasVideos: boolean;
  conversationId: string;
  inReplyToPostId: string | null;
  quoteOfPostId: string | null;
  retweetOfUsername: string | null;
}

const LINKS = /(?:https?:\/\/|www\.)\S+/gi;
const RETWEET_PREFIX = /^RT @([A-Za-z0-9_]{1,15}):/;

export function targetOf(post: SandboxPost, users: UserStore): MatchTarget {
  if (post.target) return post.target;
  const author = users.get(post.authorId);
  const words = post.raw.replace(LINKS, ' ');
  const tokenList = tokenize(words);
  const replyTo = post.inReplyToUserId ? users.get(post.inReplyToUserId) : undefined;
  const retweeted = post.retweetOfPostId ? RETWEET_PREFIX.exec(post.raw)?.[1] : undefined;
  post.target = {
    tokens: new Set(tokenList),
    tokenList,
    lowerText: words.toLowerCase(),
    authorId: post.authorId,
    authorUsername: author?.username.toLowerCase() ?? '',
    authorVerified: author?.verified ?? false,
    replyToUserId: post.inReplyToUserId,
    replyToUsername: replyTo?.username.toLowerCase() ?? null,
    mentions: new Set(post.analysed.mentions),
    hashtags: new Set(post.analysed.hashtags),
    cashtags: new Set(post.analysed.cashtags),
    urls: post.analysed.urls.map((url) => url.toLowerCase()),
    lang: post.lang,
    isRetweet: post.retweetOfPostId !== null,
    isReply: post.inReplyToPostId !== null,
    isQuote: post.quoteOfPostId !== null,
    hasMedia: post.media.length > 0,
    hasImages: post.media.some((media) => media.type === 'photo'),
    hasVideos: post.media.some((media) => media.type === 'video'),
    conversationId: post.conversationId,
    inReplyToPostId: post.inReplyToPostId,
    quoteOfPostId: post.quoteOfPostId,
    retweetOfUsername: retweeted?.toLowerCase() ?? null,
  };
  return post.target;
}
