// X Activity API: the brand handle's subscriptions (created with its own token, listed with the
// app's) and the stream's events as our DMs and posts. Event payloads follow X's documentation
// ("X Activity API event payload examples"): DMs in the legacy message_create shape, mentions as
// the Post with its users in `includes`. Untrusted input: anything malformed answers null.
import { z } from 'zod';
import type { TweetV2, TwitterApiReadWrite, UserV2 } from 'twitter-api-v2';
import { isNumericId } from '../../../shared/ids';
import { httpStatusOf } from './errors';
import { normaliseDmBatch, type DMEventV2, type NormalisedDmBatch } from './normalize-dm';
import { normaliseBatch, type NormalisedBatch } from './normalize';

/** What Deckhand subscribes a brand handle to. */
export const ACTIVITY_EVENT_TYPES = ['dm.received', 'dm.sent', 'post.mention.create'] as const;
export type ActivityEventType = (typeof ACTIVITY_EVENT_TYPES)[number];

export const ACTIVITY_STREAM_PATH = 'activity/stream';
const SUBSCRIPTIONS_PATH = 'activity/subscriptions';

const subscriptionsPage = z.object({
  data: z.array(z.object({ event_type: z.string(), filter: z.object({ user_id: z.string().optional() }).optional() })).optional(),
  meta: z.object({ next_token: z.string().optional() }).optional(),
});

/** The event types the app is subscribed to for this user (listing takes the app's token). */
export async function subscribedEventTypes(app: TwitterApiReadWrite, userId: string): Promise<Set<string>> {
  const found = new Set<string>();
  let token: string | undefined;
  do {
    const page = subscriptionsPage.parse(await app.v2.get(SUBSCRIPTIONS_PATH, { max_results: 100, ...(token ? { pagination_token: token } : {}) }));
    for (const subscription of page.data ?? []) if (subscription.filter?.user_id === userId) found.add(subscription.event_type);
    token = page.meta?.next_token;
  } while (token);
  return found;
}

/** Subscribes the user (with their own token: X's private events need it); X's 409 means it exists. */
export async function subscribe(user: TwitterApiReadWrite, eventType: ActivityEventType, userId: string): Promise<void> {
  try {
    await user.v2.post(SUBSCRIPTIONS_PATH, { event_type: eventType, filter: { user_id: userId } });
  } catch (error) {
    if (httpStatusOf(error) !== 409) throw error;
  }
}

const legacyEntity = z.object({ indices: z.tuple([z.number(), z.number()]) });
const legacyDm = z.object({
  type: z.literal('message_create'),
  id: z.string(),
  created_timestamp: z.string().regex(/^\d+$/),
  message_create: z.object({
    target: z.object({ recipient_id: z.string() }),
    sender_id: z.string(),
    message_data: z.object({
      text: z.string(),
      entities: z
        .object({
          hashtags: z.array(legacyEntity.extend({ text: z.string() })).optional(),
          symbols: z.array(legacyEntity.extend({ text: z.string() })).optional(),
          user_mentions: z.array(legacyEntity.extend({ screen_name: z.string() })).optional(),
          urls: z.array(legacyEntity.extend({ url: z.string(), expanded_url: z.string().optional(), display_url: z.string().optional() })).optional(),
        })
        .optional(),
    }),
  }),
});
const dmPayload = z.object({
  direct_message_events: z.array(z.unknown()),
  users: z.record(z.string(), z.object({ data: z.unknown() })).optional(),
});
const envelope = z.object({
  data: z.object({
    event_type: z.string(),
    event_uuid: z.string().optional(),
    filter: z.object({ user_id: z.string().optional() }).optional(),
    payload: z.unknown(),
    includes: z.object({ users: z.array(z.unknown()).optional() }).optional(),
  }),
});

export type ActivityEvent =
  | { kind: 'dm'; userId: string; batch: NormalisedDmBatch }
  | { kind: 'mention'; userId: string; batch: NormalisedBatch }
  /** An event type Deckhand does not file (or one without what it needs). */
  | { kind: 'other'; eventType: string };

/** X's one-to-one conversation id: both participants, the smaller id first. */
function oneToOneConversation(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`;
}

/** A legacy message_create event in the v2 shape the DM poller reads, so both normalise alike. */
function asDmEventV2(raw: unknown): DMEventV2 | null {
  const parsed = legacyDm.safeParse(raw);
  if (!parsed.success) return null;
  const { id, created_timestamp: created, message_create: message } = parsed.data;
  const sender = message.sender_id;
  const recipient = message.target.recipient_id;
  if (!isNumericId(sender) || !isNumericId(recipient)) return null;
  const entities = message.message_data.entities;
  const span = ({ indices }: { indices: [number, number] }) => ({ start: indices[0], end: indices[1] });
  return {
    event_type: 'MessageCreate',
    id,
    text: message.message_data.text,
    created_at: new Date(Number(created)).toISOString(),
    sender_id: sender,
    dm_conversation_id: oneToOneConversation(sender, recipient),
    participant_ids: [sender, recipient],
    entities: {
      hashtags: (entities?.hashtags ?? []).map((h) => ({ ...span(h), tag: h.text })),
      cashtags: (entities?.symbols ?? []).map((c) => ({ ...span(c), tag: c.text })),
      mentions: (entities?.user_mentions ?? []).map((m) => ({ ...span(m), username: m.screen_name })),
      urls: (entities?.urls ?? []).map((u) => ({ ...span(u), url: u.url, expanded_url: u.expanded_url ?? u.url, display_url: u.display_url ?? u.url })),
    },
  } as DMEventV2;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One stream line's object as an event, or null when it is not one. A mention that quotes a post
 * or carries media is left to the filtered stream or the poll: its envelope lacks those includes.
 */
export function readActivityEvent(line: unknown): ActivityEvent | null {
  const parsed = envelope.safeParse(line);
  if (!parsed.success) return null;
  const { event_type: eventType, filter, payload, includes } = parsed.data.data;
  const userId = filter?.user_id;
  if (eventType === 'dm.received' || eventType === 'dm.sent') {
    const dm = dmPayload.safeParse(payload);
    if (!dm.success || !userId) return null;
    const events = dm.data.direct_message_events.map(asDmEventV2).filter((e): e is DMEventV2 => e !== null);
    const users = Object.values(dm.data.users ?? {}).flatMap(({ data }) => (isRecord(data) ? [data as unknown as UserV2] : []));
    const batch = normaliseDmBatch(events, { users });
    return batch.events.length > 0 ? { kind: 'dm', userId, batch } : null;
  }
  if (eventType === 'post.mention.create') {
    if (!userId || !isRecord(payload)) return null;
    const tweet = payload as unknown as TweetV2;
    if (tweet.attachments?.media_keys?.length || tweet.referenced_tweets?.some((r) => r.type !== 'replied_to')) return { kind: 'other', eventType };
    const users = (includes?.users ?? []).filter(isRecord) as unknown as UserV2[];
    const batch = normaliseBatch([tweet], { users });
    return batch.posts.length > 0 ? { kind: 'mention', userId, batch } : null;
  }
  return { kind: 'other', eventType };
}
