// Open filtered-stream connections. Each new post is matched against the rules once; its line
// (`{data, includes, matching_rules}` + \r\n) is built once per field selection and shared by
// every connection that asked for those fields. Keep-alives (\r\n) every keepAliveMs; faults
// stall, duplicate, garble or cut the stream the way X's stream fails.
import type { ServerResponse } from 'node:http';
import type { Clock, TimerHandle } from '../../shared/clock';
import type { Fault } from '../faults';
import { operationalDisconnect } from '../http/problems';
import type { SandboxPost } from '../state/posts';
import type { RuleStore } from '../state/rules';
import type { FieldSelection } from '../wire/fields';
import { IncludesBuilder, renderTweet, type Lookup } from '../wire/render';

/** X cuts readers that fall this far behind (SlowReader). */
const SLOW_READER_BYTES = 64 * 1024 * 1024;
const KEEP_ALIVE = '\r\n';

interface Connection {
  readonly res: ServerResponse;
  readonly selection: FieldSelection;
  keepAlive: TimerHandle | null;
  stallTimer: TimerHandle | null;
  /** Lines held back while the connection is stalled, with whether each is a post. */
  held: [line: string, post: boolean][] | null;
  duplicates: number;
  closed: boolean;
}

export interface StreamHubOptions {
  clock: Clock;
  rules: RuleStore;
  lookup: Lookup;
  keepAliveMs: number;
  /** Posts delivered (for usage). */
  onDelivered(count: number): void;
  /** Every JSON line sent (posts, disconnect messages). */
  onLine?(line: string): void;
}

export class StreamHub {
  private readonly connections = new Set<Connection>();

  constructor(private readonly options: StreamHubOptions) {}

  get openCount(): number {
    return this.connections.size;
  }

  /** Starts streaming on `res` (status and headers already decided by the caller). */
  open(res: ServerResponse, selection: FieldSelection, faults: readonly Fault[]): void {
    const connection: Connection = { res, selection, keepAlive: null, stallTimer: null, held: null, duplicates: 0, closed: false };
    this.connections.add(connection);
    res.on('close', () => this.forget(connection));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    this.scheduleKeepAlive(connection);
    for (const fault of faults) this.applyTo(connection, fault);
  }

  /** Applies a stream fault to every open connection; false when none is open. */
  applyFault(fault: Fault): boolean {
    if (this.connections.size === 0) return false;
    for (const connection of [...this.connections]) this.applyTo(connection, fault);
    return true;
  }

  publish(post: SandboxPost): void {
    if (this.connections.size === 0 || this.options.lookup.users.get(post.authorId)?.protected) return;
    const matched = this.options.rules.matching(post);
    if (matched.length === 0) return;
    const lines = new Map<string, string>();
    const rules = JSON.stringify(matched);
    for (const connection of this.connections) {
      let line = lines.get(connection.selection.key);
      if (line === undefined) {
        line = this.lineFor(post, connection.selection, rules);
        lines.set(connection.selection.key, line);
      }
      this.send(connection, line, true);
      if (connection.duplicates > 0) {
        connection.duplicates -= 1;
        this.send(connection, line, true);
      }
    }
  }

  closeAll(): void {
    for (const connection of [...this.connections]) {
      connection.res.end();
      this.forget(connection);
    }
  }

  private lineFor(post: SandboxPost, selection: FieldSelection, rules: string): string {
    const includes = new IncludesBuilder(selection, this.options.lookup);
    includes.addPost(post);
    const built = includes.build();
    const data = JSON.stringify(renderTweet(post, selection.tweet));
    return `{"data":${data}${built ? `,"includes":${JSON.stringify(built)}` : ''},"matching_rules":${rules}}\r\n`;
  }

  /** Writes a line; `post` lines count as delivered posts. */
  private send(connection: Connection, line: string, post = false): void {
    if (connection.closed) return;
    if (connection.held) {
      connection.held.push([line, post]);
      return;
    }
    connection.res.write(line);
    if (post) {
      this.options.onDelivered(1);
      this.options.onLine?.(line);
    }
    if (connection.res.writableLength > SLOW_READER_BYTES) this.disconnect(connection, 'SlowReader');
  }

  private applyTo(connection: Connection, fault: Fault): void {
    switch (fault.kind) {
      case 'disconnect':
        this.disconnect(connection, 'OperationalDisconnect');
        break;
      case 'malformed_line':
        this.send(connection, '{"data":{"id":"1","text":"this line was cut\r\n');
        break;
      case 'duplicate':
        connection.duplicates += Math.max(1, fault.count ?? 1);
        break;
      case 'stall':
        this.stall(connection, Math.max(0, fault.seconds ?? 30) * 1000);
        break;
      default:
        break;
    }
  }

  /** Nothing at all (not even keep-alives) for `ms`; what arrived meanwhile follows afterwards. */
  private stall(connection: Connection, ms: number): void {
    const { clock } = this.options;
    connection.held ??= [];
    clock.clearTimeout(connection.keepAlive);
    connection.keepAlive = null;
    clock.clearTimeout(connection.stallTimer);
    connection.stallTimer = clock.setTimeout(() => {
      connection.stallTimer = null;
      const held = connection.held ?? [];
      connection.held = null;
      for (const [line, post] of held) this.send(connection, line, post);
      this.scheduleKeepAlive(connection);
    }, ms);
  }

  private disconnect(connection: Connection, type: 'OperationalDisconnect' | 'SlowReader'): void {
    if (connection.closed) return;
    connection.held = null;
    const line = `${JSON.stringify(operationalDisconnect(type))}\r\n`;
    connection.res.end(line);
    this.options.onLine?.(line);
    this.forget(connection);
  }

  private scheduleKeepAlive(connection: Connection): void {
    const { clock, keepAliveMs } = this.options;
    connection.keepAlive = clock.setTimeout(() => {
      if (connection.closed) return;
      this.send(connection, KEEP_ALIVE);
      this.scheduleKeepAlive(connection);
    }, keepAliveMs);
  }

  private forget(connection: Connection): void {
    if (connection.closed) return;
    connection.closed = true;
    this.options.clock.clearTimeout(connection.keepAlive);
    this.options.clock.clearTimeout(connection.stallTimer);
    this.connections.delete(connection);
  }
}
