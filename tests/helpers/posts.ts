// Plain PostView values for unit tests of code that only reads posts.
import { EMPTY_ENTITIES, type Post, type PostView } from '../../src/shared/domain';

export function postView(fields: Partial<PostView> = {}, author: Partial<PostView['author']> = {}): PostView {
  return {
    id: '1',
    text: 'My flight is delayed again',
    createdAt: '2026-11-25T09:00:00.000Z',
    authorId: '7',
    conversationId: null,
    inReplyToUserId: null,
    inReplyToPostId: null,
    lang: 'en',
    entities: EMPTY_ENTITIES,
    quotedPostId: null,
    repostOfId: null,
    metrics: null,
    media: [],
    ...fields,
    author: { id: '7', username: 'maria_flies', name: 'Maria Flies', avatarUrl: null, verified: false, followersCount: 3, ...author },
  };
}

/** A stored post (no author view) with `id` and `text`, as the ingestor and the store take it. */
export function storedPost(id: string, text = `post ${id}`, fields: Partial<Post> = {}): Post {
  const { author: _author, ...post } = postView({ id, text, conversationId: id, authorId: '42', ...fields });
  return post;
}
