// A post's conversation and its author as a customer, from this desktop's store (the archive keeps
// everything the columns received): offline, and the same in solo mode and in a team.
import { labelsOf } from './customer-labels';
import type { ConversationView, CustomerView, PostView } from '../../../shared/domain';
import { oneToOneConversationId } from '../../../shared/ids';
import { getDmEventViews } from './dm-events';
import { getPostViews, POST_VIEW_COLUMNS, toPostView, withQuoted, type PostRow } from './posts';
import type { Database } from './database';
import { statement } from './statements';

/** How far up a reply chain the view walks, and how many posts of a conversation it shows. */
const MAX_ANCESTORS = 50;
const MAX_REPLIES = 500;
const CUSTOMER_POSTS = 20;
const CUSTOMER_DMS = 20;

/** The conversation of `postId`, or null when this desktop does not hold the post. */
export function conversationOf(db: Database, postId: string): Omit<ConversationView, 'senders'> | null {
  const [focus] = getPostViews(db, [postId]);
  if (!focus) return null;
  const ancestors: PostView[] = [];
  let reachesRoot = true;
  for (let parentId = focus.inReplyToPostId; parentId && ancestors.length < MAX_ANCESTORS; ) {
    const [parent] = getPostViews(db, [parentId]);
    if (!parent) {
      reachesRoot = false;
      break;
    }
    ancestors.unshift(parent);
    parentId = parent.inReplyToPostId;
  }
  const shown = new Set([focus.id, ...ancestors.map((post) => post.id)]);
  const rows = focus.conversationId
    ? (statement(db, `SELECT ${POST_VIEW_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id WHERE p.conversation_id = ? ORDER BY p.id LIMIT ?`).all(focus.conversationId, MAX_REPLIES) as PostRow[])
    : [];
  const replies = rows.map(toPostView).filter((post) => !shown.has(post.id));
  return { focus: withQuoted(db, [focus])[0] ?? focus, ancestors: withQuoted(db, ancestors), reachesRoot, replies: withQuoted(db, replies) };
}

/** The id of the X user this desktop knows by that username (X's usernames ignore case), or null. */
export function userIdByUsername(db: Database, username: string): string | null {
  const row = statement(db, 'SELECT CAST(id AS TEXT) AS id FROM users WHERE username = ? COLLATE NOCASE ORDER BY updated_at DESC LIMIT 1').get(username) as { id: string } | undefined;
  return row?.id ?? null;
}

/** What this desktop knows of an X user as the handle's customer; null when it has never seen them. */
export function customerOf(db: Database, handleId: string, userId: string): CustomerView | null {
  const rows = statement(db, `SELECT ${POST_VIEW_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id WHERE p.author_id = ? ORDER BY p.id DESC LIMIT ?`).all(userId, CUSTOMER_POSTS) as PostRow[];
  const user = statement(db, 'SELECT CAST(id AS TEXT) AS id, username, name, avatar_url, verified, followers_count, bio, joined_at FROM users WHERE id = ?').get(userId) as
    | { id: string; username: string; name: string; avatar_url: string | null; verified: number; followers_count: number; bio: string | null; joined_at: string | null }
    | undefined;
  if (!user) return null;
  const dmIds = statement(db, 'SELECT CAST(id AS TEXT) AS id FROM dm_events WHERE conversation_id = ? ORDER BY id DESC LIMIT ?').all(oneToOneConversationId(userId, handleId), CUSTOMER_DMS) as { id: string }[];
  return {
    author: {
      id: user.id,
      username: user.username,
      name: user.name,
      avatarUrl: user.avatar_url,
      verified: user.verified === 1,
      followersCount: user.followers_count,
      ...(user.bio ? { bio: user.bio } : {}),
      ...(user.joined_at ? { joinedAt: user.joined_at } : {}),
    },
    labels: labelsOf(db, user.id),
    posts: withQuoted(db, rows.map(toPostView)),
    dms: getDmEventViews(db, dmIds.map((row) => row.id)),
  };
}
