// Keeps every column fed: the filtered stream when the X app has it, polling otherwise, and a
// recent-search run after each (re)connection so no post is lost across gaps.
import { ApiResponseError } from 'twitter-api-v2';
import type { Column, ColumnSourceState, ColumnStatus } from '../../../shared/domain';
import type { EventBus } from '../events';
import type { Ingestor } from '../ingest/ingestor';
import type { Logger } from '../ports';
import { getCursor } from '../store/columns';
import type { Database } from '../store/database';
import type { XClientFactory } from '../x/client';
import { describeXError, httpStatusOf } from '../x/errors';
import type { NormalisedBatch } from '../x/normalize';
import { FilteredStream } from './filtered-stream';
import { searchSince } from './search-poll';

export interface TokenProvider {
  appToken(): Promise<string | null>;
  userToken(accountId: string): Promise<string | null>;
}

export interface EngineOptions {
  /** Spacing of one account's polls; X allows 300 recent searches per user per 15 min (3 s). */
  pollIntervalMs: number;
}

export class ColumnEngine {
  private readonly columns = new Map<string, Column>();
  private readonly statuses = new Map<string, ColumnStatus>();
  private readonly pollTimers = new Map<string, NodeJS.Timeout>();
  private stream: FilteredStream | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly ingestor: Ingestor,
    private readonly bus: EventBus,
    private readonly x: XClientFactory,
    private readonly tokens: TokenProvider,
    private readonly logger: Logger,
    private readonly options: EngineOptions,
  ) {}

  has(columnId: string): boolean {
    return this.columns.has(columnId);
  }

  listStatuses(): ColumnStatus[] {
    return [...this.statuses.values()];
  }

  get streaming(): boolean {
    return this.stream !== null;
  }

  async start(columns: readonly Column[]): Promise<void> {
    for (const column of columns) this.columns.set(column.id, column);
    this.stream = await this.openStream();
    if (this.stream) {
      await this.syncStreamRules();
      await this.stream.start();
    } else {
      for (const column of columns) this.startPolling(column);
    }
  }

  /** Why X would refuse this query, or null. Only the stream's rules API can say without cost. */
  async checkQuery(query: string): Promise<string | null> {
    if (!this.stream) return null;
    try {
      return await this.stream.checkQuery(query);
    } catch (error) {
      this.logger.warn('could not check a query with X', { error: describeXError(error) });
      return null;
    }
  }

  async add(column: Column): Promise<void> {
    this.columns.set(column.id, column);
    if (this.stream) {
      await this.syncStreamRules();
      if (this.statuses.get(column.id)?.state !== 'error') await this.fillGap(column);
    } else {
      this.startPolling(column);
    }
  }

  async remove(columnId: string): Promise<void> {
    this.columns.delete(columnId);
    this.statuses.delete(columnId);
    this.stopPolling(columnId);
    this.ingestor.dropColumn(columnId);
    if (this.stream) {
      try {
        const stream = this.stream;
        await stream.removeRule(columnId);
      } catch (error) {
        // The stale rule is deleted at the next sync; the column is gone locally either way.
        this.logger.warn('could not delete the stream rule of a removed column', { columnId, error: describeXError(error) });
      }
    }
  }

  stop(): void {
    this.stopped = true;
    this.stream?.stop();
    for (const id of [...this.pollTimers.keys()]) this.stopPolling(id);
  }

  private async openStream(): Promise<FilteredStream | null> {
    const token = await this.tokens.appToken();
    if (!token) return null;
    const stream = new FilteredStream(this.x.withToken(token), {
      onBatch: (batch, routes) => this.ingest(batch, routes),
      onState: (state, message) => {
        for (const column of this.columns.values()) {
          if (this.statuses.get(column.id)?.state !== 'error') this.setStatus(column.id, state, message);
        }
      },
      onConnected: () => void this.fillAllGaps(),
    }, this.logger);
    try {
      // The rules endpoint answers only where the app's access includes the filtered stream.
      await stream.syncRules([]);
      return stream;
    } catch (error) {
      const status = httpStatusOf(error);
      if (status === 401 || status === 403 || status === 404) {
        this.logger.info('filtered stream not available to this X app; polling instead', { status });
        return null;
      }
      throw error;
    }
  }

  private async syncStreamRules(): Promise<void> {
    const columns = [...this.columns.values()];
    const errors = await this.stream!.syncRules(columns);
    for (const column of columns) {
      const problem = errors.get(column.id);
      if (problem) this.setStatus(column.id, 'error', problem);
      else if (!this.statuses.has(column.id) || this.statuses.get(column.id)?.state === 'error') this.setStatus(column.id, 'connecting', null);
    }
  }

  private async fillAllGaps(): Promise<void> {
    for (const column of this.columns.values()) {
      if (this.stopped) return;
      if (this.statuses.get(column.id)?.state !== 'error') await this.fillGap(column);
    }
  }

  /** Recent search since the column's cursor, with the app token: closes any gap in the stream. */
  private async fillGap(column: Column): Promise<void> {
    const token = await this.tokens.appToken();
    if (!token) return;
    try {
      const batch = await searchSince(this.x.withToken(token), column.query, getCursor(this.db, column.id));
      this.ingestFor(column.id, batch);
    } catch (error) {
      this.logger.warn('gap fill failed', { columnId: column.id, error: describeXError(error) });
    }
  }

  private startPolling(column: Column): void {
    this.setStatus(column.id, 'polling', null);
    const run = async () => {
      if (this.stopped || !this.columns.has(column.id)) return;
      let delay = this.pollSpacing(column.accountId);
      try {
        const token = await this.tokens.userToken(column.accountId);
        if (!token) {
          this.setStatus(column.id, 'paused', 'The account has no access token; reconnect it');
        } else {
          const batch = await searchSince(this.x.withToken(token), column.query, getCursor(this.db, column.id));
          if (!this.columns.has(column.id)) return;
          this.ingestFor(column.id, batch);
          this.setStatus(column.id, 'polling', null);
        }
      } catch (error) {
        if (error instanceof ApiResponseError && error.code === 429 && error.rateLimit?.reset) {
          delay = Math.max(delay, error.rateLimit.reset * 1000 - Date.now() + 1000);
        }
        this.setStatus(column.id, 'error', describeXError(error));
      }
      if (!this.stopped && this.columns.has(column.id)) this.pollTimers.set(column.id, setTimeout(run, delay));
    };
    this.pollTimers.set(column.id, setTimeout(run, 0));
  }

  private stopPolling(columnId: string): void {
    const timer = this.pollTimers.get(columnId);
    if (timer) clearTimeout(timer);
    this.pollTimers.delete(columnId);
  }

  /** One account's columns share its budget: each polls once per round. */
  private pollSpacing(accountId: string): number {
    let count = 0;
    for (const column of this.columns.values()) if (column.accountId === accountId) count++;
    return this.options.pollIntervalMs * Math.max(1, count);
  }

  private ingestFor(columnId: string, batch: NormalisedBatch): void {
    this.ingest(batch, new Map(batch.posts.map((p) => [p.id, [columnId]])));
  }

  private ingest(batch: NormalisedBatch, routes: Map<string, string[]>): void {
    if (this.stopped || batch.posts.length === 0) return;
    this.ingestor.ingest({ posts: batch.posts, authors: batch.authors, routes });
  }

  private setStatus(columnId: string, state: ColumnSourceState, message: string | null): void {
    const previous = this.statuses.get(columnId);
    if (previous && previous.state === state && previous.message === message) return;
    const status = { columnId, state, message };
    this.statuses.set(columnId, status);
    this.bus.emit('columnStatus', status);
  }
}
