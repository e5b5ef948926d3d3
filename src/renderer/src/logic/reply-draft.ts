// The pure part of replying: what the draft starts with, which handle answers, how long it is.
import { MAX_POST_WEIGHT, measurePost, type PostLength } from '../../../shared/post-length';
import type { Account, Column, PostView } from '../../../shared/domain';
import { signedText } from '../../../shared/reply-signature';

/** X's limit for a plain account, in characters as X counts them (URLs 23, CJK and emoji 2). */
export const REPLY_LIMIT = MAX_POST_WEIGHT;

export function replyPrefill(post: Pick<PostView, 'author'>): string {
  return `@${post.author.username} `;
}

/**
 * The draft measured as it will be sent (trimmed, then signed when replies are), with the reason
 * when X would refuse it. An empty draft stays empty: a signature alone is no reply.
 */
export function measureReply(text: string, signature: string | null = null): PostLength {
  if (!signature || text.trim() === '') return measurePost(text, 'Reply text');
  return measurePost(signedText(text, signature), `Reply text with the signature ${signature}`);
}

/** Characters left as X counts them: negative when the draft is over the limit. */
export function replyRemaining(text: string): number {
  return measureReply(text).remaining;
}

/** Why the draft cannot be sent, in the contract's own words; null when it can. */
export function replyProblem(text: string): string | null {
  return measureReply(text).reason;
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

/** A draft that is only the @mentions it was opened with says nothing to the customer yet. */
export function onlyMentions(text: string): boolean {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((word) => /^@\w{1,15}$/.test(word));
}

/** "Move to DM": the short public answer that invites the customer to continue in private. */
export function dmInvitation(post: Pick<PostView, 'author'>): string {
  return `@${post.author.username} Thanks for reaching out. We'd like to help with this in private: please send us a direct message.`;
}
