// Columns published as feeds: the commands that publish and revoke a column's feed, and the feed
// server that lives as long as the core. A feed lists what the column lists (its filters, mutes,
// an archive's query, a case queue), newest first.
import type { Column, PostView } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import { existingColumn } from '../deck/deck-service';
import type { Logger, PreferenceStore } from '../ports';
import type { CommandHandlers } from '../rpc/dispatcher';
import { getAccount } from '../store/accounts';
import { getColumn } from '../store/columns';
import type { Database } from '../store/database';
import { atomFeed, jsonFeed, type FeedUrls } from './feed-documents';
import { FeedSecrets } from './feed-secrets';
import { startFeedServer, type FeedDocument, type FeedFormat, type FeedServer } from './feed-server';

/** How many of the column's newest posts a feed carries. */
export const FEED_ENTRY_LIMIT = 50;
/** The port the feeds were served on, so their URLs outlive a restart. */
const PORT_PREFERENCE = 'feeds.port';

export interface ColumnFeedsDeps {
  db: Database;
  /** This workspace's preferences (the demo's feeds are not the X workspace's). */
  preferences: PreferenceStore;
  logger: Logger;
  /** The column's newest posts as the column lists them. */
  listPosts: (columnId: string, limit: number) => Promise<readonly PostView[]> | readonly PostView[];
  /** A configured port; without one, the port used last time, else any free one. */
  port?: number;
}

export type ColumnFeedCommands = Pick<CommandHandlers, 'publishColumnFeed' | 'revokeColumnFeed'>;

/** DMs and approvals columns list no posts: they have no feed. */
const hasPosts = (column: Column) => column.kind !== 'dms' && column.kind !== 'approvals' && column.kind !== 'scheduled';

const CONTENT_TYPES: Readonly<Record<FeedFormat, string>> = {
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export class ColumnFeeds {
  private readonly secrets: FeedSecrets;
  private server: FeedServer | null = null;

  constructor(private readonly deps: ColumnFeedsDeps) {
    this.secrets = new FeedSecrets(deps.preferences);
  }

  /** A feed server that cannot listen leaves the rest of the core working; publishing then says why. */
  async start(): Promise<void> {
    const remembered = this.deps.preferences.get<unknown>(PORT_PREFERENCE);
    const port = this.deps.port ?? (Number.isInteger(remembered) && typeof remembered === 'number' && remembered > 0 && remembered < 65_536 ? remembered : 0);
    try {
      this.server = await startFeedServer({ port, render: (secret, format) => this.render(secret, format), logger: this.deps.logger });
      if (this.deps.port === undefined) this.deps.preferences.set(PORT_PREFERENCE, this.server.port);
    } catch (error) {
      this.deps.logger.error('the published feeds server could not start', { port, error: error instanceof Error ? error.message : String(error) });
    }
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.close();
  }

  readonly commands: ColumnFeedCommands = {
    publishColumnFeed: ({ columnId }) => {
      const column = existingColumn(this.deps.db, columnId);
      if (!hasPosts(column)) throw new DeckhandError('invalid_input', 'Only a column of posts can be published as a feed; this one lists direct messages or replies waiting for approval');
      if (!this.server) throw new DeckhandError('unavailable', 'The feeds server is not running (see the log): feeds cannot be published now');
      this.secrets.keepOnly((id) => getColumn(this.deps.db, id) !== null);
      const urls = this.urlsOf(this.server, this.secrets.publish(columnId));
      return { atomUrl: urls.atom, jsonUrl: urls.json };
    },
    revokeColumnFeed: ({ columnId }) => {
      this.secrets.revoke(columnId);
      return null;
    },
  };

  private urlsOf(server: FeedServer, secret: string): FeedUrls {
    return { atom: `${server.origin}/feeds/${secret}.atom`, json: `${server.origin}/feeds/${secret}.json` };
  }

  private async render(secret: string, format: FeedFormat): Promise<FeedDocument | null> {
    const columnId = this.secrets.columnOf(secret);
    const column = columnId ? getColumn(this.deps.db, columnId) : null;
    if (!column || !hasPosts(column) || !this.server) return null;
    const posts = await this.deps.listPosts(column.id, FEED_ENTRY_LIMIT);
    const source = { column, handleUsername: getAccount(this.deps.db, column.accountId)?.username ?? null, posts, urls: this.urlsOf(this.server, secret) };
    return { body: format === 'atom' ? atomFeed(source) : jsonFeed(source), contentType: CONTENT_TYPES[format] };
  }
}

/** DECKHAND_FEED_PORT: the published feeds' port; anything but a port number is ignored, with a warning. */
export function configuredFeedPort(value: string | undefined, logger: Logger): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const port = Number(value);
  if (Number.isInteger(port) && port > 0 && port < 65_536) return port;
  logger.warn('DECKHAND_FEED_PORT is not a port number (1–65535): published feeds use the last port or any free one', { value: value.slice(0, 20) });
  return undefined;
}
