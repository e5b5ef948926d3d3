// Replying to a post as a brand handle.
import type { Logger } from '../ports';
import { getAccount } from '../store/accounts';
import type { Database } from '../store/database';
import type { ActingAs } from '../x/acting-as';
import { toDeckhandError } from '../x/errors';

export async function replyToPost(deps: { db: Database; actingAs: ActingAs; logger: Logger }, input: { accountId: string; inReplyToPostId: string; text: string }): Promise<{ id: string; pending: false }> {
  try {
    const result = await deps.actingAs(input.accountId, (client) => client.v2.reply(input.text, input.inReplyToPostId));
    deps.logger.info('reply sent', { accountId: input.accountId, postId: result.data.id, inReplyToPostId: input.inReplyToPostId });
    return { id: result.data.id, pending: false };
  } catch (error) {
    throw toDeckhandError(`X refused the reply from @${getAccount(deps.db, input.accountId)?.username ?? input.accountId}`, error);
  }
}
