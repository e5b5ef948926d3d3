// What a brand handle's work changes on a post, kept in the store and shown at once on every card
// of it: answered (a reply went out, from this desktop or a team member's through the hub: one
// `postAnswered` domain event either way), liked, reposted. Likes and reposts of this desktop's own
// handles go through its outbox; a team handle's through the team's hub (its outbox sends them,
// and every member's replica marks the post when X took them).
import type { Engagement, PostView } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import { engagementOutboxKind, type EngagementOutboxKind } from '../../../shared/outbox';
import type { DomainEvents } from '../domain-events';
import type { Logger } from '../ports';
import { getAccount } from '../store/accounts';
import { listColumns } from '../store/columns';
import type { Database } from '../store/database';
import { columnsHolding, getPostViews, recordAnswer, setEngagement, withQuoted } from '../store/posts';
import type { ActingAs } from '../x/acting-as';
import { toDeckhandError } from '../x/errors';

/** Who answered, as a card says it: "Answered by you" on a desktop alone. */
export const SOLO_ANSWERER = 'you';

/**
 * Sends the posts' new views to every column showing them: those that file them, and the handle's
 * archive and case columns (which find posts by query, not by filing). A column that does not
 * show one of them ignores it.
 */
export async function announcePosts(deps: { db: Database; domain: DomainEvents }, postIds: readonly string[], handleId: string): Promise<void> {
  const posts = withQuoted(deps.db, getPostViews(deps.db, postIds));
  if (posts.length === 0) return;
  const filing = new Set(columnsHolding(deps.db, postIds));
  for (const column of listColumns(deps.db)) {
    const finds = column.accountId === handleId && (column.kind === 'archive' || column.kind === 'cases');
    if (filing.has(column.id) || finds) await deps.domain.publish({ type: 'postsUpdated', columnId: column.id, posts });
  }
}

/** Marks each answered post (who, when, one more reply) and announces it; returns the unsubscriber. */
export function watchAnswers(deps: { db: Database; domain: DomainEvents; memberName(memberId: string): string }): () => void {
  return deps.domain.on('postAnswered', async ({ handleId, postId, memberId, at }) => {
    const by = memberId === null ? SOLO_ANSWERER : deps.memberName(memberId);
    if (recordAnswer(deps.db, postId, { by, at })) await announcePosts(deps, [postId], handleId);
  });
}

export interface EngageDeps {
  db: Database;
  logger: Logger;
  /** Through the desktop's outbox: kept before it goes, sent, and settled (throws X's refusal). */
  send(input: { accountId: string; kind: EngagementOutboxKind; target: string }): Promise<unknown>;
}

export interface EngageInput {
  accountId: string;
  postId: string;
  kind: Engagement;
  on: boolean;
}

/** The X call of a like or repost (or its undoing) as the handle; X's refusal as a DeckhandError in X's words. */
export async function engageAtX(actingAs: ActingAs, input: EngageInput, handleName: string): Promise<void> {
  try {
    await actingAs(input.accountId, async (client, acting): Promise<void> => {
      if (input.kind === 'like') await (input.on ? client.v2.like(acting.id, input.postId) : client.v2.unlike(acting.id, input.postId));
      else await (input.on ? client.v2.retweet(acting.id, input.postId) : client.v2.unretweet(acting.id, input.postId));
    });
  } catch (error) {
    throw toDeckhandError(`X refused the ${input.kind} from @${handleName}`, error);
  }
}

/** Marks the post liked or reposted by the handle (or not), counts moved, on every card of it. */
export async function markEngagement(deps: { db: Database; domain: DomainEvents }, input: EngageInput): Promise<void> {
  if (setEngagement(deps.db, input.postId, input.accountId, input.kind, input.on)) await announcePosts(deps, [input.postId], input.accountId);
}

/** The post as this desktop holds it now. */
export function heldPost(db: Database, postId: string): PostView {
  const [post] = withQuoted(db, getPostViews(db, [postId]));
  if (!post) throw new DeckhandError('not_found', 'This desktop does not hold that post.');
  return post;
}

/**
 * Likes or reposts a post as one of this desktop's own handles, or undoes it, through the outbox
 * (which marks the post once X took it); answers the post as it is now.
 */
export async function engagePost(deps: EngageDeps, input: EngageInput): Promise<PostView> {
  const { db } = deps;
  if (getAccount(db, input.accountId)?.fromTeam) throw new DeckhandError('invalid_input', 'A team handle likes and reposts through the team’s hub.');
  heldPost(db, input.postId);
  await deps.send({ accountId: input.accountId, kind: engagementOutboxKind(input.kind, input.on), target: input.postId });
  deps.logger.info(`post ${input.kind} ${input.on ? 'done' : 'undone'}`, { accountId: input.accountId, postId: input.postId });
  return heldPost(db, input.postId);
}
