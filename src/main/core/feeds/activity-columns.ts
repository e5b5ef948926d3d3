// The engine's DMs and mentions columns as the X Activity API feeds them: the handles with such
// columns are subscribed, events go into their columns (ids dedupe what polls also bring), and
// each DMs column's poll is paced by whether its handle is live: a slow safety net (and a catch-up
// after every gap) while the stream feeds it, X's 15 reads per 15 minutes otherwise, its header
// then saying when it was last checked.
import type { Column, ColumnSourceState, ColumnStatus } from '../../../shared/domain';
import type { Ingestor } from '../ingest/ingestor';
import type { Logger } from '../ports';
import type { ActivityEvent } from '../x/activity';
import type { ActingAs, TokenProvider } from '../x/acting-as';
import type { XClientFactory } from '../x/client';
import { ActivityFeed } from './activity-feed';
import type { ReconnectPolicy } from './backoff';
import type { PollFeed } from './poll-feed';

export interface ActivityColumnsHost {
  /** The deck's columns that this process feeds now (handle not paused, not fed by a team's hub). */
  fedColumns(): Column[];
  statusOf(columnId: string): ColumnStatus | undefined;
  setStatus(columnId: string, state: ColumnSourceState, message: string | null, checkedAtMs?: number): void;
}

export interface ActivityColumnsDeps {
  x: XClientFactory;
  tokens: TokenProvider;
  actingAs: ActingAs;
  logger: Logger;
  polls: PollFeed;
  ingestor: Ingestor;
}

export interface ActivityColumnsOptions {
  /** The DMs poll's pace without the stream (X's budget spaces it to about a minute). */
  pollIntervalMs: number;
  /** The DMs poll's pace while the stream feeds the column. */
  safetyPollMs: number;
  stallMs: number;
  reconnect: ReconnectPolicy;
}

const isActivityKind = (column: Column) => column.kind === 'dms' || column.kind === 'mentions';

export class ActivityColumns {
  private feed: ActivityFeed | null = null;
  /** DMs columns: when their last poll succeeded (epoch ms). */
  private readonly checkedAt = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly host: ActivityColumnsHost,
    private readonly deps: ActivityColumnsDeps,
    private readonly options: ActivityColumnsOptions,
  ) {}

  /** Opens the app's Activity stream when it has a Bearer token (X's answer decides whether it stays). */
  async open(): Promise<void> {
    if (this.feed || this.stopped) return;
    const token = await this.deps.tokens.appToken();
    if (!token || this.feed || this.stopped) return;
    this.feed = new ActivityFeed({
      app: this.deps.x.withToken(token),
      actingAs: this.deps.actingAs,
      logger: this.deps.logger,
      events: { onEvent: (event) => this.route(event), onLiveChanged: () => this.pace(), onGap: () => this.catchUp() },
      stallMs: this.options.stallMs,
      reconnect: this.options.reconnect,
      retrySubscribeMs: 60_000,
    });
    this.feed.start();
    this.refresh();
  }

  /** Closes the stream (a team's hub feeds the handles now); DMs columns go back to polling. */
  close(): void {
    this.feed?.stop();
    this.feed = null;
    this.pace();
  }

  stop(): void {
    this.stopped = true;
    this.feed?.stop();
    this.feed = null;
  }

  /** The deck or a handle changed: subscribe who needs it, pace every DMs column again. */
  refresh(): void {
    if (!this.feed || this.stopped) return;
    this.feed.want(new Set(this.columns().map((c) => c.accountId)));
    this.pace();
  }

  forget(columnId: string): void {
    this.checkedAt.delete(columnId);
  }

  lastChecked(columnId: string): number | undefined {
    return this.checkedAt.get(columnId);
  }

  /** A poll's outcome; a DMs column the stream feeds keeps saying so (its poll is only the safety net). */
  polled(column: Column | undefined, columnId: string, state: ColumnSourceState, message: string | null, checkedAt?: number): void {
    if (checkedAt !== undefined) this.checkedAt.set(columnId, checkedAt);
    if (column?.kind !== 'dms') return this.host.setStatus(columnId, state, message);
    if (state !== 'paused' && this.feed?.isLive(column.accountId)) return;
    this.host.setStatus(columnId, state, message, state === 'polling' ? this.checkedAt.get(columnId) : undefined);
  }

  private columns(): Column[] {
    return this.host.fedColumns().filter(isActivityKind);
  }

  private pace(): void {
    if (this.stopped) return;
    for (const column of this.columns()) {
      if (column.kind !== 'dms' || !this.deps.polls.has(column.id)) continue;
      if (this.feed?.isLive(column.accountId)) {
        this.deps.polls.setPace(column.id, Math.max(this.options.pollIntervalMs, this.options.safetyPollMs));
        this.host.setStatus(column.id, 'streaming', null);
      } else {
        this.deps.polls.setPace(column.id, this.options.pollIntervalMs);
        if (this.host.statusOf(column.id)?.state === 'streaming') this.host.setStatus(column.id, 'polling', null, this.checkedAt.get(column.id));
      }
    }
  }

  /** The stream may have missed events (drop, stall, unreadable line): the DM polls catch up as X's budget allows. */
  private catchUp(): void {
    for (const column of this.columns()) if (column.kind === 'dms' && this.deps.polls.has(column.id)) this.deps.polls.hurry(column.id);
  }

  private route(event: ActivityEvent): void {
    if (event.kind === 'other') return;
    for (const column of this.columns()) {
      if (column.accountId !== event.userId) continue;
      if (event.kind === 'dm' && column.kind === 'dms') this.deps.ingestor.ingestDms({ columnId: column.id, events: event.batch.events, authors: event.batch.authors });
      if (event.kind === 'mention' && column.kind === 'mentions') {
        const { posts, referenced, authors } = event.batch;
        this.deps.ingestor.ingest({ posts, referenced, authors, routes: new Map(posts.map((p) => [p.id, [column.id]])) });
      }
    }
  }
}
