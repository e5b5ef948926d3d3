// What this desktop asks of its team's hub goes through a durable outbox: written to the local
// store first with its mutation id, then pushed in order whenever the hub is reachable. Offline,
// an intent waits as "pending" (across restarts too); on reconnect each is applied or refused,
// and a refusal stays, with the hub's reason, until the member dismisses it. Pushing the same
// mutation id again is safe: the hub answers a known id with its recorded result.
import { DeckhandError } from '../../../shared/errors';
import type { IntentName } from '../../../shared/hub-intents';
import type { Mutation } from '../../../shared/hub-protocol';
import type { TeamOutboxItem } from '../../../shared/team';
import type { Logger } from '../ports';
import type { Database } from '../store/database';
import { addToOutbox, clearOutbox, listOutbox, markRefused, removeFromOutbox } from '../store/team-outbox';
import type { WireMutationResult } from './hub-wire';

export interface TeamOutboxDeps {
  db: Database;
  logger: Logger;
  nextMutationId(): number;
  /** Pushes one mutation; throws (DeckhandError 'unavailable') when the hub cannot be reached now. */
  push(mutation: Mutation): Promise<WireMutationResult>;
  /** The outbox changed (the team state carries it). */
  changed(): void;
}

/** An applied intent's answer can still be a failure (X refused a reply the hub sent): its reason, or null. */
export type FailureOf = (result: unknown) => string | null;

export type Submitted = { outcome: 'applied'; result: unknown } | { outcome: 'pending' };

export class TeamOutbox {
  /** Answers of intents applied during a flush, for the submit waiting on them. */
  private readonly answers = new Map<number, unknown>();
  private flushing: Promise<void> | null = null;
  private flushAgain = false;

  constructor(
    private readonly deps: TeamOutboxDeps,
    private readonly failureOf: Partial<Record<IntentName, FailureOf>> = {},
  ) {}

  items(): TeamOutboxItem[] {
    return listOutbox(this.deps.db).map(({ args: _args, ...item }) => item);
  }

  /**
   * Keeps the intent, then pushes what waits. Answers the result once applied, or `pending` when
   * the hub cannot be reached; a refusal (of the hub, or of X through it) is thrown, not kept:
   * the member who just asked sees it where they asked.
   */
  async submit(intent: IntentName, args: object, summary: string): Promise<Submitted> {
    const id = this.deps.nextMutationId();
    addToOutbox(this.deps.db, { id, intent, args, summary });
    this.deps.changed();
    await this.flush();
    if (this.answers.has(id)) {
      const result = this.answers.get(id);
      this.answers.delete(id);
      return { outcome: 'applied', result };
    }
    const item = listOutbox(this.deps.db).find((candidate) => candidate.id === id);
    if (item?.status === 'refused') {
      removeFromOutbox(this.deps.db, id);
      this.deps.changed();
      throw new DeckhandError(item.reason?.startsWith('Refused') ? 'forbidden' : 'conflict', item.reason ?? 'The hub refused it.');
    }
    return { outcome: 'pending' };
  }

  /** Pushes every pending intent, oldest first, until the hub cannot be reached. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    const run = async () => {
      do {
        this.flushAgain = false;
        await this.pushPending();
      } while (this.flushAgain);
    };
    this.flushing = run().finally(() => (this.flushing = null));
    return this.flushing;
  }

  dismiss(id: number): void {
    const item = listOutbox(this.deps.db).find((candidate) => candidate.id === id);
    if (!item) throw new DeckhandError('not_found', 'That item is no longer in the outbox.');
    if (item.status === 'pending') throw new DeckhandError('conflict', 'It is still waiting for the hub; only a refused item can be dismissed.');
    removeFromOutbox(this.deps.db, id);
    this.deps.changed();
  }

  /** Leaving the team: nothing is sent to it any more. */
  clear(): void {
    clearOutbox(this.deps.db);
    this.answers.clear();
    this.deps.changed();
  }

  private async pushPending(): Promise<void> {
    for (const item of listOutbox(this.deps.db)) {
      if (item.status !== 'pending') continue;
      let result: WireMutationResult;
      try {
        result = await this.deps.push({ id: item.id, name: item.intent, args: item.args });
      } catch (error) {
        if (error instanceof DeckhandError && error.code === 'unavailable') return; // offline: it waits
        throw error;
      }
      if (result.outcome === 'error') return; // the hub failed before recording it: the same id later
      if (result.outcome === 'refused') {
        markRefused(this.deps.db, item.id, result.reason);
      } else {
        const failure = this.failureOf[item.intent as IntentName]?.(result.result) ?? null;
        if (failure) markRefused(this.deps.db, item.id, failure);
        else {
          removeFromOutbox(this.deps.db, item.id);
          this.answers.set(item.id, result.result);
        }
      }
      this.deps.logger.info('team outbox: the hub answered', { mutationId: item.id, intent: item.intent, outcome: result.outcome });
      this.deps.changed();
    }
  }
}
