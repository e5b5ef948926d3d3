// A DMs column's conversations, newest activity first, kept current as DM events arrive.
import type { Author, DmConversation, DmEventView } from '../../../shared/domain';
import { compareIdsNewestFirst } from '../../../shared/ids';

/** Conversations sorted by their last event, newest first. */
export function sortConversations(conversations: readonly DmConversation[]): DmConversation[] {
  return [...conversations].sort((a, b) => compareIdsNewestFirst(a.lastEvent.id, b.lastEvent.id));
}

/**
 * Puts new events (any order) into the conversation list: a conversation's last event is its
 * newest one; a conversation seen for the first time is added with the other side's author.
 */
export function mergeDmEvents(conversations: readonly DmConversation[], events: readonly DmEventView[], ownAccountId: string): readonly DmConversation[] {
  if (events.length === 0) return conversations;
  const byId = new Map(conversations.map((conversation) => [conversation.conversationId, conversation]));
  let changed = false;
  for (const event of events) {
    const current = byId.get(event.conversationId);
    if (current && compareIdsNewestFirst(current.lastEvent.id, event.id) <= 0) continue;
    const participants: Author[] = current?.participants ?? (event.sender && event.sender.id !== ownAccountId ? [event.sender] : []);
    byId.set(event.conversationId, { conversationId: event.conversationId, participants, lastEvent: event });
    changed = true;
  }
  return changed ? sortConversations([...byId.values()]) : conversations;
}

/** "Maria Flies", "Maria Flies and Sam", "Maria Flies and 2 others". */
export function conversationName(conversation: Pick<DmConversation, 'participants'>): string {
  const [first, second, ...rest] = conversation.participants;
  if (!first) return 'Conversation';
  if (!second) return first.name || `@${first.username}`;
  return rest.length === 0 ? `${first.name} and ${second.name}` : `${first.name} and ${rest.length + 1} others`;
}
