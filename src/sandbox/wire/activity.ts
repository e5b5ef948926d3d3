// X Activity API payloads, as X's documentation shows them ("X Activity API event payload
// examples"; the spec file has no schema for these events yet):
// - dm.sent / dm.received: `{direct_message_events: [legacy message_create event], users: {id: {data: User}}}`;
// - post.mention.create: the Post, with the author and mentioned users in the envelope's `includes`.
// The envelope `{data: {event_type, event_uuid, filter, tag?, payload, includes?}}` is the spec's
// ActivityStreamingResponse.
import type { SandboxDmEvent } from '../state/dms';
import type { SandboxPost } from '../state/posts';
import type { ActivitySubscription } from '../state/activity';
import type { UserStore } from '../state/users';
import type { WireEntities } from '../text/entities';
import { renderTweet, renderUser, type WireUser } from './render';

const POST_FIELDS: ReadonlySet<string> = new Set([
  'attachments',
  'author_id',
  'conversation_id',
  'created_at',
  'display_text_range',
  'edit_controls',
  'entities',
  'in_reply_to_user_id',
  'lang',
  'note_tweet',
  'possibly_sensitive',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
]);
const USER_FIELDS: ReadonlySet<string> = new Set(['created_at', 'description', 'profile_image_url', 'protected', 'public_metrics', 'verified', 'verified_type']);

type Indices = [number, number];

/** The legacy (v1.1) entities a DM event carries. */
interface LegacyEntities {
  hashtags: { text: string; indices: Indices }[];
  symbols: { text: string; indices: Indices }[];
  user_mentions: { screen_name: string; id_str?: string; indices: Indices }[];
  urls: { url: string; expanded_url?: string; display_url?: string; indices: Indices }[];
}

function legacyEntities(entities: WireEntities | null | undefined): LegacyEntities {
  return {
    hashtags: (entities?.hashtags ?? []).map(({ start, end, tag }) => ({ text: tag, indices: [start, end] })),
    symbols: (entities?.cashtags ?? []).map(({ start, end, tag }) => ({ text: tag, indices: [start, end] })),
    user_mentions: (entities?.mentions ?? []).map(({ start, end, username, id }) => ({ screen_name: username, ...(id ? { id_str: id } : {}), indices: [start, end] })),
    urls: (entities?.urls ?? []).map(({ start, end, url, expanded_url, display_url }) => ({
      url,
      ...(expanded_url ? { expanded_url } : {}),
      ...(display_url ? { display_url } : {}),
      indices: [start, end],
    })),
  };
}

/** A one-to-one message as dm.sent / dm.received carry it. */
export function dmPayload(event: SandboxDmEvent, recipientId: string, users: UserStore): Record<string, unknown> {
  const directMessage = {
    type: 'message_create',
    id: event.id,
    created_timestamp: String(event.createdAt),
    message_create: {
      target: { recipient_id: recipientId },
      sender_id: event.senderId,
      message_data: { text: event.rendered?.text ?? '', entities: legacyEntities(event.rendered?.entities) },
    },
  };
  const map: Record<string, { data: WireUser }> = {};
  for (const id of [event.senderId, recipientId]) {
    const user = users.get(id);
    if (user) map[id] = { data: renderUser(user, USER_FIELDS) };
  }
  return { direct_message_events: [directMessage], users: map };
}

/** The post mentioning the subscribed user, and its author and mentioned users for `includes`. */
export function mentionPayload(post: SandboxPost, users: UserStore): { payload: Record<string, unknown>; includes: { users: WireUser[] } } {
  const included = new Map<string, WireUser>();
  const add = (id: string | undefined) => {
    const user = id === undefined ? undefined : users.get(id);
    if (user && !included.has(user.id)) included.set(user.id, renderUser(user, USER_FIELDS));
  };
  add(post.authorId);
  for (const username of post.analysed.mentions) add(users.byUsername(username)?.id);
  return { payload: { ...renderTweet(post, POST_FIELDS) }, includes: { users: [...included.values()] } };
}

/** One stream line (JSON + \r\n) for a subscription's event. */
export function activityLine(subscription: ActivitySubscription, eventUuid: string, payload: unknown, includes?: unknown): string {
  const data: Record<string, unknown> = { event_type: subscription.eventType, event_uuid: eventUuid, filter: subscription.filter };
  if (subscription.tag !== null) data.tag = subscription.tag;
  data.payload = payload;
  if (includes !== undefined) data.includes = includes;
  return `${JSON.stringify({ data })}\r\n`;
}

/** A subscription as the subscription endpoints answer it (ActivitySubscription). */
export function wireSubscription(subscription: ActivitySubscription): Record<string, unknown> {
  return {
    subscription_id: subscription.id,
    event_type: subscription.eventType,
    filter: subscription.filter,
    ...(subscription.tag !== null ? { tag: subscription.tag } : {}),
    created_at: new Date(subscription.createdAt).toISOString(),
    updated_at: new Date(subscription.updatedAt).toISOString(),
  };
}
