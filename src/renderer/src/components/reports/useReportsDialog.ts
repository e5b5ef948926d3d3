// The Reports dialog opens from the header's "Reports" button; this is its one shared state.
import { dialogState } from '../../composables/useModal';

const state = dialogState();

export function useReportsDialog() {
  return state;
}
