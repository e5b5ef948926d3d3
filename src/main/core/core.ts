// createCore: the one place the core is put together. Hosts give it ports and a data dir.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../shared/clock';
import { ALL_PERMISSIONS, type Workspace } from '../../shared/domain';
import { replyToPost } from './actions/reply';
import { createBrandHandles } from './accounts/brand-handles';
import { accountHandlers } from './accounts/handlers';
import { ColumnEngine, type EngineOptions } from './columns/engine';
import { columnHandlers } from './columns/handlers';
import { EventBus } from './events';
import type { Logger, PreferenceStore, SecretStore } from './ports';
import { createDispatcher, type Caller, type CommandHandlers, type Dispatch } from './rpc/dispatcher';
import { getAccount, listAccounts, upsertAccount } from './store/accounts';
import { insertColumn, listColumns } from './store/columns';
import { openDatabase, type Database } from './store/database';
import { DEMO_BRANDS, provisionDemoAccounts } from './workspace/demo';
import { createXClientFactory, X_API_BASE } from './x/client';

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
  /** Column engine knobs (tests shorten the stream's stall and reconnect times). */
  engine?: Omit<EngineOptions, 'pollIntervalMs' | 'clock'>;
  /** Token expiry and sign-in timeouts read this clock (tests move it). */
  clock?: Clock;
  /** Where the X app's Bearer token is kept (the keychain, also while the demo is open). Default: secrets. */
  appSecrets?: SecretStore;
  /** Opens X's authorization page in the system browser (desktop shell); absent in the web host. */
  openExternal?: (url: string) => Promise<void> | void;
}

export interface Core {
  readonly workspace: Workspace;
  readonly events: EventBus;
  readonly dispatch: Dispatch;
  readonly db: Database;
  /** The columns engine (pausing a handle's columns, stream probe; tests). */
  readonly columns: ColumnEngine;
  start(): Promise<void>;
  /** Resolves when no column poll or gap fill is working (tests that move a ManualClock). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** The agent at this desktop. Roles arrive with the team model; until then, every permission. */
export const LOCAL_AGENT: Caller = { id: 'local', permissions: new Set(ALL_PERMISSIONS) };

export function createCore(config: CoreConfig): Core {
  const workspace: Workspace = { mode: config.demo ? 'demo' : 'x', apiBase: config.xApiBase ?? X_API_BASE };
  const db = openDatabase(join(config.dataDir, workspace.mode === 'demo' ? 'demo.sqlite' : 'workspace.sqlite'));
  const events = new EventBus();
  const x = createXClientFactory(workspace.apiBase);
  const { logger } = config;
  let engine: ColumnEngine | null = null;
  const handles = createBrandHandles({
    db,
    events,
    x,
    secrets: config.secrets,
    appSecrets: config.appSecrets ?? config.secrets,
    preferences: config.preferences,
    clock: config.clock ?? systemClock,
    logger,
    demo: workspace.mode === 'demo',
    openExternal: config.openExternal,
    columns: () => columns,
    streamProbe: () => columns.streamProbe(),
  });
  const { tokens } = handles;
  engine = new ColumnEngine(
    { db, bus: events, x, tokens, logger, accountUsername: (accountId) => getAccount(db, accountId)?.username ?? null },
    { ...config.engine, pollIntervalMs: config.pollIntervalMs ?? 2_000, clock: config.clock ?? systemClock },
  );
  const columns = engine;

  const handlers: CommandHandlers = {
    getWorkspace: () => workspace,
    ...accountHandlers(handles),
    ...columnHandlers({ db, events, engine: columns, x, userToken: (accountId) => tokens.userToken(accountId) }),
    replyToPost: (input) => replyToPost({ db, x, tokens, logger }, input),
  };

  async function provisionDemo(sandboxUrl: string): Promise<void> {
    const firstRun = listAccounts(db).length === 0;
    const provisioning = { secrets: config.secrets, clock: config.clock ?? systemClock, saveTokens: tokens.save.bind(tokens) };
    for (const account of await provisionDemoAccounts(sandboxUrl, x, provisioning)) upsertAccount(db, account);
    const brand = listAccounts(db).find((a) => a.username === DEMO_BRANDS[0]);
    if (firstRun && brand && listColumns(db).length === 0) {
      insertColumn(db, { id: randomUUID(), kind: 'search', accountId: brand.id, query: brand.username, builder: null, title: `Search: ${brand.username}` });
    }
  }

  return {
    workspace,
    events,
    db,
    columns,
    dispatch: createDispatcher(handlers, logger),
    async start() {
      if (config.demo) await provisionDemo(config.demo.sandboxUrl);
      await columns.start(listColumns(db));
      await handles.start();
      logger.info('core started', { mode: workspace.mode, apiBase: workspace.apiBase, streaming: columns.streaming });
    },
    settled: () => columns.settled(),
    async close() {
      await handles.close();
      columns.stop();
      db.close();
    },
  };
}
