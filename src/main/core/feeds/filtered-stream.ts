// The app's one filtered-stream connection. Carries one rule per distinct column query (two
// columns with the same query share a rule: X refuses duplicates), tagged by the first column
// that asked for it; reconnects by X's rules; reports every gap (drop, stall, unreadable line) so
// the engine can fill it from recent search; hands posts over in micro-batches.
import {
  ApiResponseError,
  ETwitterStreamEvent,
  type MediaObjectV2,
  type StreamingV2Rule,
  type TweetStream,
  type TweetV2,
  type TweetV2SingleStreamResult,
  type TwitterApiReadWrite,
  type UserV2,
} from 'twitter-api-v2';
import type { Logger } from '../ports';
import { POST_REQUEST_FIELDS } from '../x/client';
import { describeXError, httpStatusOf } from '../x/errors';
import { normaliseBatch, type NormalisedBatch } from '../x/normalize';
import { reconnectDelayMs, X_RECONNECT_POLICY, type ReconnectPolicy } from './backoff';
import { decodeUtf8AcrossChunks, readLinesInPlaceOfLibrary } from './library-stream';
import { StreamLines } from './stream-lines';
import { planRules, type RuleLimits, type RulePlan, type WantedRule } from './stream-rules';

const TAG_PREFIX = 'deckhand:';
/** X's problem type for a rule whose value is already one of the app's rules. */
const DUPLICATE_RULE = 'https://api.twitter.com/2/problems/duplicate-rules';
export const ruleTag = (columnId: string) => `${TAG_PREFIX}${columnId}`;
const isOurs = (rule: { tag?: string }) => rule.tag?.startsWith(TAG_PREFIX) === true;

export type StreamState = 'connecting' | 'streaming';
export type GapReason = 'disconnected' | 'stalled' | 'malformed line';

export interface FilteredStreamHandlers {
  /** Posts of one micro-batch, with the rule values each matched. */
  onBatch(batch: NormalisedBatch, matched: Map<string, string[]>): void;
  onState(state: StreamState, message: string | null): void;
  /** After every (re)connection: the place to fill the gaps. */
  onConnected(): void;
  /** Something may have been missed since the last post received. */
  onGap(reason: GapReason): void;
}

export interface FilteredStreamOptions {
  /** No data and no keep-alive for this long means stalled (X: 30 s; X sends a keep-alive every 20 s). */
  stallMs: number;
  reconnect: ReconnectPolicy;
}

export const DEFAULT_STREAM_OPTIONS: FilteredStreamOptions = { stallMs: 30_000, reconnect: X_RECONNECT_POLICY };

const MAX_BUFFER = 1_000;

export class FilteredStream {
  private stream: TweetStream<TweetV2SingleStreamResult> | null = null;
  private buffer: TweetV2SingleStreamResult[] = [];
  private flushScheduled = false;
  private stopped = false;
  private live = false;
  /** Rule id → value, for routing by `matching_rules`. */
  private valueById = new Map<string, string>();
  private readonly lines = new StreamLines((line) => this.line(line));

  constructor(
    private readonly client: TwitterApiReadWrite,
    private readonly handlers: FilteredStreamHandlers,
    private readonly logger: Logger,
    private readonly options: FilteredStreamOptions = DEFAULT_STREAM_OPTIONS,
  ) {}

  /** True while a connection is established (data would arrive). */
  get isConnected(): boolean {
    return this.live;
  }

  /** Lists the app's rules; throws X's answer (403/404 when the app has no stream access). */
  async listRules(): Promise<StreamingV2Rule[]> {
    const rules = (await this.client.v2.streamRules()).data ?? [];
    this.valueById = new Map(rules.map((r) => [r.id, r.value]));
    return rules;
  }

  /**
   * Makes the app's Deckhand rules exactly the wanted values (in deck order, first ones win when
   * X's limits do not fit them all). Returns per value what X refused or what did not fit.
   */
  async syncRules(wanted: readonly WantedRule[], limits: RuleLimits): Promise<RulePlan['problems']> {
    const existing = await this.listRules();
    const plan = planRules(existing.map((r) => ({ id: r.id, value: r.value, ours: isOurs(r) })), wanted, limits);
    if (plan.remove.length > 0) await this.client.v2.updateStreamRules({ delete: { ids: plan.remove } });
    for (const id of plan.remove) this.valueById.delete(id);
    const problems = new Map(plan.problems);
    if (plan.add.length === 0) return problems;
    try {
      const result = await this.client.v2.updateStreamRules({ add: plan.add.map((r) => ({ value: r.value, tag: ruleTag(r.columnId) })) });
      for (const rule of result.data ?? []) this.valueById.set(rule.id, rule.value);
      for (const problem of result.errors ?? []) {
        const value = (problem as { value?: string }).value;
        const detail = (problem as { details?: string[] }).details?.join('; ') ?? problem.title;
        if (value) problems.set(value, { kind: 'refused', message: `X refused the query: ${detail}` });
      }
    } catch (error) {
      // One bad rule fails the whole request on X: report it on every value being added.
      for (const rule of plan.add) problems.set(rule.value, { kind: 'refused', message: `X refused the query: ${describeXError(error)}` });
    }
    return problems;
  }

  /** X's own verdict on a query (rules `dry_run`), or null when it is valid. */
  async checkQuery(query: string): Promise<string | null> {
    try {
      const result = await this.client.v2.updateStreamRules({ add: [{ value: query }] }, { dry_run: true });
      // A duplicate is a query X already takes: a column follows it now (the column whose dates
      // are changing, or another with the same words). X counts it valid; only the rule exists.
      const problems = (result.errors ?? []) as { details?: string[]; title?: string; type?: string }[];
      const problem = problems.find((each) => each.title !== 'DuplicateRule' && each.type !== DUPLICATE_RULE);
      return problem ? (problem.details?.join('; ') ?? problem.title ?? 'invalid query') : null;
    } catch (error) {
      if (httpStatusOf(error) === 400) return describeXError(error);
      throw error;
    }
  }

  async start(): Promise<void> {
    this.handlers.onState('connecting', null);
    const stream = await this.client.v2.searchStream({ ...POST_REQUEST_FIELDS, autoConnect: false });
    this.stream = stream;
    if (!readLinesInPlaceOfLibrary(stream, this.lines)) this.logger.warn('stream: twitter-api-v2 changed inside; reading lines with its own parser');
    stream.on(ETwitterStreamEvent.Data, (event) => this.enqueue(event));
    stream.on(ETwitterStreamEvent.Connected, () => this.connected());
    stream.on(ETwitterStreamEvent.Reconnected, () => this.connected());
    stream.on(ETwitterStreamEvent.ConnectionLost, () => this.lost('stalled', `No data or keep-alive for ${Math.round(this.options.stallMs / 1000)} s; reconnecting`));
    stream.on(ETwitterStreamEvent.ConnectionError, () => this.lost('disconnected', 'Connection lost; reconnecting'));
    stream.on(ETwitterStreamEvent.ReconnectError, (attempt: number) => this.handlers.onState('connecting', `Reconnecting (attempt ${attempt + 2})`));
    stream.on(ETwitterStreamEvent.ConnectError, () => this.handlers.onState('connecting', 'Could not connect; retrying'));
    stream.on(ETwitterStreamEvent.TweetParseError, () => this.unreadable());
    stream.on(ETwitterStreamEvent.DataError, (payload: unknown) => this.reportError(payload));
    await stream.connect({
      autoReconnect: true,
      autoReconnectRetries: Infinity,
      keepAliveTimeout: this.options.stallMs,
      nextRetryTimeout: (attempt: number, error: unknown) => {
        const status = error instanceof ApiResponseError ? error.code : null;
        const kind = status === 429 ? 'rate_limit' : status ? 'http' : 'network';
        const delay = reconnectDelayMs(kind, attempt, this.options.reconnect);
        this.handlers.onState('connecting', status ? `X answered ${status}; reconnecting in ${Math.ceil(delay / 1000)} s` : 'Reconnecting');
        return delay;
      },
    });
  }

  stop(): void {
    this.stopped = true;
    this.live = false;
    this.stream?.destroy();
    this.stream = null;
    this.flush();
  }

  private connected(): void {
    if (this.stopped) return;
    if (this.stream && !decodeUtf8AcrossChunks(this.stream)) this.logger.warn('stream: twitter-api-v2 changed inside; it decodes the body itself');
    this.live = true;
    this.handlers.onState('streaming', null);
    this.handlers.onConnected();
  }

  private lost(reason: GapReason, message: string): void {
    if (this.stopped) return;
    this.flush();
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
      payload = null;
    }
    if (payload === null || typeof payload !== 'object') this.unreadable();
    else if ('errors' in payload && !('data' in payload)) this.reportError(payload);
    else this.enqueue(payload as TweetV2SingleStreamResult);
  }

  private unreadable(): void {
    this.logger.warn('stream: skipped a malformed line; filling the gap from recent search');
    this.flush();
    this.handlers.onGap('malformed line');
  }

  private reportError(payload: unknown): void {
    this.logger.warn('stream: X reported an error', { payload: JSON.stringify(payload).slice(0, 500) });
  }

  private enqueue(event: TweetV2SingleStreamResult): void {
    this.buffer.push(event);
    if (this.buffer.length >= MAX_BUFFER) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.buffer.length === 0) return;
    const events = this.buffer;
    this.buffer = [];
    const matched = new Map<string, string[]>();
    const tweets: TweetV2[] = [];
    const includes = { users: [] as UserV2[], tweets: [] as TweetV2[], media: [] as MediaObjectV2[] };
    for (const event of events) {
      const tweet = event.data;
      if (tweet === undefined) continue;
      tweets.push(tweet);
      if (event.includes?.users) includes.users.push(...event.includes.users);
      if (event.includes?.tweets) includes.tweets.push(...event.includes.tweets);
      if (event.includes?.media) includes.media.push(...event.includes.media);
      if (!tweet.id) continue;
      let values = matched.get(tweet.id);
      if (!values) matched.set(tweet.id, (values = []));
      for (const rule of event.matching_rules ?? []) {
        const value = this.valueById.get(String(rule.id));
        if (value !== undefined) values.push(value);
      }
    }
    const batch = normaliseBatch(tweets, includes);
    this.handlers.onBatch(batch, matched);
  }
}
