// The "?" dialog that lists the keyboard shortcuts.
import { dialogState } from './useModal';

const state = dialogState();

export const useShortcutsDialog = () => state;
