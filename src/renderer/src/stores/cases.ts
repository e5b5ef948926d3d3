// Who has which post of the team's handles, as this desktop's replica of the hub knows it:
// loaded at start (and after the link to the core comes back), then followed live.
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { AssignmentView, CaseStatus } from '../../../shared/hub-protocol';
import { useBridge } from '../bridge/bridge';
import { loadWhileConnected } from '../bridge/connection';

const keyOf = (handleId: string, postId: string) => `${handleId}/${postId}`;

export const useCasesStore = defineStore('cases', () => {
  const { api, connection } = useBridge();
  const assignments = shallowRef(new Map<string, AssignmentView>());
  let started = false;

  function merge(changed: readonly AssignmentView[], replace = false): void {
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
    if (result.ok) merge(result.value, true);
  }

  function start(): void {
    if (started) return;
    started = true;
    api.on('assignmentsChanged', (changed) => merge(changed));
    loadWhileConnected(connection, load);
  }

  const of = (handleId: string, postId: string): AssignmentView | null => assignments.value.get(keyOf(handleId, postId)) ?? null;

  /** Gives the post to a member (null: nobody), or to oneself: the hub's refusal comes back as a message. */
  async function assign(handleId: string, postId: string, to: string | null | 'me'): Promise<string | null> {
    const result = to === 'me' ? await api.claimPost({ accountId: handleId, postId }) : await api.assignPost({ accountId: handleId, postId, assigneeId: to });
    if (!result.ok) return result.error.message;
    merge([result.value]);
    return null;
  }

  /** Where a case stands; the hub's refusal (a stale view, a missing permission) comes back as a message. */
  async function setStatus(handleId: string, postId: string, status: CaseStatus): Promise<string | null> {
    const result = await api.setCaseStatus({ accountId: handleId, postId, status });
    if (!result.ok) return result.error.message;
    merge([result.value]);
    return null;
  }

  /** Puts a tag on a case or takes it off; the hub's refusal comes back as a message. */
  async function tag(handleId: string, postId: string, tagName: string, on: boolean): Promise<string | null> {
    const result = await api.tagCase({ accountId: handleId, postId, tag: tagName, on });
    if (!result.ok) return result.error.message;
    merge([result.value]);
    return null;
  }

  return { assignments, of, start, load, assign, setStatus, tag };
});
