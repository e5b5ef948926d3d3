// The pure part of replying: what the draft starts with, which handle answers, how long it is.
import { replyText } from '../../../shared/contract';
import type { Account, Column, PostView } from '../../../shared/domain';

/** X's limit for a plain account, counted in code points like the contract's `replyText`. */
export const REPLY_LIMIT = 280;

export function replyPrefill(post: Pick<PostView, 'author'>): string {
  return `@${post.author.username} `;
}

/** Code points the reply will be sent with (the contract trims the text first). */
export function replyLength(text: string): number {
  return Array.from(text.trim()).length;
}

export function replyRemaining(text: string): number {
  return REPLY_LIMIT - replyLength(text);
}

/** Why the draft cannot be sent, in the contract's own words; null when it can. */
export function replyProblem(text: string): string | null {
  const parsed = replyText.safeParse(text);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'The reply is not valid');
}

/**
 * The handle the post was addressed to: the one it replies to, else the first of ours it
 * mentions, else the column's own account. Only connected accounts can answer.
 */
export function defaultReplyAccountId(post: PostView, column: Pick<Column, 'accountId'> | null, accounts: readonly Account[]): string | null {
  const usable = accounts.filter((account) => account.status === 'connected');
  const byUsername = new Map(usable.map((account) => [account.username.toLowerCase(), account]));
  const addressed =
    usable.find((account) => account.id === post.inReplyToUserId) ??
    post.entities.mentions.map((mention) => byUsername.get(mention.username.toLowerCase())).find((account) => account !== undefined) ??
    usable.find((account) => account.id === column?.accountId);
  return (addressed ?? usable[0])?.id ?? null;
}
