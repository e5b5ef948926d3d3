// The Customers view: one dialog, opened from the header.
import { dialogState } from './useModal';

const state = dialogState();

export const useCustomersDialog = () => state;
