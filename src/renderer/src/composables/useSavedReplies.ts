// A handle's saved replies for the composer and the editor: read through the core (the team's on
// a team handle, this desktop's otherwise), again when the team's view or the list changes.
import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import type { SavedReply } from '../../../shared/saved-replies';
import { useBridge } from '../bridge/bridge';
import { dialogState } from './useModal';

/** Bumped when this desktop saves a list: every open picker reads its handle's list again. */
const savedCount = ref(0);
const dialog = dialogState();
/** The handle whose saved replies the editor shows. */
const editing = ref<string | null>(null);

export function useSavedRepliesDialog() {
  return {
    ...dialog,
    accountId: editing,
    /** Opens the editor on a handle's saved replies. */
    openFor(accountId: string): void {
      editing.value = accountId;
      dialog.show();
    },
  };
}

export function useSavedReplies(accountId: Readonly<Ref<string | null>>) {
  const { api } = useBridge();
  const replies = shallowRef<SavedReply[]>([]);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    const id = accountId.value;
    if (!id) {
      replies.value = [];
      return;
    }
    const result = await api.listSavedReplies({ accountId: id });
    if (accountId.value !== id) return;
    error.value = result.ok ? null : result.error.message;
    replies.value = result.ok ? result.value : [];
  }

  /** Saves the handle's list, whole; the refusal (a missing permission, a bad variable) comes back as a message. */
  async function save(next: SavedReply[]): Promise<string | null> {
    const id = accountId.value;
    if (!id) return 'Choose a handle first';
    const result = await api.saveSavedReplies({ accountId: id, replies: next });
    if (!result.ok) return result.error.message;
    replies.value = result.value;
    savedCount.value += 1;
    return null;
  }

  watch([accountId, savedCount], () => void load(), { immediate: true });
  const stop = api.on('teamChanged', () => void load());
  onBeforeUnmount(stop);
  return { replies, error, load, save };
}
