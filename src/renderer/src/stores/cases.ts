// Who has which post of the team's handles, as this desktop's replica of the hub knows it:
// loaded at start (and after the link to the core comes back), then followed live.
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { AssignmentView, CaseStatus } from '../../../shared/hub-protocol';
import { systemClock, type TimerHandle } from '../../../shared/clock';
import type { CaseNotice } from '../../../shared/team';
import { useBridge } from '../bridge/bridge';
import { loadWhileConnected } from '../bridge/connection';
import { useDeckStore } from './deck';
import { useNoticesStore } from './notices';
import { useNotificationsStore } from './notifications';
import { useTimelineStore } from './timeline';
import { caseIndex } from '../logic/team-cases';

/** Case queue columns list again at most this often while cases change (an ingest opens many at once). */
const QUEUE_RELOAD_MS = 150;

const keyOf = (handleId: string, postId: string) => `${handleId}/${postId}`;

export const useCasesStore = defineStore('cases', () => {
  const { api, connection } = useBridge();
  const assignments = shallowRef(new Map<string, AssignmentView>());
  const deck = useDeckStore();
  const timeline = useTimelineStore();
  const notices = useNoticesStore();
  const notifications = useNotificationsStore();
  let started = false;
  let reloadTimer: TimerHandle | null = null;

  /** The case queue columns on screen list their cases again: who has what, and where it stands, changed. */
  function reloadQueues(): void {
    if (reloadTimer) return;
    reloadTimer = systemClock.setTimeout(() => {
      reloadTimer = null;
      for (const column of deck.columns) if (column.kind === 'cases' && timeline.timelineOf(column.id).loaded) void timeline.reload(column.id);
    }, QUEUE_RELOAD_MS);
  }

  /** Told of a case of mine: in the app always, on the desktop when the window is not in front. */
  function tell(notice: CaseNotice): void {
    notices.announce(notice.text);
    notifications.tell(notice);
  }

  function mergeChanged(changed: readonly AssignmentView[], replace = false): void {
    const next = replace ? new Map<string, AssignmentView>() : new Map(assignments.value);
    for (const assignment of changed) {
      const key = keyOf(assignment.handleId, assignment.postId);
      const known = next.get(key);
      if (!known || known.version <= assignment.version) next.set(key, assignment);
    }
    assignments.value = next;
  }

  async function load(): Promise<void> {
    const result = await api.listAssignments({});
    if (result.ok) mergeChanged(result.value, true);
  }

  function start(): void {
    if (started) return;
    started = true;
    api.on('assignmentsChanged', (changed) => {
      mergeChanged(changed);
      reloadQueues();
    });
    api.on('caseNotice', tell);
    loadWhileConnected(connection, load);
  }

  /** Every post's case, a follow-up's too. */
  const byPost = computed(() => caseIndex(assignments.value.values()));
  const of = (handleId: string, postId: string): AssignmentView | null => byPost.value.get(keyOf(handleId, postId)) ?? null;

  /** Merges the case of `postId` into the case of `intoPostId`; the hub's refusal comes back as a message. */
  async function merge(handleId: string, postId: string, intoPostId: string): Promise<string | null> {
    const result = await api.mergeCases({ accountId: handleId, postId, intoPostId });
    if (!result.ok) return result.error.message;
    mergeChanged([result.value]);
    return null;
  }

  /** Splits a follow-up off into a case of its own. */
  async function split(handleId: string, postId: string): Promise<string | null> {
    const result = await api.splitCase({ accountId: handleId, postId });
    if (!result.ok) return result.error.message;
    mergeChanged([result.value]);
    return null;
  }

  /** Gives the post to a member (null: nobody), or to oneself: the hub's refusal comes back as a message. */
  async function assign(handleId: string, postId: string, to: string | null | 'me'): Promise<string | null> {
    const result = to === 'me' ? await api.claimPost({ accountId: handleId, postId }) : await api.assignPost({ accountId: handleId, postId, assigneeId: to });
    if (!result.ok) return result.error.message;
    mergeChanged([result.value]);
    return null;
  }

  /** Where a case stands; the hub's refusal (a stale view, a missing permission) comes back as a message. */
  async function setStatus(handleId: string, postId: string, status: CaseStatus, until?: number): Promise<string | null> {
    const result = await api.setCaseStatus({ accountId: handleId, postId, status, ...(until === undefined ? {} : { until }) });
    if (!result.ok) return result.error.message;
    mergeChanged([result.value]);
    return null;
  }

  /** Puts a tag on a case or takes it off; the hub's refusal comes back as a message. */
  async function tag(handleId: string, postId: string, tagName: string, on: boolean): Promise<string | null> {
    const result = await api.tagCase({ accountId: handleId, postId, tag: tagName, on });
    if (!result.ok) return result.error.message;
    mergeChanged([result.value]);
    return null;
  }

  return { assignments, of, start, load, assign, setStatus, tag, merge, split };
});
