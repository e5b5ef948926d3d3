// Archive search from the header: answers as the agent types, over every stored post, within the
// From / To dates when given (whole days in the agent's time zone, both included).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { systemClock } from '../../../shared/clock';
import { dayRangeProblem, rangeOfDays, type DayRange } from '../../../shared/date-range';
import type { PostView } from '../../../shared/domain';
import type { Envelope } from '../../../shared/errors';
import { useBridge } from '../bridge/bridge';
import { latestRequest } from '../logic/latest-request';
import { NO_DAYS, type ArchiveQuestion } from '../logic/archive-summary';

const TYPING_PAUSE_MS = 150;
export const ARCHIVE_RESULT_LIMIT = 50;

export const useArchiveStore = defineStore('archive', () => {
  const { api } = useBridge();
  const query = ref('');
  const days = ref<DayRange>(NO_DAYS);
  /** The question the results answer (may lag `query` and `days` while typing); null before the first answer. */
  const answered = shallowRef<ArchiveQuestion | null>(null);
  const results = shallowRef<readonly PostView[]>([]);
  const searching = ref(false);
  const error = ref<string | null>(null);
  const hasDays = computed(() => days.value.fromDate !== '' || days.value.toDate !== '');
  /** Words or dates: the results panel is open. */
  const active = computed(() => query.value.trim() !== '' || hasDays.value);

  const request = latestRequest<ArchiveQuestion, Envelope<PostView[]>>({
    clock: systemClock,
    delayMs: TYPING_PAUSE_MS,
    run: (question) => {
      const range = rangeOfDays(question.days);
      return api.searchArchive({ query: question.text, limit: ARCHIVE_RESULT_LIMIT, ...(range ? { range } : {}) });
    },
    answer: (question, result) => {
      searching.value = false;
      answered.value = question;
      if (result.ok) {
        results.value = result.value;
        error.value = null;
      } else {
        results.value = [];
        error.value = result.error.message;
      }
    },
  });

  function run(): void {
    if (!active.value) {
      clear();
      return;
    }
    const problem = dayRangeProblem(days.value);
    if (problem) {
      request.cancel();
      searching.value = false;
      results.value = [];
      error.value = problem;
      return;
    }
    searching.value = true;
    request.ask({ text: query.value.trim(), days: days.value });
  }

  function search(text: string): void {
    query.value = text;
    run();
  }

  function setDays(next: DayRange): void {
    days.value = next;
    run();
  }

  function clear(): void {
    request.cancel();
    query.value = '';
    days.value = NO_DAYS;
    answered.value = null;
    results.value = [];
    searching.value = false;
    error.value = null;
  }

  return { query, days, hasDays, active, answered, results, searching, error, search, setDays, clear };
});
