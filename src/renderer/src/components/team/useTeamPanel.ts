// The Team settings open from the header's "Team" button; one shared open state.
import { dialogState } from '../../composables/useModal';

const state = dialogState();

export const useTeamPanel = () => state;
