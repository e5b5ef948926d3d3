// The outbox: what a handle sends to X (replies, direct messages, new posts, likes and reposts) is
// kept before it leaves, so it survives a restart, shows its state, and is never posted twice. New posts can wait
// for a time ("Schedule"); the Scheduled column lists what waits, what failed and what went out.
import { z } from 'zod';
import { numericId } from './ids';
import { postTextSchema } from './post-length';

/** Sends with a text, and a handle's likes and reposts (and their undoing) of the post in `target`. */
export const OUTBOX_KINDS = ['reply', 'dm', 'post', 'like', 'unlike', 'repost', 'unrepost'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export type EngagementOutboxKind = Extract<OutboxKind, 'like' | 'unlike' | 'repost' | 'unrepost'>;

/** The outbox kind of a like or repost (on) or of its undoing (off). */
export const engagementOutboxKind = (kind: 'like' | 'repost', on: boolean): EngagementOutboxKind => (on ? kind : kind === 'like' ? 'unlike' : 'unrepost');

/** queued: waits (for its time, or its turn); sending: handed to X, answer not recorded yet. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxItemView {
  id: string;
  accountId: string;
  kind: OutboxKind;
  /** A reply's post, a DM's conversation, a liked or reposted post; null for a new post. */
  target: string | null;
  text: string;
  /** When it goes out (ISO); for a send "now", when it was asked. */
  sendAt: string;
  status: OutboxStatus;
  /** X's id once sent. */
  xId: string | null;
  /** X's (or the hub's) reason when it failed. */
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  /** The team member who wrote it (a team handle's, kept by the hub); null alone. */
  memberId: string | null;
}

/** How far ahead a post can be scheduled. */
export const MAX_SCHEDULE_DAYS = 366;

export const postText = postTextSchema('Post text');

const isoTime = z.iso.datetime({ offset: true, message: 'must be a date and time such as 2026-12-04T09:30:00Z' });

export const createPostInput = z
  .object({
    accountId: numericId,
    text: postText,
    /** null: now. A time in the past is refused (the composer shows the clock it compares with). */
    sendAt: isoTime.nullable(),
  })
  .strict();
export type CreatePostInput = z.output<typeof createPostInput>;

export const outboxItemInput = z.object({ accountId: numericId, id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an outbox item id') }).strict();
export const listOutboxInput = z.object({ accountId: numericId }).strict();

/** Why a schedule time cannot be used, or null; `now` in ms. */
export function scheduleProblem(sendAt: string, now: number): string | null {
  const at = Date.parse(sendAt);
  if (Number.isNaN(at)) return 'The time to send is not a date and time.';
  if (at <= now) return 'That time has passed: choose a time ahead, or post now.';
  if (at - now > MAX_SCHEDULE_DAYS * 86_400_000) return `A post can be scheduled at most ${MAX_SCHEDULE_DAYS} days ahead.`;
  return null;
}

/** The column's order: what waits, soonest first; then failed; then sent, newest first. */
export function outboxOrder(items: readonly OutboxItemView[]): OutboxItemView[] {
  const rank = (item: OutboxItemView) => (item.status === 'sending' ? 0 : item.status === 'queued' ? 1 : item.status === 'failed' ? 2 : 3);
  return [...items].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    return a.status === 'sent' ? b.updatedAt.localeCompare(a.updatedAt) : a.sendAt.localeCompare(b.sendAt);
  });
}
