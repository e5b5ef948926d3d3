// Which hub process is the team's ingest leader (X allows one filtered-stream connection per app).
// On PostgreSQL: a session-level advisory lock held on a dedicated connection. The lock lives
// exactly as long as that session, so a process that dies (even by SIGKILL) loses it as soon as
// PostgreSQL sees the session end, and a standby's next try takes it. On SQLite one process owns
// the file, so the lease is simply held.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../../main/core/ports';

export interface LeaderLease {
  /** Whether this process is the ingest leader right now. */
  readonly isLeader: boolean;
  /** Tries to take the lease now (resolves after the first try), then keeps trying or checking. */
  start(): Promise<void>;
  /** Called on every change; returns a function that removes the listener. */
  onChange(listener: (leader: boolean) => void): () => void;
  /** Gives the lease up (listeners hear `false` if it was held) and stops trying. */
  stop(): Promise<void>;
}

/** The lock's name, fixed across versions: every hub process on one database must agree on it. */
export const INGEST_LOCK_NAME = 'deckhand-hub-ingest';

/** A signed 64-bit advisory-lock key from a name: the first 8 bytes of its SHA-256. */
export function advisoryLockKey(name: string): bigint {
  return createHash('sha256').update(name).digest().readBigInt64BE(0);
}

export const DEFAULT_LEASE_RETRY_MS = 2_000;

class LeaseListeners {
  private readonly listeners = new Set<(leader: boolean) => void>();

  add(listener: (leader: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tell(leader: boolean, logger: Logger): void {
    for (const listener of this.listeners) {
      try {
        listener(leader);
      } catch (error) {
        logger.error('a leadership listener failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}

const quietLogger: Logger = { info() {}, warn() {}, error() {} };

/** SQLite: one process owns the file, so the lease is held from start() until stop(). */
export class SingleProcessLease implements LeaderLease {
  private held = false;
  private readonly listeners = new LeaseListeners();

  constructor(private readonly logger: Logger = quietLogger) {}

  get isLeader(): boolean {
    return this.held;
  }

  async start(): Promise<void> {
    if (this.held) return;
    this.held = true;
    this.listeners.tell(true, this.logger);
  }

  onChange(listener: (leader: boolean) => void): () => void {
    return this.listeners.add(listener);
  }

  async stop(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    this.listeners.tell(false, this.logger);
  }
}

export interface PostgresLeaseOptions {
  connectionString: string;
  /** How often a standby tries the lock and a leader checks its session (default 2 s). */
  retryMs?: number;
  /** The lock's name (tests use their own to stay apart); default INGEST_LOCK_NAME. */
  lockName?: string;
  logger?: Logger;
}

/** PostgreSQL: `pg_try_advisory_lock` on a connection of its own (never a pooled one). */
export class PostgresLeaderLease implements LeaderLease {
  private readonly retryMs: number;
  private readonly key: string;
  private readonly logger: Logger;
  private readonly listeners = new LeaseListeners();
  private client: pg.Client | null = null;
  private held = false;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private attempt: Promise<void> = Promise.resolve();
  private lostAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: PostgresLeaseOptions) {
    this.retryMs = options.retryMs ?? DEFAULT_LEASE_RETRY_MS;
    this.key = advisoryLockKey(options.lockName ?? INGEST_LOCK_NAME).toString();
    this.logger = options.logger ?? quietLogger;
  }

  get isLeader(): boolean {
    return this.held;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.attempt = this.tick();
    await this.attempt;
  }

  onChange(listener: (leader: boolean) => void): () => void {
    return this.listeners.add(listener);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.attempt;
    const client = this.client;
    this.client = null;
    // Ending the session releases a session-level advisory lock; no explicit unlock is needed.
    if (client) await client.end().catch(() => {});
    this.setHeld(false);
  }

  private setHeld(held: boolean): void {
    if (this.held === held) return;
    this.held = held;
    this.listeners.tell(held, this.logger);
  }

  /** One try (standby) or one liveness check (leader), then the next one is scheduled. */
  private async tick(): Promise<void> {
    try {
      // A process that just lost its session is the suspect one: it sits out two periods so that a
      // healthy standby (whose next try is at most one period away) takes over first.
      if (!this.held && Date.now() - this.lostAt < 2 * this.retryMs) return;
      const client = this.client ?? (await this.connect());
      if (!this.running || client !== this.client) return;
      if (this.held) {
        await client.query('SELECT 1');
      } else {
        const answer = await client.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS acquired', [this.key]);
        if (this.running && client === this.client && answer.rows[0]?.acquired === true) this.setHeld(true);
      }
    } catch (error) {
      this.logger.warn('ingest lease: database unreachable; retrying', { error: error instanceof Error ? error.message : String(error) });
      this.lost(this.client);
    } finally {
      if (this.running) {
        this.timer = setTimeout(() => (this.attempt = this.tick()), this.retryMs);
        this.timer.unref();
      }
    }
  }

  private async connect(): Promise<pg.Client> {
    // A query that hangs (a silent network) must not keep a leader believing it leads forever.
    const client = new pg.Client({ connectionString: this.options.connectionString, keepAlive: true, connectionTimeoutMillis: Math.max(this.retryMs * 2, 5_000), query_timeout: Math.max(this.retryMs * 2, 5_000) });
    // A dropped session (server restart, pg_terminate_backend, network) ends the lease at once.
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
    } catch (error) {
      this.lost(client);
      throw error;
    }
    return client;
  }

  private lost(client: pg.Client | null): void {
    if (client === null || client !== this.client) return;
    this.client = null;
    client.end().catch(() => {});
    if (this.held) this.lostAt = Date.now();
    this.setHeld(false);
  }
}
