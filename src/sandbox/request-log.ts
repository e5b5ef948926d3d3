// Every X API request the sandbox received (admin calls are not X and are not logged), so tests
// can audit what a client did. Keeps the newest `capacity` entries plus running counts.

export type TokenKindSeen = 'app' | 'user' | 'none';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  token_kind: TokenKindSeen;
  status: number;
  /** The spec operation the request matched, or null (unknown path). */
  operation_id: string | null;
  at: string;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private start = 0;
  private total = 0;
  private readonly byStatus = new Map<number, number>();

  constructor(private readonly capacity = 100_000) {}

  record(entry: LoggedRequest): void {
    this.total += 1;
    this.byStatus.set(entry.status, (this.byStatus.get(entry.status) ?? 0) + 1);
    this.entries.push(entry);
    // Drop the oldest in chunks: cheap, and memory stays near `capacity`.
    if (this.entries.length - this.start > this.capacity) this.start += Math.ceil(this.capacity / 10);
    if (this.start > this.capacity) {
      this.entries = this.entries.slice(this.start);
      this.start = 0;
    }
  }

  list(): LoggedRequest[] {
    return this.entries.slice(this.start);
  }

  counts(): { total: number; kept: number; by_status: Record<string, number> } {
    return { total: this.total, kept: this.entries.length - this.start, by_status: Object.fromEntries(this.byStatus) };
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
  }
}
