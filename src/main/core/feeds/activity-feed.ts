// Real-time DMs and mentions through the X Activity API: the brand handles that have DMs or
// mentions columns are subscribed (dm.received, dm.sent, post.mention.create; idempotent) and the
// app's one activity stream hands their events to the engine. Which handles are live (stream up
// and subscribed) decides how their DMs columns are polled: slowly, as a safety net, while live;
// within X's 15 reads per 15 minutes otherwise.
import type { TwitterApiReadWrite } from 'twitter-api-v2';
import type { Logger } from '../ports';
import { ACTIVITY_EVENT_TYPES, subscribe, subscribedEventTypes, type ActivityEvent } from '../x/activity';
import type { ActingAs } from '../x/acting-as';
import { describeXError } from '../x/errors';
import type { ReconnectPolicy } from './backoff';
import { ActivityStream, type ActivityStreamState } from './activity-stream';

export interface ActivityFeedEvents {
  onEvent(event: ActivityEvent): void;
  /** Which handles are live changed (the stream came or went, a handle got subscribed). */
  onLiveChanged(): void;
  /** Something may have been missed for the live handles: their DM polls should catch up. */
  onGap(): void;
}

export interface ActivityFeedDeps {
  app: TwitterApiReadWrite;
  actingAs: ActingAs;
  logger: Logger;
  events: ActivityFeedEvents;
  stallMs: number;
  reconnect: ReconnectPolicy;
  /** A handle whose subscriptions failed is tried again this much later. */
  retrySubscribeMs: number;
}

type HandleState = 'subscribing' | 'subscribed' | 'failed';

export class ActivityFeed {
  private readonly stream: ActivityStream;
  private readonly handles = new Map<string, HandleState>();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private wanted: ReadonlySet<string> = new Set();
  private state: ActivityStreamState = 'connecting';
  /** Subscriptions count against the app's limit: none until X has let the app open the stream. */
  private streamed = false;
  private stopped = false;

  constructor(private readonly deps: ActivityFeedDeps) {
    this.stream = new ActivityStream(
      deps.app,
      {
        onEvent: (event) => {
          if (!this.stopped) deps.events.onEvent(event);
        },
        onState: (state) => this.stateChanged(state),
        onGap: () => {
          if (!this.stopped) deps.events.onGap();
        },
      },
      deps.logger,
      { stallMs: deps.stallMs, reconnect: deps.reconnect },
    );
  }

  /** Connects in the background; an app X refuses the stream ends up `unavailable`. */
  start(): void {
    this.stream.start().catch((error: unknown) => {
      this.deps.logger.warn('activity stream could not start', { error: describeXError(error) });
      this.stateChanged('unavailable');
    });
  }

  /** The stream is up and the handle subscribed: its DMs and mentions arrive as they happen. */
  isLive(accountId: string): boolean {
    return !this.stopped && this.state === 'streaming' && this.stream.isConnected && this.handles.get(accountId) === 'subscribed';
  }

  /** The handles that should be subscribed now; new ones are subscribed, gone ones forgotten. */
  want(accountIds: ReadonlySet<string>): void {
    if (this.stopped) return;
    this.wanted = accountIds;
    let changed = false;
    for (const id of [...this.handles.keys()]) {
      if (accountIds.has(id)) continue;
      this.handles.delete(id);
      clearTimeout(this.retries.get(id));
      this.retries.delete(id);
      changed = true;
    }
    this.subscribeWanted();
    if (changed) this.deps.events.onLiveChanged();
  }

  private subscribeWanted(): void {
    if (!this.streamed || this.stopped) return;
    for (const id of this.wanted) if (!this.handles.has(id)) void this.subscribeHandle(id);
  }

  stop(): void {
    this.stopped = true;
    this.stream.stop();
    for (const timer of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
  }

  private stateChanged(state: ActivityStreamState): void {
    if (this.stopped || state === this.state) return;
    this.state = state;
    if (state === 'streaming' && !this.streamed) {
      this.streamed = true;
      this.subscribeWanted();
    }
    this.deps.events.onLiveChanged();
  }

  /** Lists what exists (app token) and creates the rest with the handle's own token. */
  private async subscribeHandle(accountId: string): Promise<void> {
    this.handles.set(accountId, 'subscribing');
    try {
      const existing = await subscribedEventTypes(this.deps.app, accountId);
      for (const eventType of ACTIVITY_EVENT_TYPES) {
        if (existing.has(eventType)) continue;
        await this.deps.actingAs(accountId, (client) => subscribe(client, eventType, accountId));
      }
    } catch (error) {
      if (this.handles.get(accountId) !== 'subscribing') return;
      this.handles.set(accountId, 'failed');
      this.deps.logger.warn('activity subscriptions failed; DMs are polled', { accountId, error: describeXError(error) });
      if (!this.stopped) {
        this.retries.set(
          accountId,
          setTimeout(() => {
            this.retries.delete(accountId);
            if (!this.stopped && this.handles.get(accountId) === 'failed') void this.subscribeHandle(accountId);
          }, this.deps.retrySubscribeMs),
        );
      }
      return;
    }
    if (this.stopped || this.handles.get(accountId) !== 'subscribing') return;
    this.handles.set(accountId, 'subscribed');
    this.deps.events.onLiveChanged();
    // Events between the handle's last poll and its subscription: the poll catches up.
    this.deps.events.onGap();
  }
}
