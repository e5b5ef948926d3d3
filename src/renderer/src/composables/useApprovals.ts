// A team handle's approval queue for its column: read from the hub through the core, again each
// time the hub says it changed (a reply submitted, approved or rejected).
import { onBeforeUnmount, ref, shallowRef } from 'vue';
import type { ApprovalItem } from '../../../shared/team';
import { useBridge } from '../bridge/bridge';

export function useApprovals(accountId: () => string) {
  const { api } = useBridge();
  const items = shallowRef<ApprovalItem[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    const result = await api.listApprovals({ accountId: accountId() });
    loaded.value = true;
    error.value = result.ok ? null : result.error.message;
    if (result.ok) items.value = result.value;
  }

  /** Approves (with the approver's edit) or rejects (with a note); the hub's refusal comes back as a message. */
  async function decide(approvalId: string, approve: boolean, text: string, note: string): Promise<string | null> {
    const result = await api.decideApproval({ accountId: accountId(), approvalId, approve, ...(approve ? { text } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
    await load();
    return result.ok ? null : result.error.message;
  }

  const stop = api.on('approvalsChanged', ({ handleId }) => {
    if (handleId === accountId()) void load();
  });
  onBeforeUnmount(stop);
  return { items, loaded, error, load, decide };
}
