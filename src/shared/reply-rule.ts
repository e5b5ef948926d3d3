// X's reply rule: since 23 February 2026 an app on a self-serve plan (pay-per-use, basic, pro)
// may reply to a post only when the post is the replying account's own, @mentions it, or quotes
// one of its posts; X refuses anything else with 403. The composer warns before Send and the
// core refuses the same replies, so an agent learns why before X answers.
import type { PostView } from './domain';

/**
 * Whether the X app replies under the rule. X's API does not tell an app its plan, and every plan
 * an app can sign up for by itself has the rule, so Deckhand assumes it.
 */
export const X_REPLY_RULE = true;

/** The handle that replies: its X user id and username. */
export interface ReplyingHandle {
  id: string;
  username: string;
}

/** What the rule looks at in the post being answered. */
export type RuledPost = Pick<PostView, 'authorId' | 'entities' | 'quotedPostId'> & {
  author?: Pick<PostView['author'], 'username'>;
  quoted?: Pick<PostView, 'authorId'> | null;
};

const sameName = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();

/**
 * Whether X lets the handle reply to the post under the rule: its own post, a post that @mentions
 * it, or one quoting its post. A quoted post this desktop has not stored cannot be checked: X decides.
 */
export function replyRuleAllows(post: RuledPost, handle: ReplyingHandle): boolean {
  if (post.authorId === handle.id || (post.author && sameName(post.author.username, handle.username))) return true;
  if (post.entities.mentions.some((mention) => sameName(mention.username, handle.username))) return true;
  if (post.quotedPostId === null) return false;
  return post.quoted ? post.quoted.authorId === handle.id : true;
}

/** Why X will refuse the reply, in words for the agent. */
export function replyRuleRefusal(username: string): string {
  return `X will refuse this reply because the post did not mention or quote @${username} (X's reply rule for self-serve apps since 23 February 2026).`;
}
