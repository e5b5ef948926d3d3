// A handle's outbox for its Scheduled column: read through the core, again each time it changes
// (a post scheduled, sent, failed or cancelled, here or by the queue's timer).
import { computed, onBeforeUnmount, ref, shallowRef } from 'vue';
import { outboxOrder, type OutboxItemView } from '../../../shared/outbox';
import { useBridge } from '../bridge/bridge';

export function useOutbox(accountId: () => string) {
  const { api } = useBridge();
  const items = shallowRef<OutboxItemView[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    const result = await api.listOutbox({ accountId: accountId() });
    loaded.value = true;
    error.value = result.ok ? null : result.error.message;
    if (result.ok) items.value = outboxOrder(result.value);
  }

  /** Cancels a waiting post (or drops a failed send), or sends a failed one again; answers the refusal, if any. */
  async function act(action: 'cancel' | 'retry', id: string): Promise<string | null> {
    const input = { accountId: accountId(), id };
    const result = action === 'cancel' ? await api.cancelOutboxItem(input) : await api.retryOutboxItem(input);
    await load();
    return result.ok ? null : result.error.message;
  }

  const stop = api.on('outboxChanged', (payload) => {
    if (payload.accountId === accountId()) void load();
  });
  onBeforeUnmount(stop);
  const waiting = computed(() => items.value.filter((item) => item.status === 'queued' || item.status === 'sending').length);
  return { items, loaded, error, waiting, load, act };
}
