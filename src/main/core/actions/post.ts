// A new post as a brand handle (not a reply): "New post", sent now or at its scheduled time.
import type { Logger } from '../ports';
import { getAccount } from '../store/accounts';
import type { Database } from '../store/database';
import type { ActingAs } from '../x/acting-as';
import { toDeckhandError } from '../x/errors';

export async function publishPost(deps: { db: Database; actingAs: ActingAs; logger: Logger }, input: { accountId: string; text: string }): Promise<string> {
  try {
    const result = await deps.actingAs(input.accountId, (client) => client.v2.tweet(input.text));
    deps.logger.info('post sent', { accountId: input.accountId, postId: result.data.id });
    return result.data.id;
  } catch (error) {
    throw toDeckhandError(`X refused the post from @${getAccount(deps.db, input.accountId)?.username ?? input.accountId}`, error);
  }
}
