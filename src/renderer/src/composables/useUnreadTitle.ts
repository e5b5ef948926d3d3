// The window title carries the deck's total unread count: "(12) Deckhand".
import { watchEffect } from 'vue';
import { documentTitle, totalUnread } from '../logic/unread';
import { useDeckStore } from '../stores/deck';
import { useUnreadStore } from '../stores/unread';

export function useUnreadTitle(base = 'Deckhand'): void {
  const deck = useDeckStore();
  const unread = useUnreadStore();
  watchEffect(() => {
    document.title = documentTitle(base, totalUnread(unread.counts, deck.columns.map((column) => column.id)));
  });
}
