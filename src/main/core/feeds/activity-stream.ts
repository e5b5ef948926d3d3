// The app's one X Activity API stream connection (GET /2/activity/stream, app Bearer token). Read
// like the filtered stream (filtered-stream.ts): twitter-api-v2 keeps the connection, keep-alive
// timer and reconnects by X's rules; Deckhand splits and parses the lines. Every gap (drop,
// stall, unreadable line) is reported so the DM polls can catch up. An app X refuses the stream
// (401/403/404, e.g. Basic's client-not-enrolled) is told once, and the connection is given up.
import { ApiResponseError, ETwitterStreamEvent, type TweetStream, type TwitterApiReadWrite } from 'twitter-api-v2';
import type { Logger } from '../ports';
import { ACTIVITY_STREAM_PATH, readActivityEvent, type ActivityEvent } from '../x/activity';
import { describeXError } from '../x/errors';
import { reconnectDelayMs, type ReconnectPolicy } from './backoff';
import type { GapReason } from './filtered-stream';
import { decodeUtf8AcrossChunks, readLinesInPlaceOfLibrary } from './library-stream';
import { StreamLines } from './stream-lines';

export type ActivityStreamState = 'connecting' | 'streaming' | 'unavailable';

export interface ActivityStreamHandlers {
  onEvent(event: ActivityEvent): void;
  onState(state: ActivityStreamState, message: string | null): void;
  /** Something may have been missed (also after every reconnection). */
  onGap(reason: GapReason | 'reconnected'): void;
}

export interface ActivityStreamOptions {
  /** No data and no keep-alive for this long means stalled (X sends a keep-alive every 20 s). */
  stallMs: number;
  reconnect: ReconnectPolicy;
}

const REFUSED = new Set([401, 403, 404]);

export class ActivityStream {
  private stream: TweetStream<unknown> | null = null;
  private stopped = false;
  private live = false;
  private everConnected = false;
  private readonly lines = new StreamLines((line) => this.line(line));

  constructor(
    private readonly client: TwitterApiReadWrite,
    private readonly handlers: ActivityStreamHandlers,
    private readonly logger: Logger,
    private readonly options: ActivityStreamOptions,
  ) {}

  get isConnected(): boolean {
    return this.live;
  }

  async start(): Promise<void> {
    this.handlers.onState('connecting', null);
    const stream = this.client.v2.getStream<unknown>(ACTIVITY_STREAM_PATH, undefined, { autoConnect: false });
    this.stream = stream;
    if (!readLinesInPlaceOfLibrary(stream, this.lines)) this.logger.warn('activity stream: twitter-api-v2 changed inside; reading lines with its own parser');
    stream.on(ETwitterStreamEvent.Data, (payload: unknown) => this.payload(payload));
    stream.on(ETwitterStreamEvent.Connected, () => this.connected());
    stream.on(ETwitterStreamEvent.Reconnected, () => this.connected());
    stream.on(ETwitterStreamEvent.ConnectionLost, () => this.lost('stalled', `No data or keep-alive for ${Math.round(this.options.stallMs / 1000)} s; reconnecting`));
    stream.on(ETwitterStreamEvent.ConnectionError, () => this.lost('disconnected', 'Connection lost; reconnecting'));
    stream.on(ETwitterStreamEvent.TweetParseError, () => this.unreadable());
    await stream.connect({
      autoReconnect: true,
      autoReconnectRetries: Infinity,
      keepAliveTimeout: this.options.stallMs,
      nextRetryTimeout: (attempt: number, error: unknown) => this.retryDelay(attempt, error),
    });
  }

  stop(): void {
    this.stopped = true;
    this.live = false;
    this.stream?.destroy();
    this.stream = null;
  }

  private retryDelay(attempt: number, error: unknown): number {
    const status = error instanceof ApiResponseError ? error.code : null;
    if (!this.everConnected && status !== null && REFUSED.has(status)) {
      // X does not offer this app the stream: polling it is; no point knocking again.
      this.logger.info('activity stream not available; DMs are polled', { status });
      this.handlers.onState('unavailable', describeXError(error));
      setImmediate(() => this.stop());
      return 2 ** 31 - 1;
    }
    const kind = status === 429 ? 'rate_limit' : status ? 'http' : 'network';
    const delay = reconnectDelayMs(kind, attempt, this.options.reconnect);
    if (!this.stopped) this.handlers.onState('connecting', status ? `X answered ${status}; reconnecting in ${Math.ceil(delay / 1000)} s` : 'Reconnecting');
    return delay;
  }

  private connected(): void {
    if (this.stopped) return;
    if (this.stream && !decodeUtf8AcrossChunks(this.stream)) this.logger.warn('activity stream: twitter-api-v2 changed inside; it decodes the body itself');
    this.live = true;
    this.everConnected = true;
    this.handlers.onState('streaming', null);
    this.handlers.onGap('reconnected');
  }

  private lost(reason: GapReason, message: string): void {
    if (this.stopped) return;
    const wasLive = this.live;
    this.live = false;
    this.handlers.onState('connecting', message);
    if (wasLive) this.handlers.onGap(reason);
  }

  private line(text: string): void {
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return this.unreadable();
    }
    this.payload(payload);
  }

  private payload(payload: unknown): void {
    if (typeof payload !== 'object' || payload === null) return this.unreadable();
    if ('errors' in payload && !('data' in payload)) {
      // X's operational-disconnect notice and the like: the connection ends right after.
      this.logger.warn('activity stream: X reported an error', { payload: JSON.stringify(payload).slice(0, 500) });
      return;
    }
    const event = readActivityEvent(payload);
    if (event === null) return this.unreadable();
    this.handlers.onEvent(event);
  }

  private unreadable(): void {
    this.logger.warn('activity stream: skipped a malformed line; the DM poll catches up');
    this.handlers.onGap('malformed line');
  }
}
