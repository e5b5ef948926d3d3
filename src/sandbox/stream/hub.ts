// Open filtered-stream connections. Each new post is matched against the rules once; its line
// (`{data, includes, matching_rules}` + \r\n) is built once per field selection and shared by
// every connection that asked for those fields. Keep-alives and faults (stall, duplicate, garble,
// cut) come from connections.ts, as on X's stream.
import type { ServerResponse } from 'node:http';
import type { Clock } from '../../shared/clock';
import type { Fault } from '../faults';
import type { SandboxPost } from '../state/posts';
import type { RuleStore } from '../state/rules';
import type { FieldSelection } from '../wire/fields';
import { IncludesBuilder, renderTweet, type Lookup } from '../wire/render';
import { LineConnections } from './connections';

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
  private readonly connections: LineConnections<FieldSelection>;

  constructor(private readonly options: StreamHubOptions) {
    this.connections = new LineConnections({
      clock: options.clock,
      keepAliveMs: options.keepAliveMs,
      onItem: (line) => {
        options.onDelivered(1);
        options.onLine?.(line);
      },
      ...(options.onLine ? { onControl: options.onLine } : {}),
    });
  }

  get openCount(): number {
    return this.connections.openCount;
  }

  /** Starts streaming on `res` (status and headers already decided by the caller). */
  open(res: ServerResponse, selection: FieldSelection, faults: readonly Fault[]): void {
    this.connections.open(res, selection, faults);
  }

  /** Applies a stream fault to every open connection; false when none is open. */
  applyFault(fault: Fault): boolean {
    return this.connections.applyFault(fault);
  }

  publish(post: SandboxPost): void {
    if (this.connections.openCount === 0 || this.options.lookup.users.get(post.authorId)?.protected) return;
    const matched = this.options.rules.matching(post);
    if (matched.length === 0) return;
    const lines = new Map<string, string>();
    const rules = JSON.stringify(matched);
    this.connections.broadcast((selection) => {
      let line = lines.get(selection.key);
      if (line === undefined) {
        line = this.lineFor(post, selection, rules);
        lines.set(selection.key, line);
      }
      return [line];
    });
  }

  closeAll(): void {
    this.connections.closeAll();
  }

  private lineFor(post: SandboxPost, selection: FieldSelection, rules: string): string {
    const includes = new IncludesBuilder(selection, this.options.lookup);
    includes.addPost(post);
    const built = includes.build();
    const data = JSON.stringify(renderTweet(post, selection.tweet));
    return `{"data":${data}${built ? `,"includes":${JSON.stringify(built)}` : ''},"matching_rules":${rules}}\r\n`;
  }
}
