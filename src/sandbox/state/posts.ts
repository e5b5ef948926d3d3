// Every post the sandbox knows, in id (= time) order, with the indexes the endpoints read:
// by id, by author, by mentioned username. Memory is bounded: past `maxPosts` the oldest go.
import type { MatchTarget } from '../query/target';
import { analyseText, type AnalysedText, type TextContext } from '../text/entities';
import { TcoShortener } from '../text/tco';
import { SnowflakeIds } from './ids';
import { MediaFactory, NO_MEDIA, type MediaInput, type SandboxMedia } from './media';
import { dropThrough, insertSorted } from './sorted';
import type { SandboxUser, UserStore } from './users';

export type PostOrigin = 'api' | 'admin' | 'traffic';

export interface SandboxPost {
  readonly id: string;
  readonly authorId: string;
  /** The text as its author typed it (links not yet wrapped, nothing escaped). */
  readonly raw: string;
  readonly createdAt: number;
  readonly lang: string;
  readonly inReplyToPostId: string | null;
  readonly inReplyToUserId: string | null;
  readonly quoteOfPostId: string | null;
  readonly retweetOfPostId: string | null;
  readonly conversationId: string;
  readonly origin: PostOrigin;
  /** Traffic only: what the generator wrote it as (complaint, praise, noise...), for tests that score triage. */
  readonly trafficLabel: string | null;
  readonly analysed: AnalysedText;
  /** Attached photos, video or GIF (a repost carries its original's). */
  readonly media: readonly SandboxMedia[];
  deleted: boolean;
  /** Engagement counts, as public_metrics shows them. */
  readonly metrics: PostMetrics;
  /** What queries match against; built on first use. */
  target?: MatchTarget;
}

export interface NewPost {
  author: SandboxUser;
  text: string;
  lang?: string;
  inReplyTo?: SandboxPost | null;
  quoteOf?: SandboxPost | null;
  retweetOf?: SandboxPost | null;
  createdAt?: number;
  /** Checked by the caller (admin input, traffic): at most four photos, or one video or GIF. */
  media?: readonly MediaInput[];
  origin: PostOrigin;
  trafficLabel?: string;
}

export interface PostMetrics {
  retweet_count: number;
  reply_count: number;
  like_count: number;
  quote_count: number;
  bookmark_count: number;
  impression_count: number;
}

export type PostListener = (post: SandboxPost) => void;

export class PostStore {
  private readonly ordered: SandboxPost[] = [];
  private readonly byId = new Map<string, SandboxPost>();
  private readonly byAuthor = new Map<string, SandboxPost[]>();
  private readonly byMention = new Map<string, SandboxPost[]>();
  private readonly listeners = new Set<PostListener>();
  private readonly ids = new SnowflakeIds(1);
  private readonly mediaFactory = new MediaFactory();
  private readonly text: TextContext;

  constructor(
    private readonly users: UserStore,
    private readonly now: () => number,
    seed: number,
    private readonly maxPosts = 200_000,
  ) {
    const tco = new TcoShortener(seed);
    this.text = { wrapLink: () => tco.wrap(), userIdOf: (username) => users.byUsername(username)?.id };
  }

  get size(): number {
    return this.ordered.length;
  }

  /** The post, deleted or not. */
  get(id: string): SandboxPost | undefined {
    return this.byId.get(id);
  }

  /** All posts, oldest first (do not modify). */
  all(): readonly SandboxPost[] {
    return this.ordered;
  }

  /** The author's posts, oldest first. */
  byAuthorId(userId: string): readonly SandboxPost[] {
    return this.byAuthor.get(userId) ?? [];
  }

  /** Posts that @mention the username, oldest first. */
  mentioning(username: string): readonly SandboxPost[] {
    return this.byMention.get(username.toLowerCase()) ?? [];
  }

  onCreate(listener: PostListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  create(input: NewPost): SandboxPost {
    const createdAt = Math.floor(input.createdAt ?? this.now());
    const id = this.ids.next(createdAt);
    const parent = input.inReplyTo ?? null;
    const text = input.retweetOf ? `RT @${this.users.get(input.retweetOf.authorId)?.username ?? 'unknown'}: ${input.retweetOf.raw}` : input.text;
    const media = this.mediaOf(input, id, createdAt);
    const post: SandboxPost = {
      id,
      authorId: input.author.id,
      raw: text,
      createdAt,
      lang: input.lang ?? guessLanguage(text),
      inReplyToPostId: parent?.id ?? null,
      inReplyToUserId: parent?.authorId ?? null,
      quoteOfPostId: input.quoteOf?.id ?? null,
      retweetOfPostId: input.retweetOf?.id ?? null,
      conversationId: parent?.conversationId ?? id,
      origin: input.origin,
      trafficLabel: input.trafficLabel ?? null,
      analysed: analyseText(text, this.text, media),
      media,
      deleted: false,
      metrics: { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 },
    };
    if (parent) parent.metrics.reply_count += 1;
    if (input.quoteOf) input.quoteOf.metrics.quote_count += 1;
    if (input.retweetOf) input.retweetOf.metrics.retweet_count += 1;
    this.index(post);
    input.author.tweetCount += 1;
    for (const listener of this.listeners) listener(post);
    return post;
  }

  delete(post: SandboxPost): void {
    if (post.deleted) return;
    post.deleted = true;
    const author = this.users.get(post.authorId);
    if (author) author.tweetCount = Math.max(0, author.tweetCount - 1);
  }

  /** A repost shows its original's media; new media gets its keys and URLs. */
  private mediaOf(input: NewPost, id: string, createdAt: number): readonly SandboxMedia[] {
    if (input.retweetOf) return input.retweetOf.media;
    if (!input.media || input.media.length === 0) return NO_MEDIA;
    return this.mediaFactory.create(input.media, createdAt, `https://x.com/${input.author.username}/status/${id}`);
  }

  private index(post: SandboxPost): void {
    insertSorted(this.ordered, post);
    this.byId.set(post.id, post);
    insertSorted(listFor(this.byAuthor, post.authorId), post);
    for (const username of new Set(post.analysed.mentions)) insertSorted(listFor(this.byMention, username), post);
    if (this.ordered.length > this.maxPosts) this.evict(Math.ceil(this.maxPosts / 10));
  }

  /** Forgets the oldest posts in one sweep, so the cost spreads over many creations. */
  private evict(count: number): void {
    const gone = this.ordered.splice(0, count);
    const newestGone = gone[gone.length - 1]!.id;
    const authors = new Set<string>();
    const mentions = new Set<string>();
    for (const post of gone) {
      this.byId.delete(post.id);
      authors.add(post.authorId);
      for (const username of post.analysed.mentions) mentions.add(username);
    }
    trim(this.byAuthor, authors, newestGone);
    trim(this.byMention, mentions, newestGone);
  }
}

function listFor(index: Map<string, SandboxPost[]>, key: string): SandboxPost[] {
  let list = index.get(key);
  if (!list) index.set(key, (list = []));
  return list;
}

function trim(index: Map<string, SandboxPost[]>, keys: Set<string>, throughId: string): void {
  for (const key of keys) {
    const list = index.get(key);
    if (!list) continue;
    dropThrough(list, throughId);
    if (list.length === 0) index.delete(key);
  }
}

/** X detects a post's language; the sandbox guesses from the script when none is given. */
export function guessLanguage(text: string): string {
  if (/[\u3040-\u30ff]/u.test(text)) return 'ja';
  if (/[\u0600-\u06ff]/u.test(text)) return 'ar';
  if (/[\u0590-\u05ff]/u.test(text)) return 'iw';
  if (/[\u4e00-\u9fff]/u.test(text)) return 'zh';
  if (/[\uac00-\ud7af]/u.test(text)) return 'ko';
  return 'en';
}
