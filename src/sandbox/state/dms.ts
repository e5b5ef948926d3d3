// Direct messages: one-to-one conversations (id "smallerUserId-largerUserId", as X forms it) and
// group conversations (a snowflake id), each an id-ordered list of events: MessageCreate, and
// ParticipantsJoin when a group starts. Every participant's inbox (GET /2/dm_events) is kept as
// its own id-ordered list. Memory is bounded: past `maxEvents` the oldest events go.
import { analyseText, type RenderedText, type TextContext } from '../text/entities';
import { TcoShortener } from '../text/tco';
import { compareIds, SnowflakeIds } from './ids';
import { dropThrough, insertSorted } from './sorted';
import type { SandboxUser, UserStore } from './users';

export type DmEventType = 'MessageCreate' | 'ParticipantsJoin' | 'ParticipantsLeave';

export interface SandboxDmEvent {
  readonly id: string;
  readonly type: DmEventType;
  readonly conversationId: string;
  readonly senderId: string;
  readonly createdAt: number;
  /** The users who joined or left (ParticipantsJoin / ParticipantsLeave). */
  readonly participantIds: readonly string[];
  /** The message as its sender typed it (MessageCreate only). */
  readonly raw: string | null;
  /** The message as X sends it: links wrapped, HTML-escaped, entities (MessageCreate only). */
  readonly rendered: RenderedText | null;
}

export interface DmConversation {
  readonly id: string;
  readonly group: boolean;
  readonly participants: ReadonlySet<string>;
  readonly events: SandboxDmEvent[];
}

/** X's id for the one-to-one conversation of two users: the smaller id first. */
export function oneToOneConversationId(a: string, b: string): string {
  return compareIds(a, b) <= 0 ? `${a}-${b}` : `${b}-${a}`;
}

export type DmListener = (event: SandboxDmEvent, conversation: DmConversation) => void;

export class DmStore {
  private readonly listeners = new Set<DmListener>();
  private readonly conversations = new Map<string, DmConversation>();
  private readonly inboxes = new Map<string, SandboxDmEvent[]>();
  private readonly ordered: SandboxDmEvent[] = [];
  private readonly byId = new Map<string, SandboxDmEvent>();
  private readonly ids = new SnowflakeIds(7);
  private readonly text: TextContext;

  constructor(
    users: UserStore,
    private readonly now: () => number,
    seed: number,
    private readonly maxEvents = 200_000,
  ) {
    const tco = new TcoShortener(seed + 7_919);
    this.text = { wrapLink: () => tco.wrap(), userIdOf: (username) => users.byUsername(username)?.id };
  }

  get size(): number {
    return this.ordered.length;
  }

  get(id: string): SandboxDmEvent | undefined {
    return this.byId.get(id);
  }

  conversation(id: string): DmConversation | undefined {
    return this.conversations.get(id);
  }

  /** Calls `listener` with every new event (after it is stored); returns the function that stops it. */
  onCreate(listener: DmListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every event of every conversation the user is in, oldest first (do not modify). */
  inbox(userId: string): readonly SandboxDmEvent[] {
    return this.inboxes.get(userId) ?? [];
  }

  /** A message in the one-to-one conversation of `from` and `to` (started on first use). */
  sendDirect(from: SandboxUser, to: SandboxUser, text: string): SandboxDmEvent {
    const id = oneToOneConversationId(from.id, to.id);
    let conversation = this.conversations.get(id);
    if (!conversation) {
      conversation = { id, group: false, participants: new Set([from.id, to.id]), events: [] };
      this.conversations.set(id, conversation);
    }
    return this.append(conversation, 'MessageCreate', from.id, [], text);
  }

  /** A new group conversation: the creator adds the others (ParticipantsJoin), then the first message. */
  createGroup(creator: SandboxUser, others: readonly SandboxUser[], text: string): { conversation: DmConversation; message: SandboxDmEvent } {
    const id = this.ids.next(this.now());
    const participants = new Set([creator.id, ...others.map((user) => user.id)]);
    const conversation: DmConversation = { id, group: true, participants, events: [] };
    this.conversations.set(id, conversation);
    this.append(conversation, 'ParticipantsJoin', creator.id, [...participants], null);
    return { conversation, message: this.append(conversation, 'MessageCreate', creator.id, [], text) };
  }

  /** A message in an existing conversation the sender is part of. */
  sendInConversation(sender: SandboxUser, conversation: DmConversation, text: string): SandboxDmEvent {
    return this.append(conversation, 'MessageCreate', sender.id, [], text);
  }

  private append(conversation: DmConversation, type: DmEventType, senderId: string, participantIds: string[], raw: string | null): SandboxDmEvent {
    const createdAt = Math.floor(this.now());
    const event: SandboxDmEvent = {
      id: this.ids.next(createdAt),
      type,
      conversationId: conversation.id,
      senderId,
      createdAt,
      participantIds,
      raw,
      rendered: raw === null ? null : analyseText(raw, this.text).full,
    };
    insertSorted(conversation.events, event);
    for (const userId of conversation.participants) insertSorted(listFor(this.inboxes, userId), event);
    insertSorted(this.ordered, event);
    this.byId.set(event.id, event);
    if (this.ordered.length > this.maxEvents) this.evict(Math.ceil(this.maxEvents / 10));
    for (const listener of this.listeners) listener(event, conversation);
    return event;
  }

  private evict(count: number): void {
    const gone = this.ordered.splice(0, count);
    const newestGone = gone[gone.length - 1]!.id;
    const touched = new Set<string>();
    for (const event of gone) {
      this.byId.delete(event.id);
      touched.add(event.conversationId);
    }
    for (const id of touched) {
      const conversation = this.conversations.get(id)!;
      dropThrough(conversation.events, newestGone);
      for (const userId of conversation.participants) {
        const inbox = this.inboxes.get(userId);
        if (!inbox) continue;
        dropThrough(inbox, newestGone);
        if (inbox.length === 0) this.inboxes.delete(userId);
      }
    }
  }
}

function listFor(index: Map<string, SandboxDmEvent[]>, key: string): SandboxDmEvent[] {
  let list = index.get(key);
  if (!list) index.set(key, (list = []));
  return list;
}
