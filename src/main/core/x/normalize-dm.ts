// X DM events → our DmEvent. Only messages (MessageCreate) are kept; joins and leaves are not
// shown in the DMs column. Untrusted input: anything malformed is dropped, never thrown.
import type { MediaObjectV2, TwitterApiReadOnly, UserV2 } from 'twitter-api-v2';
import type { Author, DmEvent } from '../../../shared/domain';
import { isNumericId } from '../../../shared/ids';
import { unescapeXText } from './html';
import { normaliseAuthors, normaliseEntities, normaliseMediaMap } from './normalize';


/** The library does not export its DM event type; this is the item type of its DM paginator. */
export type DMEventV2 = Awaited<ReturnType<TwitterApiReadOnly['v2']['listDmEvents']>>['events'][number];

/** One-to-one conversation ids are "smallerId-largerId": both participants are in the id. */
function participantsOf(event: DMEventV2, senderId: string, conversationId: string): string[] {
  const listed = (event.participant_ids ?? []).filter((id) => isNumericId(id));
  const fromId = conversationId.split('-').filter((id) => isNumericId(id));
  return [...new Set([senderId, ...listed, ...(fromId.length === 2 ? fromId : [])])];
}

export interface NormalisedDmBatch {
  events: DmEvent[];
  authors: Author[];
}

export function normaliseDmBatch(raw: readonly DMEventV2[], includes: { users?: readonly UserV2[]; media?: readonly MediaObjectV2[] } = {}): NormalisedDmBatch {
  const media = normaliseMediaMap(includes.media);
  const events: DmEvent[] = [];
  for (const event of raw) {
    if (!event || event.event_type !== 'MessageCreate' || typeof event.text !== 'string') continue;
    if (typeof event.id !== 'string' || !isNumericId(event.id)) continue;
    if (typeof event.sender_id !== 'string' || !isNumericId(event.sender_id)) continue;
    const conversationId = typeof event.dm_conversation_id === 'string' && event.dm_conversation_id ? event.dm_conversation_id : event.sender_id;
    const { text, mapOffset } = unescapeXText(event.text);
    events.push({
      id: event.id,
      conversationId,
      senderId: event.sender_id,
      participantIds: participantsOf(event, event.sender_id, conversationId),
      text,
      createdAt: typeof event.created_at === 'string' ? event.created_at : new Date().toISOString(),
      entities: normaliseEntities(event.entities, mapOffset),
      media: (event.attachments?.media_keys ?? []).map((key) => media.get(key)).filter((m) => m !== undefined),
    });
  }
  return { events, authors: [...normaliseAuthors(includes.users).values()] };
}
