// How replies from a handle go out: signed with the agent's initials or not, and under X's reply
// rule. A team handle's signing is the team's case settings and signs with the member's display
// name; a solo handle's is this desktop's own preference, with the name the agent gave.
import { DeckhandError } from '../../../shared/errors';
import { X_REPLY_RULE } from '../../../shared/reply-rule';
import { accountReplySettingsSchema, signatureOf, type AccountReplySettings, type ReplySettings } from '../../../shared/reply-signature';
import type { TeamState } from '../../../shared/team';
import type { PreferenceStore } from '../ports';
import { getAccount } from '../store/accounts';
import type { Database } from '../store/database';

const preferenceKey = (accountId: string) => `replySettings.${accountId}`;

export interface ReplySettingsDeps {
  db: Database;
  preferences: PreferenceStore;
  team: () => TeamState;
}

/** A solo handle's saved choice; a missing or unreadable one is "not signed". */
function accountSettings(preferences: PreferenceStore, accountId: string): AccountReplySettings {
  const parsed = accountReplySettingsSchema.safeParse(preferences.get<unknown>(preferenceKey(accountId)) ?? {});
  return parsed.success ? parsed.data : { signReplies: false, signerName: '' };
}

export function readReplySettings(deps: ReplySettingsDeps, accountId: string): ReplySettings {
  const account = getAccount(deps.db, accountId);
  if (!account) throw new DeckhandError('not_found', 'There is no such brand handle.');
  if (account.fromTeam) {
    const state = deps.team();
    const signReplies = state.handles.find((handle) => handle.id === accountId)?.caseSettings?.signReplies === true;
    const signerName = state.members.find((member) => member.id === state.memberId)?.displayName ?? '';
    return { signReplies, setBy: 'team', signerName, signature: signReplies ? signatureOf(signerName) : null, replyRule: X_REPLY_RULE };
  }
  const own = accountSettings(deps.preferences, accountId);
  return { ...own, setBy: 'account', signature: own.signReplies ? signatureOf(own.signerName) : null, replyRule: X_REPLY_RULE };
}

export function saveReplySettings(deps: ReplySettingsDeps, input: { accountId: string } & AccountReplySettings): ReplySettings {
  const account = getAccount(deps.db, input.accountId);
  if (!account) throw new DeckhandError('not_found', 'There is no such brand handle.');
  if (account.fromTeam) throw new DeckhandError('invalid_input', `Whether replies from @${account.username} are signed is the team’s choice: it is in the handle’s case settings.`);
  deps.preferences.set(preferenceKey(input.accountId), { signReplies: input.signReplies, signerName: input.signerName });
  return readReplySettings(deps, input.accountId);
}
