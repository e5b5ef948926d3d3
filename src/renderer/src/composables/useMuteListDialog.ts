// The dialog that edits the global mute list.
import { dialogState } from './useModal';

const state = dialogState();

export const useMuteListDialog = () => state;
