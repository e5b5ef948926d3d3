// One behaviour for every modal <dialog> of the deck: a shared open state anyone can flip, the
// native modal (focus trap, Escape) while open, and focus back to the opener when it closes.
import { nextTick, readonly, ref, watch, type Ref, type ShallowRef } from 'vue';
import { useFocusReturn } from './useFocusReturn';

export interface DialogState {
  open: Readonly<Ref<boolean>>;
  show(): void;
  hide(): void;
}

/** A dialog's open state, shared by every component that imports it. */
export function dialogState(): DialogState {
  const open = ref(false);
  return {
    open: readonly(open),
    show: () => void (open.value = true),
    hide: () => void (open.value = false),
  };
}

/**
 * Shows `element` as a modal while `state.open`; `onOpen` runs once it is shown (to focus a field).
 * Returns the handler for the dialog's `close` event (Escape, a Cancel button, or success).
 */
export function useModal(element: Readonly<ShallowRef<HTMLDialogElement | null>>, state: DialogState, onOpen?: () => void): () => void {
  const focus = useFocusReturn();
  watch(state.open, async (open) => {
    const box = element.value;
    if (!box) return;
    if (open && !box.open) {
      focus.capture();
      box.showModal();
      await nextTick();
      onOpen?.();
    } else if (!open && box.open) {
      box.close();
    }
  });
  return () => {
    state.hide();
    focus.restore();
  };
}
