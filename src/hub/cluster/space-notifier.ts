// Hub replicas on one PostgreSQL poke each other's desktops: after a local commit moves a space,
// this process NOTIFYs the others; each LISTENs on a connection of its own and pokes its own
// desktops. The desktops then pull from the shared database as usual. On SQLite one process owns
// the store, so there is no one to tell.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../../main/core/ports';
import type { HubDb } from '../db/schema';
import { spaceVersions } from '../queries/log';

export interface SpaceNotifier {
  /** Starts listening for the other processes (resolves once the first LISTEN is in place). */
  start(): Promise<void>;
  /** A commit here moved `space` to `version`: tell the other processes. Never throws. */
  moved(space: string, version: number): Promise<void>;
  /** Called for every space another process moved; returns a function that removes the listener. */
  onRemote(listener: (space: string, version: number) => void): () => void;
  stop(): Promise<void>;
}

export const SPACES_CHANNEL = 'deckhand_hub_spaces';
export const DEFAULT_RELISTEN_MS = 1_000;

const notificationSchema = z.strictObject({ space: z.string().min(1).max(200), version: z.number().int().nonnegative(), origin: z.string().min(1).max(100) });

/** SQLite: nothing to tell, nothing to hear. */
export class LocalSpaceNotifier implements SpaceNotifier {
  async start(): Promise<void> {}
  async moved(): Promise<void> {}
  onRemote(): () => void {
    return () => {};
  }
  async stop(): Promise<void> {}
}

export interface PostgresNotifierOptions {
  connectionString: string;
  /** The hub's store: NOTIFY goes through its pool, and a re-LISTEN reads every space's version. */
  db: HubDb;
  /** The wait before listening again after the listening connection dropped (default 1 s). */
  relistenMs?: number;
  logger: Logger;
}

export class PostgresSpaceNotifier implements SpaceNotifier {
  /** This process's id on the channel: its own notifications come back to it and are ignored. */
  readonly origin = randomUUID();
  private readonly listeners = new Set<(space: string, version: number) => void>();
  private readonly relistenMs: number;
  private client: pg.Client | null = null;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private attempt: Promise<void> = Promise.resolve();

  constructor(private readonly options: PostgresNotifierOptions) {
    this.relistenMs = options.relistenMs ?? DEFAULT_RELISTEN_MS;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.attempt = this.listen(false);
    await this.attempt;
  }

  async moved(space: string, version: number): Promise<void> {
    const payload = JSON.stringify({ space, version, origin: this.origin });
    try {
      // pg_notify, not NOTIFY: it takes the channel and payload as values, so nothing is spliced into SQL.
      await sql`SELECT pg_notify(${SPACES_CHANNEL}, ${payload})`.execute(this.options.db);
    } catch (error) {
      // The commit stands; the other hubs' desktops catch up at their next pull or reconnect.
      this.options.logger.warn('could not notify the other hub processes', { space, error: error instanceof Error ? error.message : String(error) });
    }
  }

  onRemote(listener: (space: string, version: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.attempt;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }

  private tell(space: string, version: number): void {
    for (const listener of this.listeners) {
      try {
        listener(space, version);
      } catch (error) {
        this.options.logger.error('a space listener failed', { space, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  private heard(message: pg.Notification): void {
    if (message.channel !== SPACES_CHANNEL || message.payload === undefined) return;
    let json: unknown;
    try {
      json = JSON.parse(message.payload);
    } catch {
      json = null;
    }
    const parsed = notificationSchema.safeParse(json);
    if (!parsed.success) return this.options.logger.warn('ignored a malformed hub notification', { payload: message.payload.slice(0, 200) });
    if (parsed.data.origin === this.origin) return;
    this.tell(parsed.data.space, parsed.data.version);
  }

  private async listen(isRelisten: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.connectionString, keepAlive: true });
    client.on('notification', (message) => this.heard(message));
    client.on('error', () => this.dropped(client));
    client.on('end', () => this.dropped(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${SPACES_CHANNEL}`);
    } catch (error) {
      this.options.logger.warn('hub notifications: cannot listen; retrying', { error: error instanceof Error ? error.message : String(error) });
      this.dropped(client);
      return;
    }
    if (isRelisten && this.running && client === this.client) await this.pokeEverySpace();
  }

  /**
   * PostgreSQL keeps no notifications for a session that is not listening: whatever the other
   * processes committed while this one was reconnecting was announced to no one here. Poking
   * every space once at its current version makes each desktop pull and catch up on what it missed.
   */
  private async pokeEverySpace(): Promise<void> {
    try {
      for (const [space, version] of await spaceVersions(this.options.db)) this.tell(space, version);
    } catch (error) {
      this.options.logger.warn('hub notifications: could not read the spaces to catch up', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private dropped(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = null;
    client.end().catch(() => {});
    if (!this.running) return;
    this.timer = setTimeout(() => (this.attempt = this.listen(true)), this.relistenMs);
    this.timer.unref();
  }
}
