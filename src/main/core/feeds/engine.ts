// Keeps every column fed and says how: search, mentions and user columns ride the app's one
// filtered stream when X offers it (gaps filled from recent search), and are polled otherwise;
// DMs (and mentions) arrive through the X Activity API's stream when X offers it, with a slow DM
// poll as a safety net, and are polled within X's limits otherwise; archive columns are local.
// Polls share X's budgets via the scheduler.
import { systemClock, type Clock, type TimerHandle } from '../../../shared/clock';
import { usesCustomerFacts, type PostPredicate } from '../../../shared/column-filters';
import type { Account, Column, ColumnSourceState, ColumnStatus } from '../../../shared/domain';
import type { TeamState } from '../../../shared/team';
import { pauseReason } from '../accounts/account-service';
import type { StreamProbeResult } from '../accounts/capabilities';
import type { ColumnChange, DomainEvents } from '../domain-events';
import { Ingestor } from '../ingest/ingestor';
import type { Logger } from '../ports';
import { listAccounts } from '../store/accounts';
import { openGap } from '../store/cursors';
import type { Database } from '../store/database';
import type { ActingAs, TokenProvider } from '../x/acting-as';
import type { XClientFactory } from '../x/client';
import { describeXError, httpStatusOf } from '../x/errors';
import { ActivityColumns } from './activity-columns';
import { X_RECONNECT_POLICY, type ReconnectPolicy } from './backoff';
import { ColumnFiltersCache } from '../read-models/column-filters-cache';
import { PollFeed, type PollSource } from './poll-feed';
import { Scheduler } from './scheduler';
import { StreamFeed, type StreamedColumn } from './stream-feed';
import { X_RULE_LIMITS, type RuleLimits } from './stream-rules';
import { UnreadCounter } from '../read-models/unread';

export interface EngineOptions {
  /** Least time between two polls of one column; X's budgets usually space them more. */
  pollIntervalMs: number;
  clock?: Clock;
  /** A stream silent this long is stalled (X: 30 s). */
  stallMs?: number;
  reconnect?: ReconnectPolicy;
  ruleLimits?: RuleLimits;
  /** While the stream is down, gaps are filled from recent search this often. */
  downtimeFillMs?: number;
  /** While the Activity stream feeds a DMs column, it is still polled this often (default 5 min: 3 of X's 15 reads per 15 minutes). */
  activitySafetyPollMs?: number;
}

export interface EngineDeps {
  db: Database;
  domain: DomainEvents;
  x: XClientFactory;
  tokens: TokenProvider;
  actingAs: ActingAs;
  logger: Logger;
  /** The handle's username, for its Mentions column's stream rule. */
  accountUsername(accountId: string): string | null;
  /** Whether this desktop is in a team at start (then it never calls X: the hub ingests). */
  inTeam(): boolean;
}

const IN_TEAM = 'This desktop is in a team: the team’s hub feeds team columns, and nothing here calls X; this column is kept read-only.';
const LEFT_TEAM = 'This desktop left the team: the hub no longer feeds this column; it is kept read-only.';
const HUB_LIVE = "Live from the team's hub";
const HUB_WAITING = "Waiting for the team's hub: the column catches up when the link is back";
const HUB_DATES_PASSED = "These dates have passed: the team's hub fetched what X had for them, and nothing new arrives";
/** The longest wait a Node timer holds (about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

export class ColumnEngine {
  readonly filters: ColumnFiltersCache;
  readonly unread: UnreadCounter;
  readonly ingestor: Ingestor;
  private readonly columns = new Map<string, Column>();
  private readonly statuses = new Map<string, ColumnStatus>();
  private readonly paused = new Map<string, string>();
  /** Hub-fed dated searches: when their dates end, so the header can say nothing new arrives. */
  private readonly datesEnd = new Map<string, TimerHandle>();
  private readonly scheduler: Scheduler;
  private readonly polls: PollFeed;
  private readonly clock: Clock;
  private stream: StreamFeed | null = null;
  private readonly activity: ActivityColumns;
  private probe: StreamProbeResult = { access: 'unknown', detail: 'The filtered stream has not been tried yet' };
  private syncing: Promise<void> = Promise.resolve();
  private stopped = false;
  private started = false;
  /** In a team, the hub feeds the team's handles and nothing calls X (see applyTeam). */
  private team: { linked: boolean; online: boolean } = { linked: false, online: false };
  private readonly unsubscribe: () => void;

  constructor(
    private readonly deps: EngineDeps,
    private readonly options: EngineOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.filters = new ColumnFiltersCache(deps.db, deps.logger);
    this.ingestor = new Ingestor(deps.db, deps.domain, {
      isLive: (id) => this.columns.has(id),
      predicate: (id) => this.predicate(id),
      archiveColumns: () => [...this.columns.values()].flatMap((c) => (c.kind === 'archive' && !this.archivePaused(c.accountId) ? [{ id: c.id, query: c.query }] : [])),
    });
    this.unread = new UnreadCounter(deps.db, deps.domain, (id) => this.columns.get(id), (column) => this.filters.predicate(column));
    this.scheduler = new Scheduler(this.clock);
    this.polls = new PollFeed({
      db: deps.db,
      ingestor: this.ingestor,
      scheduler: this.scheduler,
      actingAs: deps.actingAs,
      logger: deps.logger,
      intervalMs: options.pollIntervalMs,
      clock: this.clock,
      onStatus: (id, state, message, checkedAt) => this.activity.polled(this.columns.get(id), id, state, message, checkedAt),
    });
    this.activity = new ActivityColumns(
      {
        fedColumns: () => [...this.columns.values()].filter((c) => !this.paused.has(c.accountId) && !this.hubFed(c)),
        statusOf: (id) => this.statuses.get(id),
        setStatus: (id, state, message, checkedAtMs) => this.setStatus(id, state, message, checkedAtMs),
      },
      { x: deps.x, tokens: deps.tokens, actingAs: deps.actingAs, logger: deps.logger, polls: this.polls, ingestor: this.ingestor },
      {
        pollIntervalMs: options.pollIntervalMs,
        safetyPollMs: options.activitySafetyPollMs ?? 5 * 60_000,
        stallMs: options.stallMs ?? 30_000,
        reconnect: options.reconnect ?? X_RECONNECT_POLICY,
      },
    );
    this.unsubscribe = this.follow(deps.domain);
  }

  predicate(columnId: string): PostPredicate | null {
    const column = this.columns.get(columnId);
    return column ? this.filters.predicate(column) : null;
  }

  listStatuses(): ColumnStatus[] {
    return [...this.columns.keys()].map((id) => this.statuses.get(id) ?? { columnId: id, state: 'connecting', message: null });
  }

  get streaming(): boolean {
    return this.stream !== null;
  }

  /** What X answered when asked for the filtered stream (shown in account settings). */
  streamProbe(): StreamProbeResult {
    return this.probe;
  }

  /** The deck and the handles as stored; a handle that cannot act keeps its columns paused. */
  async start(columns: readonly Column[]): Promise<void> {
    this.team.linked = this.deps.inTeam();
    for (const column of columns) this.columns.set(column.id, column);
    for (const account of listAccounts(this.deps.db)) {
      const reason = this.reasonFor(account);
      if (reason) this.paused.set(account.id, reason);
    }
    this.started = true;
    this.stream = this.team.linked ? null : await this.openStream();
    if (this.stream) await this.syncStream();
    for (const column of columns) {
      const streamable = this.stream !== null && this.streamValue(column) !== null && !this.paused.has(column.accountId);
      if (!streamable && !this.polls.has(column.id)) this.placeOffStream(column);
    }
    if (this.stream) await this.stream.start();
    if (!this.team.linked) await this.activity.open();
  }

  /** Why a handle's columns wait: its own state, or that the team (or no team) feeds them now. */
  private reasonFor(account: Account): string | null {
    const own = pauseReason(account);
    if (own) return own;
    if (this.team.linked) return IN_TEAM;
    if (!this.team.linked && account.fromTeam) return LEFT_TEAM;
    return null;
  }

  /** Archive and case columns call nobody: only their handle's own state (removed) stops them, not a team. */
  private archivePaused(accountId: string): boolean {
    const reason = this.paused.get(accountId);
    return reason !== undefined && reason !== IN_TEAM;
  }

  /** In a team only team columns are fed, by the hub (whatever their handle's local state). */
  private hubFed(column: Column): boolean {
    return this.team.linked && column.fromTeam === true;
  }

  /**
   * Joining a team stops every X call of this desktop (the stream closes, polls pause) and the
   * team's handles are fed by the hub; leaving it opens the stream again.
   */
  private async applyTeam(state: TeamState): Promise<void> {
    const linked = state.status !== 'solo';
    const joinedOrLeft = linked !== this.team.linked;
    this.team = { linked, online: state.status === 'online' };
    if (!this.started || this.stopped) return;
    if (joinedOrLeft) {
      if (linked && this.stream) {
        this.stream.stop();
        this.stream = null;
      }
      if (linked) this.activity.close();
      for (const account of listAccounts(this.deps.db)) await this.setAccountPaused(account.id, this.reasonFor(account));
      if (!linked && !this.stream) {
        this.stream = await this.openStream();
        if (this.stream) {
          await this.syncStream();
          await this.stream.start();
        }
      }
      if (!linked) await this.activity.open();
    }
    for (const column of this.columns.values()) if (this.hubFed(column)) this.placeOnHub(column);
    this.activity.refresh();
  }

  private placeOnHub(column: Column): void {
    this.polls.remove(column.id);
    this.clearDatesEnd(column.id);
    const endsInMs = column.kind === 'search' && column.range?.end ? Date.parse(column.range.end) - this.clock.now() : null;
    if (column.kind === 'archive') this.setStatus(column.id, 'local', null);
    else if (endsInMs !== null && endsInMs <= 0) this.setStatus(column.id, 'local', HUB_DATES_PASSED);
    else if (this.team.online) this.setStatus(column.id, 'streaming', HUB_LIVE);
    else this.setStatus(column.id, 'connecting', HUB_WAITING);
    // A dated search's header says so when its dates end (long waits in steps a timer can hold).
    if (endsInMs !== null && endsInMs > 0) {
      const again = () => {
        if (this.columns.get(column.id) === column && this.hubFed(column)) this.placeOnHub(column);
      };
      this.datesEnd.set(column.id, this.clock.setTimeout(again, Math.min(endsInMs, MAX_TIMER_MS)));
    }
  }

  private clearDatesEnd(columnId: string): void {
    this.clock.clearTimeout(this.datesEnd.get(columnId));
    this.datesEnd.delete(columnId);
  }

  /** The deck and the handles change only through domain events: the engine follows them. */
  private follow(domain: DomainEvents): () => void {
    const subscriptions = [
      domain.on('columnAdded', ({ column }) => this.add(column)),
      domain.on('columnChanged', ({ column, change }) => this.changed(column, change)),
      domain.on('columnsReordered', ({ columns }) => {
        for (const column of columns) this.columns.set(column.id, column);
      }),
      domain.on('columnsRemoved', async ({ columns }) => {
        for (const column of columns) await this.remove(column.id);
      }),
      domain.on('muteListChanged', () => {
        this.filters.reloadMutes();
        for (const column of this.columns.values()) this.unread.recount(column);
      }),
      // A label given or a note written changes what columns filtering by customer show.
      domain.on('customerLabelsChanged', () => this.recountCustomerColumns()),
      domain.on('customerNotesChanged', () => this.recountCustomerColumns()),
      domain.on('accountConnected', ({ account }) => (this.started ? this.setAccountPaused(account.id, this.reasonFor(account)) : undefined)),
      domain.on('accountStatusChanged', ({ account }) => this.setAccountPaused(account.id, this.reasonFor(account))),
      domain.on('teamChanged', ({ state }) => this.applyTeam(state)),
    ];
    return () => subscriptions.forEach((unsubscribe) => unsubscribe());
  }

  private recountCustomerColumns(): void {
    for (const column of this.columns.values()) if (usesCustomerFacts(column.filters)) this.unread.recount(column);
  }

  private async add(column: Column): Promise<void> {
    this.columns.set(column.id, column);
    await this.place(column);
    this.activity.refresh();
  }

  /** New settings take effect; a new source (query) starts over; counts follow marker and filters. */
  private async changed(column: Column, change: ColumnChange): Promise<void> {
    this.columns.set(column.id, column);
    if (change.filters || change.source) this.filters.forget(column.id);
    if (change.source) {
      this.polls.remove(column.id);
      await this.place(column);
    }
    if (change.source || change.filters || change.readMarker) this.unread.recount(column);
  }

  private async remove(columnId: string): Promise<void> {
    this.columns.delete(columnId);
    this.statuses.delete(columnId);
    this.clearDatesEnd(columnId);
    this.activity.forget(columnId);
    this.polls.remove(columnId);
    this.filters.forget(columnId);
    this.unread.forget(columnId);
    this.ingestor.dropColumn(columnId);
    if (this.stream?.has(columnId)) await this.syncStream();
    this.activity.refresh();
  }

  /** A handle whose token cannot be refreshed (or that was removed): its columns stop and say why (null: resume, filling the gap). */
  private async setAccountPaused(accountId: string, reason: string | null): Promise<void> {
    const paused = reason !== null;
    if (reason !== null) this.paused.set(accountId, reason);
    else this.paused.delete(accountId);
    const affected = [...this.columns.values()].filter((c) => c.accountId === accountId);
    for (const column of affected) {
      if (this.hubFed(column)) {
        this.placeOnHub(column);
        continue;
      }
      if (this.stream?.has(column.id)) openGap(this.deps.db, column.id);
      if (this.polls.has(column.id)) this.polls.setPaused(column.id, paused);
      if (pollSourceOf(column) === null && !this.archivePaused(accountId)) this.setStatus(column.id, 'local', null);
      else if (paused) this.setStatus(column.id, 'paused', this.paused.get(accountId)!);
      else if (this.polls.has(column.id)) this.setStatus(column.id, 'polling', null, column.kind === 'dms' ? this.activity.lastChecked(column.id) : undefined);
    }
    if (this.stream && affected.some((c) => this.streamValue(c) !== null)) await this.syncStream();
    this.activity.refresh();
  }

  /** Why X would refuse this query, or null. Only the stream's rules API can say without cost. */
  async checkQuery(query: string): Promise<string | null> {
    if (!this.stream) return null;
    try {
      return await this.stream.checkQuery(query);
    } catch (error) {
      this.deps.logger.warn('could not check a query with X', { error: describeXError(error) });
      return null;
    }
  }

  /** Resolves when no poll or fill is doing work that does not wait on the clock (tests). */
  settled(): Promise<void> {
    return this.scheduler.settled();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    for (const columnId of [...this.datesEnd.keys()]) this.clearDatesEnd(columnId);
    this.scheduler.stop();
    this.stream?.stop();
    this.activity.stop();
    this.unread.close();
    this.ingestor.close();
  }

  /** Streams it, polls it, or keeps it local; a paused handle's column waits (polled once resumed, or streamed). */
  private async place(column: Column): Promise<void> {
    if (this.hubFed(column)) return this.placeOnHub(column);
    // A search given dates leaves the stream (its rule goes) to be polled within them.
    if (this.stream?.has(column.id) && this.streamValue(column) === null) await this.syncStream();
    if (this.stream && this.streamValue(column) !== null) {
      await this.syncStream(); // streams it, polls it when over X's limits, or shows X's refusal
      if (!this.paused.has(column.accountId)) return;
    }
    if (!this.polls.has(column.id)) this.placeOffStream(column);
  }

  private placeOffStream(column: Column): void {
    if (this.hubFed(column)) return this.placeOnHub(column);
    const paused = this.paused.get(column.accountId);
    const source = pollSourceOf(column);
    if (source) this.polls.add({ id: column.id, accountId: column.accountId, source }, paused !== undefined);
    if (!source && !this.archivePaused(column.accountId)) this.setStatus(column.id, 'local', null);
    else if (paused) this.setStatus(column.id, 'paused', paused);
  }

  /** The stream rule that feeds a column, or null when the stream cannot. */
  private streamValue(column: Column): string | null {
    switch (column.kind) {
      case 'search':
        // The stream has only what is written from now on: dated searches are asked of recent search.
        return column.range ? null : column.query;
      case 'mentions': {
        const username = this.deps.accountUsername(column.accountId);
        return username ? `@${username}` : null;
      }
      case 'user':
        return column.username ? `from:${column.username}` : null;
      default:
        return null;
    }
  }

  /** Rules for every streamable column of an active handle, in deck order; one sync at a time. */
  private syncStream(): Promise<void> {
    const run = async () => {
      const stream = this.stream;
      if (!stream || this.stopped) return;
      const ordered = [...this.columns.values()].sort((a, b) => a.position - b.position);
      const wanted: StreamedColumn[] = [];
      for (const column of ordered) {
        const value = this.paused.has(column.accountId) || this.hubFed(column) ? null : this.streamValue(column);
        if (value !== null) wanted.push({ id: column.id, value });
      }
      const before = new Map(ordered.map((c) => [c.id, stream.valueOf(c.id)]));
      let problems;
      try {
        problems = await stream.sync(wanted, this.options.ruleLimits ?? X_RULE_LIMITS);
      } catch (error) {
        for (const { id } of wanted) this.setStatus(id, 'error', `Could not update the stream rules: ${describeXError(error)}`);
        return;
      }
      for (const { id } of wanted) {
        const column = this.columns.get(id)!;
        const problem = problems.get(id);
        if (!problem) {
          this.polls.remove(id);
          this.setStatus(id, stream.connected ? 'streaming' : 'connecting', null);
          if (before.get(id) !== stream.valueOf(id)) void stream.backfill(id);
        } else if (problem.kind === 'limit') {
          if (!this.polls.has(id)) this.placeOffStream(column);
          this.setStatus(id, 'polling', `${problem.message}: polled instead`);
        } else {
          this.polls.remove(id);
          this.setStatus(id, 'error', problem.message);
        }
      }
    };
    this.syncing = this.syncing.then(run, run);
    return this.syncing;
  }

  private async openStream(): Promise<StreamFeed | null> {
    const token = await this.deps.tokens.appToken();
    if (!token) {
      this.probe = { access: 'unavailable', detail: 'No app Bearer token is set: columns are polled with each handle’s token' };
      return null;
    }
    const feed = new StreamFeed(
      this.deps.x.withToken(token),
      {
        db: this.deps.db,
        ingestor: this.ingestor,
        scheduler: this.scheduler,
        x: this.deps.x,
        appToken: () => this.deps.tokens.appToken(),
        logger: this.deps.logger,
        clock: this.clock,
        downtimeFillMs: this.options.downtimeFillMs ?? 15_000,
        events: {
          onState: (ids, state, message) => {
            for (const id of ids) if (!this.paused.has(this.columns.get(id)?.accountId ?? '')) this.setStatus(id, state, message);
          },
          onFillFailed: (id, message) => this.setStatus(id, 'connecting', message),
        },
      },
      { stallMs: this.options.stallMs ?? 30_000, reconnect: this.options.reconnect ?? X_RECONNECT_POLICY },
    );
    try {
      // The rules endpoint answers only where the app's access includes the filtered stream.
      await feed.probe();
    } catch (error) {
      const status = httpStatusOf(error);
      const refused = status === 401 || status === 403 || status === 404;
      this.probe = { access: refused ? 'unavailable' : 'unknown', detail: `${describeXError(error)}: columns are polled instead` };
      this.deps.logger.info('filtered stream not available; polling instead', { status });
      return null;
    }
    this.probe = { access: 'available', detail: 'X offers the filtered stream to this app: columns stream live' };
    return feed;
  }

  private setStatus(columnId: string, state: ColumnSourceState, message: string | null, checkedAtMs?: number): void {
    if (!this.columns.has(columnId)) return;
    const previous = this.statuses.get(columnId);
    const checkedAt = checkedAtMs === undefined ? undefined : new Date(checkedAtMs).toISOString();
    if (previous && previous.state === state && previous.message === message && previous.checkedAt === checkedAt) return;
    const status: ColumnStatus = { columnId, state, message, ...(checkedAt ? { checkedAt } : {}) };
    this.statuses.set(columnId, status);
    void this.deps.domain.publish({ type: 'columnStatusChanged', status });
  }
}

function pollSourceOf(column: Column): PollSource | null {
  switch (column.kind) {
    case 'search':
      return { endpoint: 'search', query: column.query, ...(column.range ? { range: column.range } : {}) };
    case 'mentions':
      return { endpoint: 'mentions', userId: column.accountId };
    case 'user':
      return { endpoint: 'userPosts', userId: column.userId };
    case 'dms':
      return { endpoint: 'dmEvents' };
    case 'archive':
    case 'cases':
    case 'approvals':
    case 'scheduled':
      return null;
  }
}
