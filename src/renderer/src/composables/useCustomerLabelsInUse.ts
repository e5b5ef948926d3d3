// The labels customers carry, most used first: one list for every "Add label" menu and the
// Customers view's filter, read once and again only when a customer's labels change.
import { ref } from 'vue';
import { useBridge } from '../bridge/bridge';

const labels = ref<string[]>([]);
let started = false;

export function useCustomerLabelsInUse() {
  const { api } = useBridge();
  async function load(): Promise<void> {
    const result = await api.listCustomerLabels({});
    if (result.ok) labels.value = result.value;
  }
  if (!started) {
    started = true;
    void load();
    api.on('customerLabelsChanged', () => void load());
  }
  return { labels, load };
}
