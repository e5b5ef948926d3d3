// The window title carries the deck's total unread count: "(12) Deckhand".
import { watchEffect } from 'vue';
import { documentTitle } from '../logic/unread';
import { useDeckStore } from '../stores/deck';
import { useUnreadStore } from '../stores/unread';

export function useUnreadTitle(base = 'Deckhand'): void {
  const deck = useDeckStore();
  const unread = useUnreadStore();
  watchEffect(() => {
    const title = documentTitle(base, deck.columns.reduce((total, column) => total + unread.shownCountOf(column.id), 0));
    if (document.title !== title) document.title = title;
  });
}
