// A handle's saved replies: on a team handle they are the team's, kept at the hub (and read from
// this desktop's copy of the team's view); on a handle of this desktop's own, a preference here.
import { DeckhandError } from '../../../shared/errors';
import { savedRepliesFrom, type SavedReply } from '../../../shared/saved-replies';
import type { CommandHandlers } from '../rpc/dispatcher';
import type { PreferenceStore } from '../ports';
import { getAccount } from '../store/accounts';
import type { Database } from '../store/database';
import type { TeamLink } from '../team/team-link';

const preferenceKey = (accountId: string) => `savedReplies.${accountId}`;

export function savedReplyCommands(deps: { db: Database; preferences: PreferenceStore; team: TeamLink }): Pick<CommandHandlers, 'listSavedReplies' | 'saveSavedReplies'> {
  const { db, preferences, team } = deps;
  const accountOf = (accountId: string) => {
    const account = getAccount(db, accountId);
    if (!account) throw new DeckhandError('not_found', `There is no account ${accountId} on this desktop.`);
    return account;
  };
  const teamReplies = (handleId: string): SavedReply[] => team.state().handles.find((handle) => handle.id === handleId)?.savedReplies ?? [];
  return {
    listSavedReplies: (input) => (accountOf(input.accountId).fromTeam ? teamReplies(input.accountId) : savedRepliesFrom(preferences.get<unknown>(preferenceKey(input.accountId)))),
    saveSavedReplies: async (input) => {
      if (accountOf(input.accountId).fromTeam) {
        await team.work.saveSavedReplies(input.accountId, input.replies);
        return teamReplies(input.accountId);
      }
      preferences.set(preferenceKey(input.accountId), input.replies);
      return input.replies;
    },
  };
}
