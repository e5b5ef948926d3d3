// The only way the core talks to X (or the sandbox): twitter-api-v2, with its base URL rewritten.
import { Agent as HttpAgent } from 'node:http';
import { TwitterApi, type ITwitterApiClientPlugin, type TwitterApiReadWrite } from 'twitter-api-v2';

export const X_API_BASE = 'https://api.x.com';
const LIBRARY_HOSTS = new Set(['api.twitter.com', 'api.x.com', 'upload.twitter.com']);

/** Rewrites every request the library builds (REST and streams) from X's host to `base`. */
export function baseUrlPlugin(base: string): ITwitterApiClientPlugin {
  const target = new URL(base);
  const rewrite = (params: { url: string }) => {
    const url = new URL(params.url.startsWith('http') ? params.url : `https://${params.url}`);
    if (!LIBRARY_HOSTS.has(url.hostname)) return;
    url.protocol = target.protocol;
    url.host = target.host;
    params.url = url.toString();
  };
  return {
    onBeforeRequestConfig: ({ params }) => rewrite(params),
    onBeforeStreamRequestConfig: ({ params }) => rewrite(params),
  };
}

export interface XClientFactory {
  readonly base: string;
  /** A client acting with one bearer (user access token or app Bearer token). */
  withToken(token: string): TwitterApiReadWrite;
  /** A client acting as the X app itself (OAuth 2.0 public client: client id, no secret). */
  withClientId(clientId: string, extraPlugins?: readonly ITwitterApiClientPlugin[]): TwitterApi;
}

export function createXClientFactory(base: string = X_API_BASE): XClientFactory {
  const normalised = base.replace(/\/+$/, '');
  const isDefault = normalised === X_API_BASE;
  const plugins = isDefault ? [] : [baseUrlPlugin(normalised)];
  // The library always calls https.request; an http.Agent makes it speak plain HTTP to a sandbox.
  const httpAgent = normalised.startsWith('http:') ? new HttpAgent({ keepAlive: true }) : undefined;
  return {
    base: normalised,
    withToken: (token) => new TwitterApi(token, { plugins, ...(httpAgent ? { httpAgent } : {}) }).readWrite,
    withClientId: (clientId, extraPlugins = []) =>
      new TwitterApi({ clientId }, { plugins: [...plugins, ...extraPlugins], ...(httpAgent ? { httpAgent } : {}) }),
  };
}

export const TWEET_FIELDS = [
  'author_id',
  'created_at',
  'conversation_id',
  'entities',
  'in_reply_to_user_id',
  'lang',
  'referenced_tweets',
  'note_tweet',
  'attachments',
  'public_metrics',
] as const;
export const USER_FIELDS = ['name', 'username', 'profile_image_url', 'verified', 'public_metrics', 'description', 'created_at'] as const;
/** Quoted and reposted posts (with their authors) and media come in `includes`. */
export const EXPANSIONS = ['author_id', 'attachments.media_keys', 'referenced_tweets.id', 'referenced_tweets.id.author_id'] as const;
export const MEDIA_FIELDS = ['media_key', 'type', 'url', 'preview_image_url', 'width', 'height', 'alt_text'] as const;
export const DM_EVENT_FIELDS = ['id', 'event_type', 'text', 'created_at', 'dm_conversation_id', 'sender_id', 'participant_ids', 'entities', 'attachments'] as const;
export const DM_EXPANSIONS = ['sender_id', 'participant_ids', 'attachments.media_keys'] as const;

/** The query parameters every post-returning request asks for, so every source normalises alike. */
export const POST_REQUEST_FIELDS = {
  'tweet.fields': [...TWEET_FIELDS],
  'user.fields': [...USER_FIELDS],
  'media.fields': [...MEDIA_FIELDS],
  expansions: [...EXPANSIONS],
};
