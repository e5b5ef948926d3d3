// The New post dialog: one, opened from the header or a Scheduled column (for its handle).
import { ref } from 'vue';
import { dialogState } from './useModal';

const state = dialogState();
/** The handle the dialog opens on; null: the first the member may post from. */
const preferredAccountId = ref<string | null>(null);

export const useNewPostDialog = () => ({
  ...state,
  preferredAccountId,
  showFor(accountId: string | null) {
    preferredAccountId.value = accountId;
    state.show();
  },
});
