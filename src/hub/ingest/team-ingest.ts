// The team's one ingest point: the desktop's columns engine, moved behind the hub. It runs on a
// working SQLite file of its own (cursors, gaps, the stream's rules) with the team's handles and
// team columns, its tokens in the hub's vault; what it files into a column is handed to the hub,
// which logs it and fans it out. Replies of members go out through it too: only the hub acts as
// a brand handle.
import { findSentDmEvent, sendDmEvent } from '../../main/core/actions/dm';
import { findSentPost, findSentReply } from '../../main/core/actions/find-sent';
import type { DmEvent } from '../../shared/domain';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../shared/clock';
import type { DmEventView, PostView } from '../../shared/domain';
import type { TeamColumnView, TeamHandleView } from '../../shared/hub-protocol';
import { AccountService } from '../../main/core/accounts/account-service';
import { createOAuthClient, type AuthorizationRequest, type OAuthClient } from '../../main/core/accounts/oauth-client';
import { TokenManager } from '../../main/core/accounts/token-manager';
import { engageAtX } from '../../main/core/actions/post-care';
import { replyToPost } from '../../main/core/actions/reply';
import { publishPost } from '../../main/core/actions/post';
import { DeckService } from '../../main/core/deck/deck-service';
import { DomainEvents } from '../../main/core/domain-events';
import { ColumnEngine, type EngineOptions } from '../../main/core/feeds/engine';
import type { Logger, SecretStore } from '../../main/core/ports';
import { getAccount, upsertAccount } from '../../main/core/store/accounts';
import { getColumn, insertColumn, listColumns } from '../../main/core/store/columns';
import { advanceCursor } from '../../main/core/store/cursors';
import { openDatabase, type Database } from '../../main/core/store/database';
import { createActingAs, type ActingAs } from '../../main/core/x/acting-as';
import { createXClientFactory } from '../../main/core/x/client';

export interface TeamIngestConfig {
  /** Where the working file goes (one per hub process: it holds no secret and nothing the hub's store lacks). */
  dataDir: string;
  /** The hub's vault: brand tokens and the app's Bearer token. */
  vault: SecretStore;
  xApiBase: string;
  /** The X app's OAuth 2.0 Client ID; null: handles cannot be connected until the operator sets one. */
  clientId: string | null;
  logger: Logger;
  clock?: Clock;
  pollIntervalMs?: number;
  engine?: Omit<EngineOptions, 'pollIntervalMs' | 'clock'>;
}

export interface IngestedPosts {
  columnId: string;
  posts: PostView[];
}

export interface IngestedDms {
  columnId: string;
  events: DmEventView[];
}

/** A team column as the engine's deck stores it. */
function engineColumn(column: TeamColumnView) {
  const base = { id: column.id, accountId: column.handleId, title: column.title };
  switch (column.source.kind) {
    case 'search':
      return { ...base, kind: 'search' as const, query: column.source.query, builder: null, ...(column.source.range ? { range: column.source.range } : {}) };
    case 'mentions':
      return { ...base, kind: 'mentions' as const };
    case 'dms':
      return { ...base, kind: 'dms' as const };
  }
}

/** A use of a brand handle's tokens worth an audit line (never the token itself). */
export interface TokenUse {
  handleId: string;
  kind: 'tokenRefreshed' | 'tokenRefused';
  detail: string;
}

export class TeamIngest {
  readonly domain: DomainEvents;
  readonly engine: ColumnEngine;
  private readonly db: Database;
  private readonly tokens: TokenManager;
  private readonly accounts: AccountService;
  private readonly deck: DeckService;
  private readonly actingAs: ActingAs;
  private readonly oauth: OAuthClient | null;
  private running = false;
  private readonly tokenListeners = new Set<(use: TokenUse) => void>();

  constructor(private readonly config: TeamIngestConfig) {
    const clock = config.clock ?? systemClock;
    this.db = openDatabase(join(config.dataDir, 'ingest.sqlite'));
    this.domain = new DomainEvents(config.logger);
    const x = createXClientFactory(config.xApiBase);
    this.oauth = config.clientId ? createOAuthClient(x, config.clientId, clock) : null;
    const oauth = () => this.oauth;
    this.tokens = new TokenManager({
      secrets: config.vault,
      appSecrets: config.vault,
      clock,
      logger: config.logger,
      oauth,
      onRejected: (accountId, reason) => {
        void this.domain.publish({ type: 'accountAccessRefused', accountId });
        for (const listener of this.tokenListeners) listener({ handleId: accountId, kind: 'tokenRefused', detail: reason });
      },
      onRefreshed: (accountId, expiresAt) => {
        for (const listener of this.tokenListeners) listener({ handleId: accountId, kind: 'tokenRefreshed', detail: `valid until ${new Date(expiresAt).toISOString()}` });
      },
    });
    this.accounts = new AccountService({ db: this.db, domain: this.domain, x, tokens: this.tokens, oauth, logger: config.logger });
    this.actingAs = createActingAs({ db: this.db, x, tokens: this.tokens });
    this.engine = new ColumnEngine(
      {
        db: this.db,
        domain: this.domain,
        x,
        tokens: this.tokens,
        actingAs: this.actingAs,
        logger: config.logger,
        accountUsername: (accountId) => getAccount(this.db, accountId)?.username ?? null,
        inTeam: () => false, // the hub is the one that calls X
      },
      { ...config.engine, pollIntervalMs: config.pollIntervalMs ?? 2_000, clock },
    );
    this.deck = new DeckService({ db: this.db, domain: this.domain, actingAs: this.actingAs, checkQuery: (query) => this.engine.checkQuery(query), clock });
  }

  onPosts(listener: (batch: IngestedPosts) => Promise<void> | void): () => void {
    return this.domain.on('postsRouted', ({ columnId, posts }) => listener({ columnId, posts }));
  }

  /** The brand's tokens were refreshed, or X refused them: the hub's audit log says so. */
  onTokenUse(listener: (use: TokenUse) => void): () => void {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  onDms(listener: (batch: IngestedDms) => Promise<void> | void): () => void {
    return this.domain.on('dmEventsRouted', ({ columnId, events }) => listener({ columnId, events }));
  }

  /**
   * Makes the working deck the hub's (handles and team columns; another process may have been
   * leader before, with its own working file) and ingests; called again whenever they change.
   * `newestLogged` answers, per column, the newest post id the hub has logged: asked only when the
   * engine starts.
   */
  async reconcile(handles: readonly TeamHandleView[], columns: readonly TeamColumnView[], newestLogged: (columnIds: string[]) => Promise<ReadonlyMap<string, string>> = async () => new Map()): Promise<void> {
    const wanted = new Set(handles.map((handle) => handle.id));
    for (const handle of handles) {
      const known = getAccount(this.db, handle.id);
      if (!known || known.username !== handle.username) upsertAccount(this.db, { id: handle.id, username: handle.username, name: handle.name, avatarUrl: handle.avatarUrl, status: known?.status ?? 'connected' });
    }
    const teamColumns = new Set(columns.map((column) => column.id));
    for (const column of listColumns(this.db)) if (!teamColumns.has(column.id) || !wanted.has(column.accountId)) await this.deck.removeColumn(column.id);
    if (!this.running) {
      // Columns this working file never fed (another process led until now) resume after the
      // newest post the hub logged: the engine's start opens a gap there and fills it from recent
      // search page by page. Adopted afresh they would get only the newest page, and a longer
      // leaderless spell would lose the older posts.
      const neverFed = columns.filter((column) => wanted.has(column.handleId) && !getColumn(this.db, column.id));
      const newest = neverFed.length > 0 ? await newestLogged(neverFed.map((column) => column.id)) : new Map<string, string>();
      this.db.transaction(() => {
        for (const column of neverFed) {
          insertColumn(this.db, engineColumn(column));
          const resumeAfter = newest.get(column.id);
          if (resumeAfter) advanceCursor(this.db, column.id, resumeAfter);
        }
      })();
      await this.engine.start(listColumns(this.db));
      this.running = true;
    }
    for (const column of columns) if (wanted.has(column.handleId)) await this.deck.adoptColumn(engineColumn(column));
  }

  /** X's authorization page for a new handle, and what the exchange will need. */
  authorizationRequest(redirectUri: string): AuthorizationRequest | null {
    return this.oauth?.authorizationRequest(redirectUri) ?? null;
  }

  /** Exchanges the code (PKCE), keeps the tokens in the vault, and answers X's profile of the handle. */
  async completeConnect(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TeamHandleView> {
    if (!this.oauth) throw new Error('The hub has no X app Client ID.');
    const set = await this.oauth.exchangeCode(input);
    const account = await this.accounts.completeConnect(set);
    return { id: account.id, username: account.username, name: account.name, avatarUrl: account.avatarUrl };
  }

  /** Sends a reply as the handle; X's refusal comes back as a DeckhandError with X's words. */
  reply(handleId: string, inReplyToPostId: string, text: string): Promise<{ id: string }> {
    return replyToPost({ db: this.db, actingAs: this.actingAs, logger: this.config.logger }, { accountId: handleId, inReplyToPostId, text });
  }

  /**
   * Likes or reposts a post as the handle, or undoes it. Each is a state at X, not a message:
   * asking again (after an interrupted attempt) sets the same state and adds nothing.
   */
  async engage(handleId: string, postId: string, kind: 'like' | 'repost', on: boolean): Promise<void> {
    await engageAtX(this.actingAs, { accountId: handleId, postId, kind, on }, getAccount(this.db, handleId)?.username ?? handleId);
    this.config.logger.info(`post ${kind} ${on ? 'done' : 'undone'} as a team handle`, { handleId, postId });
  }

  /** Sends a new post as the handle; answers X's id (X's refusal as a DeckhandError with X's words). */
  post(handleId: string, text: string): Promise<string> {
    return publishPost({ db: this.db, actingAs: this.actingAs, logger: this.config.logger }, { accountId: handleId, text });
  }

  /** X's id of a new post an interrupted attempt already got to X (none: it never did). */
  async findSentPost(handleId: string, text: string): Promise<string | null> {
    const found = await findSentPost({ actingAs: this.actingAs }, { accountId: handleId, text });
    if (found) this.config.logger.info('post found at X after an interrupted send', { handleId, postId: found });
    return found;
  }

  /** X's id of a reply an interrupted attempt already got to X (none: it never did). */
  async findSentReply(handleId: string, inReplyToPostId: string, text: string): Promise<string | null> {
    const found = await findSentReply({ actingAs: this.actingAs }, { accountId: handleId, inReplyToPostId, text });
    if (found) this.config.logger.info('reply found at X after an interrupted send', { handleId, inReplyToPostId, replyId: found });
    return found;
  }

  /** A direct message an interrupted attempt already got to X, as the message sent (none: it never did). */
  findSentDm(handleId: string, conversationId: string, text: string): Promise<DmEvent | null> {
    return findSentDmEvent({ db: this.db, actingAs: this.actingAs, logger: this.config.logger }, { accountId: handleId, conversationId, text });
  }

  /** Sends a direct message as the handle into one of its conversations; answers the message sent. */
  sendDm(handleId: string, conversationId: string, text: string): Promise<DmEvent> {
    return sendDmEvent({ db: this.db, actingAs: this.actingAs, logger: this.config.logger }, { accountId: handleId, conversationId, text });
  }

  async close(): Promise<void> {
    this.running = false;
    this.accounts.close();
    this.engine.stop();
    this.db.close();
  }
}
