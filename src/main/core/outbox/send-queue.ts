// The outbox of a desktop working alone (a team handle's sends go through the hub's outbox):
// every reply, direct message, new post, like and repost is written to the store before it goes to X, marked
// "sending" just before X is asked, and settled with X's answer. A process that stops between X
// taking a send and recording it leaves the item "sending": the next start looks for it at X
// (find-sent.ts) before sending again, so nothing is posted twice (a like or repost is asked
// again: X keeps one per handle and post, however often it is asked). New posts can wait for their
// time; a timer on the core's clock sends each when due, also after a restart.
import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../../../shared/clock';
import { DeckhandError } from '../../../shared/errors';
import { scheduleProblem, type OutboxItemView, type OutboxKind } from '../../../shared/outbox';
import { findSentPost, findSentReply } from '../actions/find-sent';
import { findSentDmEvent, sendDmEvent } from '../actions/dm';
import { publishPost } from '../actions/post';
import { engageAtX, markEngagement } from '../actions/post-care';
import { replyToPost } from '../actions/reply';
import type { DomainEvents } from '../domain-events';
import type { Logger } from '../ports';
import { getAccount } from '../store/accounts';
import type { Database } from '../store/database';
import {
  addOutboxItem,
  dueOutboxItems,
  getOutboxItem,
  interruptedOutboxItems,
  listOutboxItems,
  markOutboxSending,
  nextDueAt,
  postponeOutboxItem,
  removeOutboxItem,
  requeueOutboxItem,
  settleOutboxItem,
  type OutboxRecord,
} from '../store/outbox';
import type { ActingAs } from '../x/acting-as';

export interface SendQueueDeps {
  db: Database;
  actingAs: ActingAs;
  logger: Logger;
  domain: DomainEvents;
  clock: Clock;
}

/** A scheduled send that could not reach X (offline, X down) tries again this much later. */
const UNREACHABLE_RETRY_MS = 60_000;
/** The longest a timer is set for: a far schedule is re-armed on the way (timers overflow past ~24.8 days). */
const MAX_TIMER_MS = 6 * 3_600_000;

export class SendQueue {
  private timer: TimerHandle | null = null;
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private stopped = false;

  constructor(private readonly deps: SendQueueDeps) {}

  /** Settles what a stopped process left "sending", then sends what is due and waits for the rest. */
  async start(): Promise<void> {
    for (const item of interruptedOutboxItems(this.deps.db)) await this.deliver(item, true);
    await this.drain();
  }

  /** Stops the timer and waits for a send under way (its answer is recorded before the store closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.draining;
  }

  /** Sends now, kept first; answers the item as sent, or throws X's refusal (the composer keeps the draft, nothing waits). */
  async sendNow(input: { accountId: string; kind: OutboxKind; target: string | null; text: string }): Promise<OutboxItemView & { xId: string }> {
    const id = randomUUID();
    addOutboxItem(this.deps.db, { id, ...input, sendAt: this.deps.clock.now() }, this.deps.clock.now());
    const settled = await this.deliver(getOutboxItem(this.deps.db, id)!, false);
    if (settled.status === 'sent') return { ...getOutboxItem(this.deps.db, id)!, xId: settled.xId };
    // Refused at once, in front of the person who asked: the draft is theirs to fix or retry.
    removeOutboxItem(this.deps.db, id);
    await this.changed(input.accountId);
    throw settled.error;
  }

  /** A new post, kept to go out at `sendAt`. */
  async schedule(input: { accountId: string; text: string; sendAt: string }): Promise<OutboxItemView> {
    const problem = scheduleProblem(input.sendAt, this.deps.clock.now());
    if (problem) throw new DeckhandError('invalid_input', problem);
    const id = randomUUID();
    addOutboxItem(this.deps.db, { id, accountId: input.accountId, kind: 'post', target: null, text: input.text, sendAt: Date.parse(input.sendAt) }, this.deps.clock.now());
    this.logger.info('post scheduled', { accountId: input.accountId, outboxId: id, sendAt: input.sendAt });
    await this.changed(input.accountId);
    this.arm();
    return getOutboxItem(this.deps.db, id)!;
  }

  list(accountId: string): OutboxItemView[] {
    return listOutboxItems(this.deps.db, accountId);
  }

  async cancel(accountId: string, id: string): Promise<void> {
    const item = this.itemOf(accountId, id);
    if (!removeOutboxItem(this.deps.db, item.id)) throw new DeckhandError('conflict', item.status === 'sent' ? 'It went out already.' : 'It is being sent now.');
    await this.changed(accountId);
    this.arm();
  }

  async retry(accountId: string, id: string): Promise<void> {
    const item = this.itemOf(accountId, id);
    if (!requeueOutboxItem(this.deps.db, item.id, this.deps.clock.now())) throw new DeckhandError('conflict', 'Only a send that failed can be retried.');
    await this.changed(accountId);
    await this.drain();
  }

  private get logger(): Logger {
    return this.deps.logger;
  }

  private itemOf(accountId: string, id: string): OutboxRecord {
    const item = getOutboxItem(this.deps.db, id);
    if (!item || item.accountId !== accountId) throw new DeckhandError('not_found', 'That send is no longer in the outbox.');
    return item;
  }

  /** Sends every due item, oldest first; one drain at a time. */
  private drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    const run = async () => {
      do {
        this.drainAgain = false;
        for (const item of dueOutboxItems(this.deps.db, this.deps.clock.now())) {
          if (this.stopped) return;
          await this.deliver(item, false);
        }
      } while (this.drainAgain && !this.stopped);
    };
    const logged = () => run().catch((error: unknown) => this.logger.error('outbox: sending what was due failed', { error: error instanceof Error ? error.message : String(error) }));
    this.draining = logged().finally(() => {
      this.draining = null;
      this.arm();
    });
    return this.draining;
  }

  /** Sets the timer for the next due item. */
  private arm(): void {
    this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    const due = nextDueAt(this.deps.db);
    if (due === null || this.stopped) return;
    const wait = Math.min(Math.max(0, due - this.deps.clock.now()), MAX_TIMER_MS);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, wait);
  }

  /** Hands one item to X and records the answer; `interrupted`: X may have it already. */
  private async deliver(item: OutboxRecord, interrupted: boolean): Promise<{ status: 'sent'; xId: string } | { status: 'failed'; error: DeckhandError }> {
    if (!interrupted && !markOutboxSending(this.deps.db, item.id, this.deps.clock.now())) return { status: 'failed', error: new DeckhandError('conflict', 'It is being sent already.') };
    await this.changed(item.accountId);
    try {
      const xId = (interrupted ? await this.findAtX(item) : null) ?? (await this.send(item));
      settleOutboxItem(this.deps.db, item.id, { status: 'sent', xId }, this.deps.clock.now());
      await this.changed(item.accountId);
      return { status: 'sent', xId };
    } catch (caught) {
      const error = caught instanceof DeckhandError ? caught : new DeckhandError('internal', caught instanceof Error ? caught.message : String(caught));
      if (error.code === 'unavailable' && item.kind === 'post' && item.target === null && !this.isNow(item)) {
        // A scheduled post waits for X to be reachable again instead of failing while nobody watches.
        postponeOutboxItem(this.deps.db, item.id, this.deps.clock.now() + UNREACHABLE_RETRY_MS, this.deps.clock.now());
        this.logger.warn('scheduled post: X out of reach, trying again later', { outboxId: item.id, reason: error.message });
      } else {
        settleOutboxItem(this.deps.db, item.id, { status: 'failed', reason: error.message }, this.deps.clock.now());
        this.logger.warn('outbox: X refused a send', { outboxId: item.id, kind: item.kind, reason: error.message });
      }
      await this.changed(item.accountId);
      return { status: 'failed', error };
    }
  }

  /** Asked to go "now" (a reply, a DM, Post now): its time is its creation. */
  private isNow(item: OutboxRecord): boolean {
    return item.sendAt === item.createdAt;
  }

  private async send(item: OutboxRecord): Promise<string> {
    const deps = { db: this.deps.db, actingAs: this.deps.actingAs, logger: this.deps.logger, domain: this.deps.domain };
    switch (item.kind) {
      case 'reply':
        return (await replyToPost(deps, { accountId: item.accountId, inReplyToPostId: item.target!, text: item.text })).id;
      case 'dm':
        return (await sendDmEvent({ ...deps, now: () => new Date(this.deps.clock.now()) }, { accountId: item.accountId, conversationId: item.target!, text: item.text })).id;
      case 'post':
        return publishPost(deps, { accountId: item.accountId, text: item.text });
      case 'like':
      case 'unlike':
      case 'repost':
      case 'unrepost': {
        const kind = item.kind === 'like' || item.kind === 'unlike' ? 'like' : 'repost';
        const engagement = { accountId: item.accountId, postId: item.target!, kind, on: item.kind === kind } as const;
        await engageAtX(this.deps.actingAs, engagement, getAccount(this.deps.db, item.accountId)?.username ?? item.accountId);
        // Every card of the post shows it at once (also when a restart finished what a stopped process began).
        await markEngagement(this.deps, engagement);
        return item.target!; // X answers no id of its own: the post it concerns stands for it
      }
    }
  }

  private async findAtX(item: OutboxRecord): Promise<string | null> {
    const deps = { db: this.deps.db, actingAs: this.deps.actingAs, logger: this.deps.logger };
    let found: string | null;
    switch (item.kind) {
      case 'reply':
        found = await findSentReply(deps, { accountId: item.accountId, inReplyToPostId: item.target!, text: item.text });
        if (found) await this.deps.domain.publish({ type: 'postAnswered', handleId: item.accountId, postId: item.target!, memberId: null, at: new Date(this.deps.clock.now()).toISOString() });
        break;
      case 'dm':
        found = (await findSentDmEvent({ ...deps, now: () => new Date(this.deps.clock.now()) }, { accountId: item.accountId, conversationId: item.target!, text: item.text }))?.id ?? null;
        break;
      case 'post':
        found = await findSentPost(deps, { accountId: item.accountId, text: item.text });
        break;
      default:
        found = null; // a like or repost: asked again
    }
    if (found) this.logger.info('outbox: found at X after an interrupted send', { outboxId: item.id, kind: item.kind, xId: found });
    return found;
  }

  private changed(accountId: string): Promise<void> {
    return this.deps.domain.publish({ type: 'outboxChanged', accountId });
  }
}
