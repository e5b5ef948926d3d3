// Replying to a post as a brand handle.
import { DeckhandError } from '../../../shared/errors';
import { measurePost } from '../../../shared/post-length';
import { replyRuleAllows, replyRuleRefusal } from '../../../shared/reply-rule';
import { signedText } from '../../../shared/reply-signature';
import type { DomainEvents } from '../domain-events';
import type { Logger } from '../ports';
import { getAccount } from '../store/accounts';
import type { Database } from '../store/database';
import { getPostViews } from '../store/posts';
import type { ActingAs } from '../x/acting-as';
import { toDeckhandError } from '../x/errors';
import { readReplySettings, type ReplySettingsDeps } from './reply-settings';

/**
 * The text a reply goes out with, whether X gets it from this desktop or from the team's hub:
 * signed when the handle's replies are, and refused here (as X would refuse it) when X's reply rule
 * forbids answering the post or the signature takes it over X's limit.
 */
export function prepareReply(deps: ReplySettingsDeps, input: { accountId: string; inReplyToPostId: string; text: string }): string {
  const account = getAccount(deps.db, input.accountId);
  if (!account) throw new DeckhandError('not_found', 'There is no such brand handle.');
  const settings = readReplySettings(deps, input.accountId);
  const [post] = getPostViews(deps.db, [input.inReplyToPostId]);
  // A post this desktop has not stored cannot be checked: X decides.
  if (post && settings.replyRule) {
    const quoted = post.quotedPostId ? (getPostViews(deps.db, [post.quotedPostId])[0] ?? null) : null;
    if (!replyRuleAllows({ ...post, quoted: quoted ?? undefined }, account)) throw new DeckhandError('forbidden', replyRuleRefusal(account.username));
  }
  const text = signedText(input.text, settings.signature);
  const { reason } = measurePost(text, settings.signature ? `Reply text with the signature ${settings.signature}` : 'Reply text');
  if (reason) throw new DeckhandError('invalid_input', reason);
  return text;
}

/**
 * Sends the reply; once X took it, a desktop's answered post says so on every card (`postAnswered`).
 * The hub sends through here too, and keeps no cards (no `domain`).
 */
export async function replyToPost(deps: { db: Database; actingAs: ActingAs; logger: Logger; domain?: DomainEvents }, input: { accountId: string; inReplyToPostId: string; text: string }): Promise<{ id: string; pending: false }> {
  let id: string;
  try {
    const result = await deps.actingAs(input.accountId, (client) => client.v2.reply(input.text, input.inReplyToPostId));
    id = result.data.id;
  } catch (error) {
    throw toDeckhandError(`X refused the reply from @${getAccount(deps.db, input.accountId)?.username ?? input.accountId}`, error);
  }
  deps.logger.info('reply sent', { accountId: input.accountId, postId: id, inReplyToPostId: input.inReplyToPostId });
  await deps.domain?.publish({ type: 'postAnswered', handleId: input.accountId, postId: input.inReplyToPostId, memberId: null, at: new Date().toISOString() });
  return { id, pending: false };
}
