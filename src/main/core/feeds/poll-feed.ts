// Polled columns: one scheduler job per column on its handle's budget for the endpoint (recent
// search, mentions, a user's posts, DM events). The cursor moves only after a whole run, so a
// run cut short (429, error, crash) is redone from the same since_id: nothing is skipped.
// A dated search asks X for its dates only; once they have passed and a run has fetched their
// last posts, the column is complete and its polling stops (it keeps what it holds).
import { ApiResponseError } from 'twitter-api-v2';
import type { Clock } from '../../../shared/clock';
import type { ColumnSourceState } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import { RECENT_SEARCH_HINT, recentSearchWindow } from '../../../shared/query-builder';
import type { Ingestor } from '../ingest/ingestor';
import type { Logger } from '../ports';
import { getCursor } from '../store/cursors';
import type { Database } from '../store/database';
import type { ActingAs } from '../x/acting-as';
import { describeXError } from '../x/errors';
import { pollDmEvents, pollPosts, type PostSource, type SearchBounds } from './pollers';
import type { Endpoint, JobContext, Scheduler } from './scheduler';

export type PollSource = PostSource | { endpoint: 'dmEvents' };

export interface PolledColumn {
  id: string;
  accountId: string;
  source: PollSource;
}

export interface PollFeedDeps {
  db: Database;
  ingestor: Ingestor;
  scheduler: Scheduler;
  actingAs: ActingAs;
  logger: Logger;
  /** Least time between two polls of one column; the budget usually spaces them more. */
  intervalMs: number;
  clock: Clock;
  /** `checkedAt` (epoch ms): when a DMs column's last poll succeeded, so its header can say how fresh it is. */
  onStatus(columnId: string, state: ColumnSourceState, message: string | null, checkedAt?: number): void;
}

const ENDPOINT_NAMES: Record<Endpoint, string> = {
  search: 'recent search',
  mentions: 'mentions',
  userPosts: "a user's posts",
  dmEvents: 'direct messages',
};

const jobId = (columnId: string) => `poll:${columnId}`;

const DATES_PASSED = 'These dates have passed: the column holds what X had for them, and nothing new arrives';
const DATES_OUT_OF_REACH = `${RECENT_SEARCH_HINT}, and these dates are older: the column keeps what it holds, and nothing new arrives`;

export class PollFeed {
  private readonly columns = new Map<string, PolledColumn>();
  /** Dated searches that are complete, and why: not polled again until they change. */
  private readonly finished = new Map<string, string>();

  constructor(private readonly deps: PollFeedDeps) {}

  has(columnId: string): boolean {
    return this.columns.has(columnId);
  }

  add(column: PolledColumn, paused: boolean): void {
    this.columns.set(column.id, column);
    this.deps.scheduler.add({
      id: jobId(column.id),
      budget: { endpoint: column.source.endpoint, scope: { accountId: column.accountId } },
      intervalMs: this.deps.intervalMs,
      run: (context) => this.poll(column, context),
      enabled: !paused,
    });
    if (!paused) this.deps.onStatus(column.id, 'polling', null);
  }

  remove(columnId: string): void {
    this.columns.delete(columnId);
    this.finished.delete(columnId);
    this.deps.scheduler.remove(jobId(columnId));
  }

  /** How often the column is polled at least (DMs: slowly while the Activity stream feeds them). */
  setPace(columnId: string, intervalMs: number): void {
    this.deps.scheduler.setInterval(jobId(columnId), intervalMs);
  }

  /** Polls the column at the next chance its budget gives (something may have been missed). */
  hurry(columnId: string): void {
    this.deps.scheduler.hurry(jobId(columnId));
  }

  /** Pausing keeps the cursor: the first poll after resuming fetches everything since. */
  setPaused(columnId: string, paused: boolean): void {
    this.deps.scheduler.setEnabled(jobId(columnId), !paused);
    if (!paused) this.deps.scheduler.hurry(jobId(columnId));
  }

  private async poll(column: PolledColumn, context: JobContext): Promise<void> {
    const { db, ingestor } = this.deps;
    const live = () => this.columns.get(column.id) === column;
    const finished = this.finished.get(column.id);
    if (finished !== undefined) return this.finish(column.id, finished); // resumed after a pause: still complete
    const window = column.source.endpoint === 'search' && column.source.range ? recentSearchWindow(column.source.range, this.deps.clock.now()) : null;
    if (window?.kind === 'ended') return this.finish(column.id, DATES_OUT_OF_REACH);
    if (window?.kind === 'waiting') return;
    const bounds: SearchBounds | null = window?.kind === 'search' ? window : null;
    try {
      const newest = await this.deps.actingAs(column.accountId, (client) => {
        const since = getCursor(db, column.id);
        return column.source.endpoint === 'dmEvents'
          ? pollDmEvents(client, since, context, (batch) => {
              if (live()) ingestor.ingestDms({ columnId: column.id, events: batch.events, authors: batch.authors });
            })
          : pollPosts(
              client,
              column.source,
              since,
              context,
              (batch) => {
                if (!live()) return;
                const routes = new Map(batch.posts.map((p) => [p.id, [column.id]]));
                ingestor.ingest({ posts: batch.posts, referenced: batch.referenced, authors: batch.authors, routes });
              },
              bounds,
            );
      });
      if (!live()) return;
      if (newest) ingestor.moveCursors(new Map([[column.id, newest]]));
      if (window?.kind === 'search' && window.final) return this.finish(column.id, DATES_PASSED);
      this.deps.onStatus(column.id, 'polling', null, column.source.endpoint === 'dmEvents' ? this.deps.clock.now() : undefined);
    } catch (error) {
      if (!live()) return;
      this.failed(column, context, error);
    }
  }

  /** A dated search that has all X will give it: no more polls (the job stays, so resuming finds it complete). */
  private finish(columnId: string, why: string): void {
    this.finished.set(columnId, why);
    this.deps.scheduler.setEnabled(jobId(columnId), false);
    this.deps.onStatus(columnId, 'local', why);
  }

  private failed(column: PolledColumn, context: JobContext, error: unknown): void {
    if (error instanceof DeckhandError) {
      // The handle cannot act (no token, not connected): its column waits for it.
      this.deps.onStatus(column.id, 'paused', error.message);
      return;
    }
    const status = error instanceof ApiResponseError ? error.code : null;
    if (status === 429) {
      const until = context.rateLimited(error instanceof ApiResponseError ? error.rateLimit : undefined);
      const at = new Date(until).toISOString().slice(11, 19);
      this.deps.onStatus(column.id, 'rate_limited', `X's rate limit for ${ENDPOINT_NAMES[column.source.endpoint]} was reached; polling resumes at ${at} UTC`);
      return;
    }
    this.deps.logger.warn('poll failed', { columnId: column.id, endpoint: column.source.endpoint, error: describeXError(error) });
    this.deps.onStatus(column.id, 'error', describeXError(error));
  }
}
