// The account settings open from the header's "Accounts" button; one shared open state.
import { readonly, ref } from 'vue';

const open = ref(false);

export function useAccountsPanel() {
  return {
    open: readonly(open),
    show: () => void (open.value = true),
    hide: () => void (open.value = false),
  };
}
