// What sending costs: X's pay-per-use prices (the sandbox's in the demo, the X app settings'
// otherwise) and each handle's spend today from this desktop, for the composers and column headers.
import { defineStore } from 'pinia';
import { reactive, shallowRef } from 'vue';
import { priceOf, type HandleDaySpend, type SendCost, type SendKind, type SendPrices } from '../../../shared/send-cost';
import { useBridge } from '../bridge/bridge';

export const useSendCostStore = defineStore('send-cost', () => {
  const { api } = useBridge();
  /** Null until the core answers (the composer then shows no cost rather than a wrong one). */
  const prices = shallowRef<SendPrices | null>(null);
  const spendByAccount = reactive(new Map<string, HandleDaySpend>());

  /** Read again whenever a composer opens: the operator may have changed them in the settings. */
  async function loadPrices(): Promise<void> {
    const result = await api.getSendPrices({});
    if (result.ok) prices.value = result.value;
  }

  function costOf(kind: SendKind, text: string): SendCost | null {
    return prices.value ? priceOf(prices.value.prices, kind, text) : null;
  }

  async function refreshSpend(accountId: string): Promise<void> {
    const result = await api.getDaySpend({ accountId });
    if (result.ok) spendByAccount.set(accountId, result.value);
  }

  function pricesSaved(saved: SendPrices): void {
    prices.value = saved;
  }

  return { prices, spendByAccount, loadPrices, costOf, refreshSpend, pricesSaved };
});
