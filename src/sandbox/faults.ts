// Faults scheduled through POST /_sandbox/faults. Request faults answer the next matching
// requests (`count` of them, default 1); stream faults hit the open filtered stream (or, with
// `path: '/2/activity/stream'`, the open activity stream), or the next one to connect when none
// is open.

// `late_answer`: the request is carried out (a post is created) but the answer comes `seconds`
// later, as when X accepts a post and the client's connection or process dies before it hears so.
export const FAULT_KINDS = ['disconnect', 'stall', 'http_error', 'rate_limit', 'malformed_line', 'duplicate', 'too_many_connections', 'late_answer'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** Request path the fault applies to; exact, or a prefix when it ends with `*`. */
  path?: string;
  status?: number;
  count?: number;
  seconds?: number;
}

export const STREAM_PATH = '/2/tweets/search/stream';
export const ACTIVITY_STREAM_PATH = '/2/activity/stream';
export type StreamPath = typeof STREAM_PATH | typeof ACTIVITY_STREAM_PATH;

/** Faults that act on an open stream rather than answering a request. */
export function isStreamFault(fault: Fault): boolean {
  if (fault.kind === 'stall' || fault.kind === 'malformed_line' || fault.kind === 'duplicate') return true;
  return fault.kind === 'disconnect' && (fault.path === undefined || fault.path === STREAM_PATH || fault.path === ACTIVITY_STREAM_PATH);
}

/** The stream a stream fault hits: the activity stream when its path says so, else the filtered stream. */
export function streamOf(fault: Fault): StreamPath {
  return fault.path === ACTIVITY_STREAM_PATH ? ACTIVITY_STREAM_PATH : STREAM_PATH;
}

interface Pending {
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private requestFaults: Pending[] = [];
  private streamFaults: Fault[] = [];

  schedule(fault: Fault): void {
    if (isStreamFault(fault)) this.streamFaults.push(fault);
    else this.requestFaults.push({ fault, remaining: Math.max(1, fault.count ?? 1) });
  }

  clear(): void {
    this.requestFaults = [];
    this.streamFaults = [];
  }

  get pending(): { request: Fault[]; stream: Fault[] } {
    return { request: this.requestFaults.map((p) => p.fault), stream: [...this.streamFaults] };
  }

  /** The fault to answer this request with, if one is due (uses one of its `count`). */
  takeForRequest(path: string): Fault | null {
    const index = this.requestFaults.findIndex(({ fault }) => appliesTo(fault, path));
    if (index < 0) return null;
    const pending = this.requestFaults[index]!;
    if (--pending.remaining <= 0) this.requestFaults.splice(index, 1);
    return pending.fault;
  }

  /** Stream faults waiting for a stream (at `path`) to open; they are handed over once. */
  takeStreamFaults(path: StreamPath = STREAM_PATH): Fault[] {
    const taken = this.streamFaults.filter((fault) => streamOf(fault) === path);
    this.streamFaults = this.streamFaults.filter((fault) => streamOf(fault) !== path);
    return taken;
  }
}

function appliesTo(fault: Fault, path: string): boolean {
  const wanted = fault.path ?? (fault.kind === 'too_many_connections' ? STREAM_PATH : undefined);
  if (wanted === undefined) return true;
  return wanted.endsWith('*') ? path.startsWith(wanted.slice(0, -1)) : path === wanted;
}
