// Open streaming connections that speak X's line protocol (one JSON object + \r\n per item,
// \r\n keep-alives every keepAliveMs), and the stream faults they suffer: disconnect (X's
// operational-disconnect message, then the end), stall (nothing at all for `seconds`, then what
// was held), duplicate (the next items twice) and malformed_line (a cut line). The filtered
// stream (hub.ts) and the activity stream (activity-hub.ts) share it, so a client meets the same
// faults on both.
import type { ServerResponse } from 'node:http';
import type { Clock, TimerHandle } from '../../shared/clock';
import type { Fault } from '../faults';
import { operationalDisconnect } from '../http/problems';

/** X cuts readers that fall this far behind (SlowReader). */
const SLOW_READER_BYTES = 64 * 1024 * 1024;
const KEEP_ALIVE = '\r\n';
const MALFORMED_LINE = '{"data":{"id":"1","text":"this line was cut\r\n';

interface Connection<Meta> {
  readonly res: ServerResponse;
  readonly meta: Meta;
  keepAlive: TimerHandle | null;
  stallTimer: TimerHandle | null;
  /** Lines held back while the connection is stalled, with whether each is an item. */
  held: [line: string, item: boolean][] | null;
  duplicates: number;
  closed: boolean;
}

export interface LineStreamOptions {
  clock: Clock;
  keepAliveMs: number;
  /** Each item line written (posts, events), after any stall. */
  onItem?(line: string): void;
  /** Each disconnect message written. */
  onControl?(line: string): void;
}

export class LineConnections<Meta> {
  private readonly connections = new Set<Connection<Meta>>();

  constructor(private readonly options: LineStreamOptions) {}

  get openCount(): number {
    return this.connections.size;
  }

  /** Starts streaming on `res` with what the caller decided for it (`meta`), then the faults due. */
  open(res: ServerResponse, meta: Meta, faults: readonly Fault[]): void {
    const connection: Connection<Meta> = { res, meta, keepAlive: null, stallTimer: null, held: null, duplicates: 0, closed: false };
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

  /** Sends each connection the lines `linesFor` gives it (none: skipped); a pending duplicate repeats them. */
  broadcast(linesFor: (meta: Meta) => readonly string[]): void {
    for (const connection of [...this.connections]) {
      const lines = linesFor(connection.meta);
      if (lines.length === 0) continue;
      for (const line of lines) this.send(connection, line, true);
      if (connection.duplicates > 0) {
        connection.duplicates -= 1;
        for (const line of lines) this.send(connection, line, true);
      }
    }
  }

  closeAll(): void {
    for (const connection of [...this.connections]) {
      connection.res.end();
      this.forget(connection);
    }
  }

  private send(connection: Connection<Meta>, line: string, item = false): void {
    if (connection.closed) return;
    if (connection.held) {
      connection.held.push([line, item]);
      return;
    }
    connection.res.write(line);
    if (item) this.options.onItem?.(line);
    if (connection.res.writableLength > SLOW_READER_BYTES) this.disconnect(connection, 'SlowReader');
  }

  private applyTo(connection: Connection<Meta>, fault: Fault): void {
    switch (fault.kind) {
      case 'disconnect':
        this.disconnect(connection, 'OperationalDisconnect');
        break;
      case 'malformed_line':
        this.send(connection, MALFORMED_LINE);
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
  private stall(connection: Connection<Meta>, ms: number): void {
    const { clock } = this.options;
    connection.held ??= [];
    clock.clearTimeout(connection.keepAlive);
    connection.keepAlive = null;
    clock.clearTimeout(connection.stallTimer);
    connection.stallTimer = clock.setTimeout(() => {
      connection.stallTimer = null;
      const held = connection.held ?? [];
      connection.held = null;
      for (const [line, item] of held) this.send(connection, line, item);
      this.scheduleKeepAlive(connection);
    }, ms);
  }

  private disconnect(connection: Connection<Meta>, type: 'OperationalDisconnect' | 'SlowReader'): void {
    if (connection.closed) return;
    connection.held = null;
    const line = `${JSON.stringify(operationalDisconnect(type))}\r\n`;
    connection.res.end(line);
    this.options.onControl?.(line);
    this.forget(connection);
  }

  private scheduleKeepAlive(connection: Connection<Meta>): void {
    const { clock, keepAliveMs } = this.options;
    connection.keepAlive = clock.setTimeout(() => {
      if (connection.closed) return;
      this.send(connection, KEEP_ALIVE);
      this.scheduleKeepAlive(connection);
    }, keepAliveMs);
  }

  private forget(connection: Connection<Meta>): void {
    if (connection.closed) return;
    connection.closed = true;
    this.options.clock.clearTimeout(connection.keepAlive);
    this.options.clock.clearTimeout(connection.stallTimer);
    this.connections.delete(connection);
  }
}
