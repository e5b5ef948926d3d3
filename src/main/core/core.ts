// createCore: the one place the core is put together. Hosts give it ports and a data dir.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ALL_PERMISSIONS, type Workspace } from '../../shared/domain';
import { DeckhandError } from '../../shared/errors';
import { ColumnEngine } from './columns/engine';
import { EventBus } from './events';
import { Ingestor } from './ingest/ingestor';
import type { Logger, PreferenceStore, SecretStore } from './ports';
import { createDispatcher, type Caller, type CommandHandlers, type Dispatch } from './rpc/dispatcher';
import { getAccount, listAccounts, upsertAccount } from './store/accounts';
import { deleteColumn, getColumn, insertColumn, listColumns } from './store/columns';
import { openDatabase, type Database } from './store/database';
import { listColumnPosts } from './store/posts';
import { DEMO_BRANDS, provisionDemoAccounts } from './workspace/demo';
import { tokenProvider } from './workspace/tokens';
import { createXClientFactory, X_API_BASE } from './x/client';
import { toDeckhandError } from './x/errors';

export interface CoreConfig {
  dataDir: string;
  secrets: SecretStore;
  preferences: PreferenceStore;
  logger: Logger;
  /** Where X traffic goes: X itself, or an X API sandbox. */
  xApiBase?: string;
  /** Demo workspace: brand handles provisioned from this sandbox's admin API. */
  demo?: { sandboxUrl: string };
  pollIntervalMs?: number;
}

export interface Core {
  readonly workspace: Workspace;
  readonly events: EventBus;
  readonly dispatch: Dispatch;
  readonly db: Database;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The agent at this desktop. Roles arrive with the team model; until then, every permission. */
export const LOCAL_AGENT: Caller = { id: 'local', permissions: new Set(ALL_PERMISSIONS) };

export function createCore(config: CoreConfig): Core {
  const workspace: Workspace = { mode: config.demo ? 'demo' : 'x', apiBase: config.xApiBase ?? X_API_BASE };
  const db = openDatabase(join(config.dataDir, workspace.mode === 'demo' ? 'demo.sqlite' : 'workspace.sqlite'));
  const events = new EventBus();
  const x = createXClientFactory(workspace.apiBase);
  const tokens = tokenProvider(config.secrets);
  const { logger } = config;
  let engine: ColumnEngine | null = null;
  const ingestor = new Ingestor(db, events, (columnId) => engine?.has(columnId) ?? false);
  engine = new ColumnEngine(db, ingestor, events, x, tokens, logger, { pollIntervalMs: config.pollIntervalMs ?? 3_750 });
  const columns = engine;

  const connectedAccount = (accountId: string) => {
    const account = getAccount(db, accountId);
    if (!account) throw new DeckhandError('not_found', 'That account is not connected to this workspace');
    if (account.status !== 'connected') throw new DeckhandError('conflict', `@${account.username} needs to be reconnected first`);
    return account;
  };

  const handlers: CommandHandlers = {
    getWorkspace: () => workspace,
    listAccounts: () => listAccounts(db),
    listColumns: () => listColumns(db),
    listColumnStatuses: () => columns.listStatuses(),
    listColumnPosts: ({ columnId, limit, beforeId }) => {
      if (!getColumn(db, columnId)) throw new DeckhandError('not_found', 'That column does not exist');
      return listColumnPosts(db, columnId, limit, beforeId);
    },
    createColumn: async ({ kind, accountId, query, title }) => {
      connectedAccount(accountId);
      const problem = await columns.checkQuery(query);
      if (problem) throw new DeckhandError('invalid_input', `X refused the query: ${problem}`);
      const column = insertColumn(db, { id: randomUUID(), kind, accountId, query, title: title ?? `Search: ${query}` });
      events.emit('columnsChanged', listColumns(db));
      await columns.add(column);
      return column;
    },
    removeColumn: async ({ columnId }) => {
      if (!deleteColumn(db, columnId)) throw new DeckhandError('not_found', 'That column does not exist');
      events.emit('columnsChanged', listColumns(db));
      await columns.remove(columnId);
      return null;
    },
    replyToPost: async ({ accountId, inReplyToPostId, text }) => {
      const account = connectedAccount(accountId);
      const token = await tokens.userToken(account.id);
      if (!token) throw new DeckhandError('conflict', `@${account.username} has no access token; reconnect it`);
      try {
        const result = await x.withToken(token).v2.reply(text, inReplyToPostId);
        logger.info('reply sent', { accountId, postId: result.data.id, inReplyToPostId });
        return { id: result.data.id };
      } catch (error) {
        throw toDeckhandError(`X refused the reply from @${account.username}`, error);
      }
    },
  };

  async function provisionDemo(sandboxUrl: string): Promise<void> {
    const firstRun = listAccounts(db).length === 0;
    for (const account of await provisionDemoAccounts(sandboxUrl, x, config.secrets)) upsertAccount(db, account);
    const brand = listAccounts(db).find((a) => a.username === DEMO_BRANDS[0]);
    if (firstRun && brand && listColumns(db).length === 0) {
      insertColumn(db, { id: randomUUID(), kind: 'search', accountId: brand.id, query: brand.username, title: `Search: ${brand.username}` });
    }
  }

  return {
    workspace,
    events,
    db,
    dispatch: createDispatcher(handlers, logger),
    async start() {
      if (config.demo) await provisionDemo(config.demo.sandboxUrl);
      await columns.start(listColumns(db));
      logger.info('core started', { mode: workspace.mode, apiBase: workspace.apiBase, streaming: columns.streaming });
    },
    async close() {
      columns.stop();
      ingestor.close();
      db.close();
    },
  };
}
