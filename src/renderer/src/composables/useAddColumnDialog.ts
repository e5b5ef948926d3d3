// The add-column dialog opens from the header, from a mention or hashtag in a post, and from the
// "a" key; this is its one shared state, with what it should open with.
import { readonly, ref, shallowRef } from 'vue';
import type { AddColumnPreset } from '../logic/column-input';

const open = ref(false);
const preset = shallowRef<AddColumnPreset | null>(null);

export function useAddColumnDialog() {
  return {
    open: readonly(open),
    preset: readonly(preset),
    show(withPreset: AddColumnPreset | null = null): void {
      preset.value = withPreset;
      open.value = true;
    },
    hide(): void {
      open.value = false;
    },
  };
}
