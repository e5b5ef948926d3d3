// The Alerts dialog: the member's alert rules and the e-mail digest, opened from the header.
import { dialogState } from './useModal';

const state = dialogState();

export const useAlertsDialog = () => state;
