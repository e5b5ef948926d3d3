// The app's one filtered-stream connection: carries every streaming column as a rule tagged by
// the column, reconnects by X's rules, and hands posts over in micro-batches.
import {
  ApiResponseError,
  ETwitterStreamEvent,
  type StreamingV2Rule,
  type TweetStream,
  type TweetV2SingleStreamResult,
  type TwitterApiReadWrite,
} from 'twitter-api-v2';
import type { Column } from '../../../shared/domain';
import type { Logger } from '../ports';
import { EXPANSIONS, TWEET_FIELDS, USER_FIELDS } from '../x/client';
import { describeXError, httpStatusOf } from '../x/errors';
import { normaliseBatch, type NormalisedBatch } from '../x/normalize';
import { reconnectDelayMs } from './backoff';

const TAG_PREFIX = 'deckhand:';
export const ruleTag = (columnId: string) => `${TAG_PREFIX}${columnId}`;
const columnOfTag = (tag: string | undefined) => (tag?.startsWith(TAG_PREFIX) ? tag.slice(TAG_PREFIX.length) : null);

export type StreamState = 'connecting' | 'streaming' | 'error';

export interface FilteredStreamHandlers {
  onBatch(batch: NormalisedBatch, routes: Map<string, string[]>): void;
  onState(state: StreamState, message: string | null): void;
  /** After every (re)connection: the place to fill the gap the connection left. */
  onConnected(): void;
}

/** Which rule problem belongs to which column, so each column can say what is wrong. */
export type RuleErrors = Map<string, string>;

export class FilteredStream {
  private stream: TweetStream<TweetV2SingleStreamResult> | null = null;
  private buffer: TweetV2SingleStreamResult[] = [];
  private flushScheduled = false;
  private stopped = false;

  constructor(
    private readonly client: TwitterApiReadWrite,
    private readonly handlers: FilteredStreamHandlers,
    private readonly logger: Logger,
  ) {}

  /** Makes the app's rules exactly one per streaming column; returns per-column problems. */
  async syncRules(columns: readonly Column[]): Promise<RuleErrors> {
    const existing = (await this.client.v2.streamRules()).data ?? [];
    const wanted = new Map(columns.map((c) => [ruleTag(c.id), c]));
    const stale = existing.filter((rule: StreamingV2Rule) => {
      const column = rule.tag ? wanted.get(rule.tag) : undefined;
      return columnOfTag(rule.tag) !== null && (!column || column.query !== rule.value);
    });
    if (stale.length > 0) await this.client.v2.updateStreamRules({ delete: { ids: stale.map((r) => r.id) } });
    const kept = new Set(existing.filter((r) => !stale.includes(r)).map((r) => r.tag));
    const missing = columns.filter((c) => !kept.has(ruleTag(c.id)));
    const errors: RuleErrors = new Map();
    if (missing.length === 0) return errors;
    try {
      const result = await this.client.v2.updateStreamRules({ add: missing.map((c) => ({ value: c.query, tag: ruleTag(c.id) })) });
      for (const problem of result.errors ?? []) {
        const value = (problem as { value?: string }).value;
        const column = missing.find((c) => c.query === value);
        const detail = (problem as { details?: string[] }).details?.join('; ') ?? problem.title;
        if (column) errors.set(column.id, `X refused the query: ${detail}`);
      }
    } catch (error) {
      // One bad rule fails the whole request on X: report it on every column that was being added.
      for (const column of missing) errors.set(column.id, `X refused the query: ${describeXError(error)}`);
    }
    return errors;
  }

  /** X's own verdict on a query (rules `dry_run`), or null when it is valid. */
  async checkQuery(query: string): Promise<string | null> {
    try {
      const result = await this.client.v2.updateStreamRules({ add: [{ value: query }] }, { dry_run: true });
      const problem = result.errors?.[0] as { details?: string[]; title?: string } | undefined;
      return problem ? (problem.details?.join('; ') ?? problem.title ?? 'invalid query') : null;
    } catch (error) {
      if (httpStatusOf(error) === 400) return describeXError(error);
      throw error;
    }
  }

  async removeRule(columnId: string): Promise<void> {
    const rules = (await this.client.v2.streamRules()).data ?? [];
    const ids = rules.filter((r) => r.tag === ruleTag(columnId)).map((r) => r.id);
    if (ids.length > 0) await this.client.v2.updateStreamRules({ delete: { ids } });
  }

  async start(): Promise<void> {
    this.handlers.onState('connecting', null);
    const stream = await this.client.v2.searchStream({
      'tweet.fields': [...TWEET_FIELDS],
      'user.fields': [...USER_FIELDS],
      expansions: [...EXPANSIONS],
      autoConnect: false,
    });
    this.stream = stream;
    stream.on(ETwitterStreamEvent.Data, (event) => this.enqueue(event));
    stream.on(ETwitterStreamEvent.Connected, () => this.connected());
    stream.on(ETwitterStreamEvent.Reconnected, () => this.connected());
    stream.on(ETwitterStreamEvent.ConnectionLost, () => this.handlers.onState('connecting', 'Connection lost; reconnecting'));
    stream.on(ETwitterStreamEvent.ReconnectError, (attempt: number) => this.handlers.onState('connecting', `Reconnecting (attempt ${attempt + 1})`));
    stream.on(ETwitterStreamEvent.ConnectError, () => this.handlers.onState('connecting', 'Could not connect; retrying'));
    stream.on(ETwitterStreamEvent.TweetParseError, () => this.logger.warn('stream: skipped a malformed line'));
    stream.on(ETwitterStreamEvent.Error, ({ message }: { message: string }) => this.logger.warn('stream error', { message }));
    await stream.connect({
      autoReconnect: true,
      autoReconnectRetries: Infinity,
      keepAliveTimeout: 30_000, // silent for 30 s means stalled
      nextRetryTimeout: (attempt: number, error: unknown) => {
        const status = error instanceof ApiResponseError ? error.code : null;
        return reconnectDelayMs(status === 429 ? 'rate_limit' : status ? 'http' : 'network', attempt);
      },
    });
  }

  stop(): void {
    this.stopped = true;
    this.stream?.close();
    this.stream = null;
    this.flush();
  }

  private connected(): void {
    if (this.stopped) return;
    this.handlers.onState('streaming', null);
    this.handlers.onConnected();
  }

  private enqueue(event: TweetV2SingleStreamResult): void {
    this.buffer.push(event);
    if (this.buffer.length >= 1_000) this.flush();
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
    const routes = new Map<string, string[]>();
    for (const event of events) {
      const columns = (event.matching_rules ?? []).map((r) => columnOfTag(r.tag)).filter((id): id is string => id !== null);
      if (event.data?.id) routes.set(event.data.id, [...(routes.get(event.data.id) ?? []), ...columns]);
    }
    const batch = normaliseBatch(
      events.map((e) => e.data),
      events.flatMap((e) => e.includes?.users ?? []),
    );
    this.handlers.onBatch(batch, routes);
  }
}
