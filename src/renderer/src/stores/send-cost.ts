// What sending costs: X's pay-per-use prices (the sandbox's in the demo, the X app settings'
// otherwise) and each handle's spend today, for the composers and column headers. Shown spends are
// read again when the handle sends (a colleague's reply or post on a team handle too).
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

  // A reply settled (here or by a colleague through the hub), or a post went out: the header follows.
  const refreshShown = (accountId: string) => {
    if (spendByAccount.has(accountId)) void refreshSpend(accountId);
  };
  api.on('caseRepliesChanged', ({ handleId }) => refreshShown(handleId));
  api.on('outboxChanged', ({ accountId }) => refreshShown(accountId));

  async function refreshSpend(accountId: string): Promise<void> {
    const result = await api.getDaySpend({ accountId });
    if (result.ok) spendByAccount.set(accountId, result.value);
  }

  function pricesSaved(saved: SendPrices): void {
    prices.value = saved;
  }

  return { prices, spendByAccount, loadPrices, costOf, refreshSpend, pricesSaved };
});
