// Archive search from the header: answers as the agent types, over every stored post.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { systemClock } from '../../../shared/clock';
import type { PostView } from '../../../shared/domain';
import type { Envelope } from '../../../shared/errors';
import { useBridge } from '../bridge/bridge';
import { latestRequest } from '../logic/latest-request';

const TYPING_PAUSE_MS = 150;
const RESULT_LIMIT = 50;

export const useArchiveStore = defineStore('archive', () => {
  const { api } = useBridge();
  const query = ref('');
  /** The query the results answer (may lag `query` while typing). */
  const answered = ref('');
  const results = shallowRef<readonly PostView[]>([]);
  const searching = ref(false);
  const error = ref<string | null>(null);

  const request = latestRequest<string, Envelope<PostView[]>>({
    clock: systemClock,
    delayMs: TYPING_PAUSE_MS,
    run: (text) => api.searchArchive({ query: text, limit: RESULT_LIMIT }),
    answer: (text, result) => {
      searching.value = false;
      answered.value = text;
      if (result.ok) {
        results.value = result.value;
        error.value = null;
      } else {
        results.value = [];
        error.value = result.error.message;
      }
    },
  });

  function search(text: string): void {
    query.value = text;
    if (text.trim() === '') {
      clear();
      return;
    }
    searching.value = true;
    request.ask(text.trim());
  }

  function clear(): void {
    request.cancel();
    query.value = '';
    answered.value = '';
    results.value = [];
    searching.value = false;
    error.value = null;
  }

  return { query, answered, results, searching, error, search, clear };
});
