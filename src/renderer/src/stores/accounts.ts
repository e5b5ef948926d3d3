// The brand handles this workspace acts as: which one the agent works as now (the header's
// switcher), connecting one in the browser, removing one.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Account, AccountConnectResult, AccountConnectStart, AccountDataChoice } from '../../../shared/domain';
import type { Envelope } from '../../../shared/errors';
import { useBridge } from '../bridge/bridge';
import { openSignInPage } from '../components/account/sign-in-page';

export const useAccountsStore = defineStore('accounts', () => {
  const { api } = useBridge();
  const accounts = ref<Account[]>([]);
  const byId = computed(() => new Map(accounts.value.map((account) => [account.id, account])));
  const connected = computed(() => accounts.value.filter((account) => account.status === 'connected'));

  /** "@AcmeAir", or a plain description when the account is gone. */
  function handleOf(accountId: string | null): string {
    const account = accountId ? byId.value.get(accountId) : undefined;
    return account ? `@${account.username}` : 'an account that is no longer connected';
  }

  /** The handle chosen in the header's switcher: the default for new columns and compose. */
  const chosenId = ref<string | null>(null);
  const usable = computed(() => accounts.value.filter((account) => account.status !== 'removed'));
  const current = computed(() => connected.value.find((account) => account.id === chosenId.value) ?? connected.value[0] ?? null);

  function choose(accountId: string): void {
    chosenId.value = accountId;
  }

  function receive(list: Account[]): void {
    accounts.value = list;
  }

  // Connecting: the sign-in runs in the browser; its end arrives as an event.
  const connecting = ref<AccountConnectStart | null>(null);
  const lastConnect = ref<AccountConnectResult | null>(null);

  async function startConnect(): Promise<string | null> {
    lastConnect.value = null;
    const result = await api.startAccountConnect({});
    if (!result.ok) return result.error.message;
    connecting.value = result.value;
    if (!result.value.openedExternally) openSignInPage(result.value.authorizeUrl);
    return null;
  }

  async function cancelConnect(): Promise<void> {
    const flow = connecting.value;
    connecting.value = null;
    if (flow) await api.cancelAccountConnect({ flowId: flow.flowId });
  }

  api.on('accountConnectFinished', (result) => {
    // A refused callback (wrong state) belongs to no flow, but the agent should still see it.
    if (result.flowId !== null && connecting.value && result.flowId !== connecting.value.flowId) return;
    if (result.ok || result.flowId !== null) connecting.value = null;
    lastConnect.value = result;
    if (result.ok && result.account && !chosenId.value) chosenId.value = result.account.id;
  });

  function remove(accountId: string, data: AccountDataChoice): Promise<Envelope<null>> {
    return api.removeAccount({ accountId, data });
  }

  /** Returns why the list could not be loaded, or null. */
  async function load(): Promise<string | null> {
    const result = await api.listAccounts({});
    if (!result.ok) return result.error.message;
    receive(result.value);
    return null;
  }

  return {
    accounts,
    byId,
    connected,
    usable,
    current,
    handleOf,
    choose,
    receive,
    load,
    connecting,
    lastConnect,
    startConnect,
    cancelConnect,
    remove,
  };
});
