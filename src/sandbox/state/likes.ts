// Which posts each account has liked (POST/DELETE /2/users/:id/likes). Reposts need no store of
// their own: a repost is a post with retweetOfPostId, found among the account's posts.
export class LikeStore {
  private readonly byUser = new Map<string, Set<string>>();

  has(userId: string, postId: string): boolean {
    return this.byUser.get(userId)?.has(postId) ?? false;
  }

  /** True when the like is new. */
  like(userId: string, postId: string): boolean {
    let liked = this.byUser.get(userId);
    if (!liked) this.byUser.set(userId, (liked = new Set()));
    if (liked.has(postId)) return false;
    liked.add(postId);
    return true;
  }

  /** True when there was a like to remove. */
  unlike(userId: string, postId: string): boolean {
    return this.byUser.get(userId)?.delete(postId) ?? false;
  }
}
