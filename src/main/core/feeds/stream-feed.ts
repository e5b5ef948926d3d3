// Streamed columns: the filtered stream delivers; every gap it reports (drop, stall, unreadable
// line, restart) is recorded on disk and filled from recent search with the app token, through
// the scheduler's app budget. A fill closes the gap only when the stream was up the whole time.
import { ApiResponseError, type TwitterApiReadWrite } from 'twitter-api-v2';
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { Ingestor } from '../ingest/ingestor';
import type { Logger } from '../ports';
import { getCursor, getGapSince, openGap, setGapSince } from '../store/cursors';
import type { Database } from '../store/database';
import type { XClientFactory } from '../x/client';
import { describeXError } from '../x/errors';
import type { NormalisedBatch } from '../x/normalize';
import { FilteredStream, type FilteredStreamOptions, type GapReason, type StreamState } from './filtered-stream';
import { isNewer } from '../../../shared/ids';
import { pollPosts } from './pollers';
import { SchedulerStopped, type JobContext, type Scheduler } from './scheduler';
import type { RuleLimits, RuleProblem } from './stream-rules';

/** A column the stream feeds, with the rule value that feeds it. */
export interface StreamedColumn {
  id: string;
  value: string;
}

export interface StreamFeedEvents {
  onState(columnIds: readonly string[], state: StreamState, message: string | null): void;
  onFillFailed(columnId: string, message: string): void;
}

interface FillState {
  running: boolean;
  again: boolean;
  /** A gap opened while the fill ran, at this cursor. */
  reopenedAt: string | null;
  reopened: boolean;
}

const FILL_PRIORITY = 10;

export class StreamFeed {
  private columns = new Map<string, string>();
  private byValue = new Map<string, string[]>();
  private readonly fills = new Map<string, FillState>();
  private downtimeTimer: TimerHandle | null = null;
  private readonly retries = new Map<string, TimerHandle>();
  private stopped = false;

  private readonly stream: FilteredStream;

  constructor(
    client: TwitterApiReadWrite,
    private readonly deps: {
      db: Database;
      ingestor: Ingestor;
      scheduler: Scheduler;
      x: XClientFactory;
      appToken: () => Promise<string | null>;
      logger: Logger;
      clock: Clock;
      events: StreamFeedEvents;
      /** While the stream is down, fill the gaps from recent search this often. */
      downtimeFillMs: number;
    },
    options: FilteredStreamOptions,
  ) {
    this.stream = new FilteredStream(
      client,
      {
        onBatch: (batch, matched) => this.route(batch, matched),
        onState: (state, message) => this.stateChanged(state, message),
        onConnected: () => this.fillAll(),
        onGap: (reason) => this.gapOpened(reason),
      },
      deps.logger,
      options,
    );
  }

  /** Lists the app's rules; throws X's answer (403/404 when the app's access has no filtered stream). */
  probe(): Promise<unknown> {
    return this.stream.listRules();
  }

  /** Why X would refuse this query as a rule (a dry run), or null. */
  checkQuery(query: string): Promise<string | null> {
    return this.stream.checkQuery(query);
  }

  get connected(): boolean {
    return this.stream.isConnected;
  }

  has(columnId: string): boolean {
    return this.columns.has(columnId);
  }

  /** The rule value feeding a column, or undefined when the stream does not feed it. */
  valueOf(columnId: string): string | undefined {
    return this.columns.get(columnId);
  }

  /** Makes the rules match these columns; answers the columns whose query X refused or that did not fit. */
  async sync(columns: readonly StreamedColumn[], limits: RuleLimits): Promise<Map<string, RuleProblem>> {
    const problems = await this.stream.syncRules(columns.map((c) => ({ value: c.value, columnId: c.id })), limits);
    const byColumn = new Map<string, RuleProblem>();
    this.columns = new Map();
    this.byValue = new Map();
    for (const column of columns) {
      const problem = problems.get(column.value);
      if (problem) {
        byColumn.set(column.id, problem);
        continue;
      }
      this.columns.set(column.id, column.value);
      this.byValue.set(column.value, [...(this.byValue.get(column.value) ?? []), column.id]);
    }
    for (const id of this.fills.keys()) if (!this.columns.has(id)) this.fills.delete(id);
    return byColumn;
  }

  /** Connects; every column with history starts with a gap (the time the app was closed). */
  async start(): Promise<void> {
    for (const id of this.columns.keys()) openGap(this.deps.db, id);
    await this.stream.start();
  }

  /** A column just added to the stream: its newest page now, then whatever the stream brings. */
  async backfill(columnId: string): Promise<void> {
    if (getCursor(this.deps.db, columnId) !== null) openGap(this.deps.db, columnId);
    await this.fill(columnId);
  }

  stop(): void {
    this.stopped = true;
    this.deps.clock.clearTimeout(this.downtimeTimer);
    for (const timer of this.retries.values()) this.deps.clock.clearTimeout(timer);
    this.stream.stop();
  }

  private route(batch: NormalisedBatch, matched: Map<string, string[]>): void {
    const routes = new Map<string, string[]>();
    const cursors = new Map<string, string>();
    for (const post of batch.posts) {
      const columnIds: string[] = [];
      for (const value of matched.get(post.id) ?? []) {
        for (const id of this.byValue.get(value) ?? []) if (!columnIds.includes(id)) columnIds.push(id);
      }
      if (columnIds.length === 0) continue;
      routes.set(post.id, columnIds);
      for (const id of columnIds) if (isNewer(post.id, cursors.get(id) ?? null)) cursors.set(id, post.id);
    }
    this.deps.ingestor.ingest({ posts: batch.posts, referenced: batch.referenced, authors: batch.authors, routes, cursors });
  }

  private stateChanged(state: StreamState, message: string | null): void {
    this.deps.events.onState([...this.columns.keys()], state, message);
    if (state === 'connecting') this.scheduleDowntimeFill();
  }

  private gapOpened(reason: GapReason): void {
    this.deps.logger.info('stream gap opened', { reason, columns: this.columns.size });
    for (const id of this.columns.keys()) {
      openGap(this.deps.db, id);
      const state = this.fills.get(id);
      if (state?.running) {
        const cursor = getCursor(this.deps.db, id);
        state.reopened = true;
        if (cursor !== null && (state.reopenedAt === null || isNewer(state.reopenedAt, cursor))) state.reopenedAt = cursor;
      }
    }
    // An unreadable line leaves the connection up: fill at once.
    if (reason === 'malformed line' && this.stream.isConnected) this.fillAll();
  }

  private fillAll(): void {
    for (const id of this.columns.keys()) void this.fill(id);
  }

  /** While disconnected (e.g. waiting out a 429), recent search keeps the columns current. */
  private scheduleDowntimeFill(): void {
    if (this.downtimeTimer || this.stopped) return;
    this.downtimeTimer = this.deps.clock.setTimeout(() => {
      this.downtimeTimer = null;
      if (this.stopped || this.stream.isConnected) return;
      this.fillAll();
      this.scheduleDowntimeFill();
    }, this.deps.downtimeFillMs);
  }

  private async fill(columnId: string): Promise<void> {
    const state = this.fills.get(columnId) ?? { running: false, again: false, reopenedAt: null, reopened: false };
    this.fills.set(columnId, state);
    if (state.running) {
      state.again = true;
      return;
    }
    try {
      await this.deps.scheduler.runOnce({
        id: `fill:${columnId}`,
        budget: { endpoint: 'search', scope: 'app' },
        priority: FILL_PRIORITY,
        run: async (context) => {
          state.running = true;
          state.reopened = false;
          state.reopenedAt = null;
          try {
            await this.fillOnce(columnId, state, context);
          } finally {
            state.running = false;
          }
        },
      });
    } catch (error) {
      if (error instanceof SchedulerStopped || this.stopped) return;
      const message = `Could not fill a gap from recent search: ${describeXError(error)}; retrying`;
      this.deps.logger.warn('gap fill failed', { columnId, error: describeXError(error) });
      this.deps.events.onFillFailed(columnId, message);
      this.retryLater(columnId);
    }
    if (state.again && !this.stopped && this.columns.has(columnId)) {
      state.again = false;
      await this.fill(columnId);
    }
  }

  /** The gap stays recorded; try again a little later (the budget decides when exactly). */
  private retryLater(columnId: string): void {
    if (this.retries.has(columnId)) return;
    this.retries.set(
      columnId,
      this.deps.clock.setTimeout(() => {
        this.retries.delete(columnId);
        if (!this.stopped && this.columns.has(columnId)) void this.fill(columnId);
      }, this.deps.downtimeFillMs),
    );
  }

  private async fillOnce(columnId: string, state: FillState, context: JobContext): Promise<void> {
    const value = this.columns.get(columnId);
    if (value === undefined) return;
    const { db, ingestor } = this.deps;
    const since = getGapSince(db, columnId);
    if (since === null && getCursor(db, columnId) !== null) return; // no gap open
    const connectedAtStart = this.stream.isConnected;
    const token = await this.deps.appToken();
    if (!token) return;
    let newest: string | null;
    try {
      newest = await pollPosts(this.deps.x.withToken(token), { endpoint: 'search', query: value }, since, context, (batch) => {
        if (!this.columns.has(columnId)) return;
        ingestor.ingest({ posts: batch.posts, referenced: batch.referenced, authors: batch.authors, routes: new Map(batch.posts.map((p) => [p.id, [columnId]])) });
      });
    } catch (error) {
      // The app's search budget stays closed until X's reset; the retry waits for it.
      if (error instanceof ApiResponseError && error.code === 429) context.rateLimited(error.rateLimit);
      throw error;
    }
    if (!this.columns.has(columnId)) return;
    if (newest) ingestor.moveCursors(new Map([[columnId, newest]]));
    if (connectedAtStart && !state.reopened) setGapSince(db, columnId, null);
    else {
      // Covered up to what the fill saw, or to where the stream dropped again, whichever is older.
      const covered = newest ?? since;
      const candidates = [covered, state.reopenedAt].filter((id): id is string => id !== null);
      const oldest = candidates.length > 0 ? candidates.reduce((a, b) => (isNewer(a, b) ? b : a)) : null;
      setGapSince(db, columnId, oldest);
      if (oldest === null) openGap(db, columnId);
    }
  }
}
