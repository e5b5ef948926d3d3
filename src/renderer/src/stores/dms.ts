// DMs columns: each one's conversations, newest activity first, from the store then live events.
import { defineStore } from 'pinia';
import { shallowReactive } from 'vue';
import type { EventPayload } from '../../../shared/contract';
import type { DmConversation } from '../../../shared/domain';
import { useBridge } from '../bridge/bridge';
import { mergeDmEvents, sortConversations } from '../logic/dm-conversations';
import { useDeckStore } from './deck';

export interface ConversationList {
  conversations: readonly DmConversation[];
  loaded: boolean;
  error: string | null;
}

const EMPTY: ConversationList = Object.freeze({ conversations: [], loaded: false, error: null });
const LIMIT = 100;

export const useDmsStore = defineStore('dms', () => {
  const { api } = useBridge();
  const deck = useDeckStore();
  const lists = shallowReactive(new Map<string, ConversationList>());

  const listOf = (columnId: string): ConversationList => lists.get(columnId) ?? EMPTY;

  async function load(columnId: string): Promise<void> {
    const result = await api.listDmConversations({ columnId, limit: LIMIT });
    if (!result.ok) {
      lists.set(columnId, { ...listOf(columnId), error: result.error.message });
      return;
    }
    lists.set(columnId, { conversations: sortConversations(result.value), loaded: true, error: null });
  }

  function receive({ columnId, events }: EventPayload<'columnDmEvents'>): void {
    const column = deck.byId.get(columnId);
    const current = listOf(columnId);
    const merged = mergeDmEvents(current.conversations, events, column?.accountId ?? '');
    if (merged !== current.conversations) lists.set(columnId, { ...current, conversations: merged });
  }

  async function reloadLoaded(): Promise<void> {
    await Promise.all([...lists.entries()].filter(([, list]) => list.loaded).map(([columnId]) => load(columnId)));
  }

  function keepOnly(columnIds: Iterable<string>): void {
    const kept = new Set(columnIds);
    for (const columnId of [...lists.keys()]) if (!kept.has(columnId)) lists.delete(columnId);
  }

  return { listOf, load, receive, reloadLoaded, keepOnly };
});
