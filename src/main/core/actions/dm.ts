// Answering a direct-message conversation as a brand handle (solo mode: this desktop calls X; in a
// team the hub does, through its outbox). X's id of the sent message comes back; the message is
// kept in the store at once, so the thread shows it before the next read of the handle's DMs.
import { z } from 'zod';
import type { DmEvent } from '../../../shared/domain';
import { EMPTY_ENTITIES } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import type { Logger } from '../ports';
import { getAccount } from '../store/accounts';
import type { Database } from '../store/database';
import { dmThread, insertDmEvents } from '../store/dm-events';
import type { ActingAs } from '../x/acting-as';
import { toDeckhandError } from '../x/errors';
import { findSentDm } from './find-sent';

export interface DmInput {
  accountId: string;
  conversationId: string;
  text: string;
}

/**
 * Who the handle talks to in a conversation: its messages say; a one-to-one conversation not
 * started yet ("Move to DM") is named by the two ids. Empty: a group this desktop has not read.
 */
export function otherParticipants(db: Database, accountId: string, conversationId: string): string[] {
  const [last] = dmThread(db, conversationId, 1);
  if (last) return last.participantIds.filter((id) => id !== accountId);
  const pair = conversationId.split('-');
  return pair.length === 2 && pair.includes(accountId) ? pair.filter((id) => id !== accountId) : [];
}

const sentDmSchema = z.object({ data: z.object({ dm_conversation_id: z.string().max(100), dm_event_id: z.string().regex(/^[0-9]{1,20}$/) }) });

type DmDeps = { db: Database; actingAs: ActingAs; logger: Logger; now?: () => Date };

export async function sendDm(deps: DmDeps, input: DmInput): Promise<{ id: string; pending: false }> {
  return { id: (await sendDmEvent(deps, input)).id, pending: false };
}

/** The handle's message as X took it, kept in the store at once. */
function keepSent(deps: DmDeps, input: DmInput, others: string[], sent: { id: string; conversationId: string; createdAt: string | null }): DmEvent {
  const event: DmEvent = {
    id: sent.id,
    conversationId: sent.conversationId,
    senderId: input.accountId,
    participantIds: [input.accountId, ...others],
    text: input.text,
    createdAt: sent.createdAt ?? (deps.now?.() ?? new Date()).toISOString(),
    entities: EMPTY_ENTITIES,
    media: [],
  };
  insertDmEvents(deps.db, [event]);
  return event;
}

/** The message, when X already has it (an earlier attempt reached X before a crash), as the store now keeps it. */
export async function findSentDmEvent(deps: DmDeps, input: DmInput): Promise<DmEvent | null> {
  const found = await findSentDm(deps, { accountId: input.accountId, conversationId: input.conversationId, text: input.text });
  if (!found) return null;
  deps.logger.info('direct message found at X after an interrupted send', { accountId: input.accountId, conversationId: input.conversationId, eventId: found.id });
  return keepSent(deps, input, otherParticipants(deps.db, input.accountId, input.conversationId), { ...found, conversationId: input.conversationId });
}

/** Sends the message and answers it as the store now keeps it. */
export async function sendDmEvent(deps: DmDeps, input: DmInput): Promise<DmEvent> {
  const others = otherParticipants(deps.db, input.accountId, input.conversationId);
  if (others.length === 0) throw new DeckhandError('not_found', 'Deckhand holds no message of that conversation (a DMs column of the handle reads them).');
  try {
    // One-to-one: to the participant (X's "with" endpoint); a group: into the conversation.
    const [only] = others;
    const result: unknown = await deps.actingAs(input.accountId, (client) =>
      others.length === 1 && only ? client.v2.sendDmToParticipant(only, { text: input.text }) : client.v2.sendDmInConversation(input.conversationId, { text: input.text }),
    );
    // X wraps the answer in `data` (twitter-api-v2's type leaves the wrapper out).
    const answer = sentDmSchema.safeParse(result);
    if (!answer.success) throw new DeckhandError('upstream', 'X answered the message in a shape Deckhand does not know.');
    const event = keepSent(deps, input, others, { id: answer.data.data.dm_event_id, conversationId: answer.data.data.dm_conversation_id || input.conversationId, createdAt: null });
    deps.logger.info('direct message sent', { accountId: input.accountId, conversationId: event.conversationId, eventId: event.id });
    return event;
  } catch (error) {
    throw toDeckhandError(`X refused the message from @${getAccount(deps.db, input.accountId)?.username ?? input.accountId}`, error);
  }
}
