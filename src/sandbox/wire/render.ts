// Posts and users as X's JSON: default fields (id, text, edit_history_tweet_ids; id, name,
// username), the fields a request asks for, and `includes` (users, posts, media) for its expansions.
import type { SandboxPost } from '../state/posts';
import type { SandboxUser, UserStore } from '../state/users';
import type { WireEntities } from '../text/entities';
import type { FieldSelection } from './fields';
import { renderMedia, type WireMedia } from './media';

export interface WireTweet {
  id: string;
  text: string;
  edit_history_tweet_ids: string[];
  [field: string]: unknown;
}

export interface WireUser {
  id: string;
  name: string;
  username: string;
  [field: string]: unknown;
}

export interface WireIncludes {
  users?: WireUser[];
  tweets?: WireTweet[];
  media?: WireMedia[];
}

export interface Lookup {
  users: UserStore;
  post(id: string): SandboxPost | undefined;
}

const EDIT_WINDOW_MS = 60 * 60 * 1000;

export function renderTweet(post: SandboxPost, fields: ReadonlySet<string>): WireTweet {
  const shown = post.analysed.truncated ?? post.analysed.full;
  const tweet: WireTweet = { id: post.id, text: shown.text, edit_history_tweet_ids: [post.id] };
  for (const field of fields) {
    switch (field) {
      case 'author_id':
        tweet.author_id = post.authorId;
        break;
      case 'attachments':
        if (post.media.length > 0) tweet.attachments = { media_keys: post.media.map((media) => media.key) };
        break;
      case 'created_at':
        tweet.created_at = new Date(post.createdAt).toISOString();
        break;
      case 'conversation_id':
        tweet.conversation_id = post.conversationId;
        break;
      case 'entities':
        if (shown.entities) tweet.entities = shown.entities;
        break;
      case 'in_reply_to_user_id':
        if (post.inReplyToUserId) tweet.in_reply_to_user_id = post.inReplyToUserId;
        break;
      case 'lang':
        tweet.lang = post.lang;
        break;
      case 'referenced_tweets': {
        const references = referencesOf(post);
        if (references.length > 0) tweet.referenced_tweets = references;
        break;
      }
      case 'note_tweet':
        if (post.analysed.truncated) tweet.note_tweet = noteOf(post.analysed.full.text, post.analysed.full.entities);
        break;
      case 'public_metrics':
        tweet.public_metrics = { ...post.metrics };
        break;
      case 'possibly_sensitive':
        tweet.possibly_sensitive = false;
        break;
      case 'reply_settings':
        tweet.reply_settings = 'everyone';
        break;
      case 'edit_controls':
        tweet.edit_controls = { is_edit_eligible: false, editable_until: new Date(post.createdAt + EDIT_WINDOW_MS).toISOString(), edits_remaining: 5 };
        break;
      case 'display_text_range':
        tweet.display_text_range = [0, [...shown.text].length];
        break;
    }
  }
  return tweet;
}

function noteOf(text: string, entities: WireEntities | null): { text: string; entities?: WireEntities } {
  return entities ? { text, entities } : { text };
}

function referencesOf(post: SandboxPost): { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[] {
  const references: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[] = [];
  if (post.retweetOfPostId) references.push({ type: 'retweeted', id: post.retweetOfPostId });
  if (post.quoteOfPostId) references.push({ type: 'quoted', id: post.quoteOfPostId });
  if (post.inReplyToPostId) references.push({ type: 'replied_to', id: post.inReplyToPostId });
  return references;
}

export function renderUser(user: SandboxUser, fields: ReadonlySet<string>): WireUser {
  const out: WireUser = { id: user.id, name: user.name, username: user.username };
  for (const field of fields) {
    switch (field) {
      case 'created_at':
        out.created_at = new Date(user.createdAt).toISOString();
        break;
      case 'description':
        out.description = user.description;
        break;
      case 'location':
        if (user.location) out.location = user.location;
        break;
      case 'url':
        out.url = user.url ?? '';
        break;
      case 'profile_image_url':
        out.profile_image_url = user.profileImageUrl;
        break;
      case 'protected':
        out.protected = user.protected;
        break;
      case 'verified':
        out.verified = user.verified;
        break;
      case 'verified_type':
        out.verified_type = user.verifiedType;
        break;
      case 'public_metrics':
        out.public_metrics = {
          followers_count: user.followersCount,
          following_count: user.followingCount,
          tweet_count: user.tweetCount,
          listed_count: user.listedCount,
          like_count: user.likeCount,
        };
        break;
    }
  }
  return out;
}

/** Collects the users, posts and media a response's expansions pull in, each once. */
export class IncludesBuilder {
  private readonly users = new Map<string, WireUser>();
  private readonly tweets = new Map<string, WireTweet>();
  private readonly media = new Map<string, WireMedia>();

  constructor(
    private readonly selection: FieldSelection,
    private readonly lookup: Lookup,
  ) {}

  addPost(post: SandboxPost): void {
    const expansions = this.selection.expansions;
    if (expansions.size === 0) return;
    if (expansions.has('author_id')) this.addUser(post.authorId);
    if (expansions.has('in_reply_to_user_id') && post.inReplyToUserId) this.addUser(post.inReplyToUserId);
    if (expansions.has('attachments.media_keys')) this.addMedia(post);
    if (expansions.has('entities.mentions.username')) {
      for (const username of post.analysed.mentions) {
        const user = this.lookup.users.byUsername(username);
        if (user) this.addUser(user.id);
      }
    }
    if (expansions.has('referenced_tweets.id') || expansions.has('referenced_tweets.id.author_id') || expansions.has('referenced_tweets.id.attachments.media_keys')) {
      for (const reference of referencesOf(post)) {
        const referenced = this.lookup.post(reference.id);
        if (!referenced || referenced.deleted) continue;
        if (expansions.has('referenced_tweets.id') && !this.tweets.has(referenced.id)) {
          this.tweets.set(referenced.id, renderTweet(referenced, this.selection.tweet));
        }
        if (expansions.has('referenced_tweets.id.author_id')) this.addUser(referenced.authorId);
        if (expansions.has('referenced_tweets.id.attachments.media_keys')) this.addMedia(referenced);
      }
    }
  }

  addUser(id: string): void {
    if (this.users.has(id)) return;
    const user = this.lookup.users.get(id);
    if (user) this.users.set(id, renderUser(user, this.selection.user));
  }

  private addMedia(post: SandboxPost): void {
    for (const media of post.media) if (!this.media.has(media.key)) this.media.set(media.key, renderMedia(media, this.selection.media));
  }

  /** The `includes` object, or undefined when nothing was pulled in (X then leaves it out). */
  build(): WireIncludes | undefined {
    const includes: WireIncludes = {};
    if (this.users.size > 0) includes.users = [...this.users.values()];
    if (this.tweets.size > 0) includes.tweets = [...this.tweets.values()];
    if (this.media.size > 0) includes.media = [...this.media.values()];
    return includes.users || includes.tweets || includes.media ? includes : undefined;
  }
}

/** `{data, includes?}` for a list of posts (data left out when empty, as X does). */
export function renderPosts(posts: readonly SandboxPost[], selection: FieldSelection, lookup: Lookup): { data?: WireTweet[]; includes?: WireIncludes } {
  if (posts.length === 0) return {};
  const includes = new IncludesBuilder(selection, lookup);
  const data = posts.map((post) => {
    includes.addPost(post);
    return renderTweet(post, selection.tweet);
  });
  const built = includes.build();
  return built ? { data, includes: built } : { data };
}
