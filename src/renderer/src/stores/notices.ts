// Short confirmations the app announces ("Reply sent as @AcmeAir"), shown for a few seconds in
// one polite live region.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { systemClock } from '../../../shared/clock';

export interface Notice {
  id: number;
  text: string;
}

const SHOWN_FOR_MS = 8_000;

export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  let nextId = 1;

  function dismiss(id: number): void {
    notices.value = notices.value.filter((notice) => notice.id !== id);
  }

  function announce(text: string): void {
    const id = nextId++;
    notices.value = [...notices.value, { id, text }];
    systemClock.setTimeout(() => dismiss(id), SHOWN_FOR_MS);
  }

  return { notices, announce, dismiss };
});
