// createCore: the one place the core is put together. Hosts give it ports and a data dir.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../shared/clock';
import type { Resource, Workspace } from '../../shared/domain';
import { prepareReply } from './actions/reply';
import { readReplySettings, saveReplySettings, type ReplySettingsDeps } from './actions/reply-settings';
import { createBrandHandles } from './accounts/brand-handles';
import { readCapabilities } from './accounts/capabilities';
import { SendCosts } from './accounts/send-costs';
import { accountHandlers } from './accounts/handlers';
import { projectClientEvents } from './client-events';
import { ColumnEngine, type EngineOptions } from './feeds/engine';
import { deckCommands } from './deck/commands';
import { DeckService } from './deck/deck-service';
import { DomainEvents } from './domain-events';
import { EventBus } from './events';
import type { Logger, PreferenceStore, SecretStore } from './ports';
import { SOLO_AGENT, type Scope } from './rpc/caller';
import { ColumnFeeds } from './feeds-publish/column-feeds';
import { createDispatcher, type CommandHandlers, type Dispatch, type ScopeOf } from './rpc/dispatcher';
import { getAccount, listAccounts, upsertAccount } from './store/accounts';
import { getColumn, insertColumn, listColumns } from './store/columns';
import { openDatabase, type Database } from './store/database';
import { teamHandlers } from './team/handlers';
import { TeamLink, type TeamLinkTimings } from './team/team-link';
import { teamPreferencesOf } from './team/link-store';
import { savedReplyCommands } from './accounts/saved-replies';
import { teamRoutedCommands } from './team/team-commands';
import { approvalCommands } from './team/approval-commands';
import { customerCommands } from './conversations/customer-commands';
import { TeamReplica } from './team/team-replica';
import { CaseNotices } from './team/case-notices';
import { SendQueue } from './outbox/send-queue';
import { outboxCommands } from './outbox/commands';
import { engagePost, watchAnswers } from './actions/post-care';
import { conversationCommands } from './conversations/commands';
import { getPostViews } from './store/posts';
import { openCases, openCasesOf } from './store/assignments';
import { AlertDigest } from './alerts/alert-digest';
import { AlertWatch } from './alerts/alert-watch';
import { alertCommands } from './alerts/commands';
import { LayoutSync } from './team/layout-sync';
import { DEMO_BRANDS, provisionDemoAccounts } from './workspace/demo';
import { createActingAs } from './x/acting-as';
import { createXClientFactory, X_API_BASE } from './x/client';

export interface CoreConfig {
  dataDir: string;
  secrets: SecretStore;
  preferences: PreferenceStore;
  logger: Logger;
  /** Where X traffic goes: X itself, or an X API sandbox. */
  xApiBase?: string;
  /** Demo workspace: brand handles provisioned from this sandbox's admin API (unless a demo team holds them). */
  demo?: { sandboxUrl: string; team?: boolean };
  pollIntervalMs?: number;
  /** Column engine knobs (tests shorten the stream's stall and reconnect times). */
  engine?: Omit<EngineOptions, 'pollIntervalMs' | 'clock'>;
  /** Token expiry and sign-in timeouts read this clock (tests move it). */
  clock?: Clock;
  /** Where the X app's Bearer token is kept (the keychain, also while the demo is open). Default: secrets. */
  appSecrets?: SecretStore;
  /** Opens X's authorization page in the system browser (desktop shell); absent in the web host. */
  openExternal?: (url: string) => Promise<void> | void;
  /** Team link knobs (tests shorten the reconnect backoff). */
  team?: Partial<TeamLinkTimings>;
  /** The published feeds' port on 127.0.0.1; default: the one used last time, else any free one. */
  feedPort?: number;
}

export interface Core {
  readonly workspace: Workspace;
  /** What renderers hear (the contract's events); hosts relay it through serve(). */
  readonly events: EventBus;
  /** What services committed; subscribers (engine, unread, client projection) act on it. */
  readonly domain: DomainEvents;
  readonly dispatch: Dispatch;
  /** Where a resource lives, for permission checks of commands and events (null: it does not exist). */
  readonly scopeOf: ScopeOf;
  readonly db: Database;
  /** The columns engine (pausing a handle's columns, stream probe; tests). */
  readonly columns: ColumnEngine;
  start(): Promise<void>;
  /** Resolves when no column poll or gap fill is working (tests that move a ManualClock). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export function createCore(config: CoreConfig): Core {
  const workspace: Workspace = { mode: config.demo ? 'demo' : 'x', apiBase: config.xApiBase ?? X_API_BASE };
  const db = openDatabase(join(config.dataDir, workspace.mode === 'demo' ? 'demo.sqlite' : 'workspace.sqlite'));
  const { logger } = config;
  const clock = config.clock ?? systemClock;
  const domain = new DomainEvents(logger);
  const events = new EventBus();
  const stopProjecting = projectClientEvents(db, domain, events);
  const x = createXClientFactory(workspace.apiBase);
  const handles = createBrandHandles({
    db,
    domain,
    x,
    secrets: config.secrets,
    appSecrets: config.appSecrets ?? config.secrets,
    preferences: config.preferences,
    clock,
    logger,
    demo: workspace.mode === 'demo',
    openExternal: config.openExternal,
  });
  const { tokens } = handles;
  const actingAs = createActingAs({ db, x, tokens });
  const engine = new ColumnEngine(
    { db, domain, x, tokens, actingAs, logger, accountUsername: (accountId) => getAccount(db, accountId)?.username ?? null, inTeam: (): boolean => team.linked() },
    { ...config.engine, pollIntervalMs: config.pollIntervalMs ?? 2_000, clock },
  );
  const deck = new DeckService({ db, domain, actingAs, checkQuery: (query) => engine.checkQuery(query), clock });
  const layouts = new LayoutSync({ db, domain, deck, logger, push: (args): Promise<void> => team.pushLayout(args) });
  const memberName = (memberId: string): string => team.state().members.find((member) => member.id === memberId)?.displayName ?? 'a former member';
  const caseNotices = new CaseNotices({
    preferences: teamPreferencesOf(config.preferences, workspace.mode),
    domain,
    self: () => team.self().memberId,
    memberName,
    customer: (postId) => {
      const [post] = getPostViews(db, [postId]);
      return post ? `@${post.author.username}` : 'A customer';
    },
    openCasesOf: (memberId) => openCasesOf(db, memberId),
    slaPolicy: (handleId) => team.state().handles.find((handle) => handle.id === handleId)?.caseSettings?.sla ?? null,
    clock,
  });
  const team: TeamLink = new TeamLink({
    // The member credential goes to the keychain, also in the demo workspace (whose `secrets` is memory).
    keychain: config.appSecrets ?? config.secrets,
    preferences: teamPreferencesOf(config.preferences, workspace.mode),
    domain,
    logger,
    replica: new TeamReplica({ db, domain, deck, accounts: handles.service, ingestor: engine.ingestor, layouts, notices: caseNotices, self: () => team.self(), logger }),
    db,
    layouts,
    ...(config.team ? { timings: config.team } : {}),
  });

  const stopWatchingAnswers = watchAnswers({ db, domain, memberName });
  // Alert rules hear what columns take in from the start; the SMTP password is the keychain's, also in the demo.
  const alerts = new AlertWatch({
    db,
    domain,
    preferences: teamPreferencesOf(config.preferences, workspace.mode),
    clock,
    logger,
    openCases: () => openCases(db),
    slaPolicy: (handleId) => team.state().handles.find((handle) => handle.id === handleId)?.caseSettings?.sla ?? null,
  });
  const digest = new AlertDigest({ db, preferences: config.preferences, workspacePreferences: teamPreferencesOf(config.preferences, workspace.mode), keychain: config.appSecrets ?? config.secrets, clock, logger });
  const deckHandlers = deckCommands({ db, service: deck, engine, selfId: () => team.self().memberId });
  // A feed was published by someone who may view the column; its reader lists it as the column does.
  const feeds = new ColumnFeeds({
    db,
    logger,
    preferences: teamPreferencesOf(config.preferences, workspace.mode),
    listPosts: (columnId, limit) => deckHandlers.listColumnPosts({ columnId, limit }, SOLO_AGENT),
    ...(config.feedPort !== undefined ? { port: config.feedPort } : {}),
  });
  const sendCosts = new SendCosts({
    preferences: teamPreferencesOf(config.preferences, workspace.mode),
    clock,
    logger,
    sandboxUrl: config.demo?.sandboxUrl ?? null,
    isTeamHandle: (accountId) => getAccount(db, accountId)?.fromTeam === true,
    teamSends: (accountId, from, to) => team.work.daySends(accountId, from, to),
  });
  // Alone, every send is kept before it goes (a team handle's are kept by the hub's outbox).
  const sendQueue = new SendQueue({ db, actingAs, logger, domain, clock });
  const sentNow = async (input: Parameters<SendQueue['sendNow']>[0]) => ({ id: (await sendQueue.sendNow(input)).xId, pending: false });
  const routed = teamRoutedCommands({
    db,
    team,
    clock,
    local: {
      ...deckHandlers,
      replyToPost: (input) => sentNow({ accountId: input.accountId, kind: 'reply', target: input.inReplyToPostId, text: input.text }),
      sendDm: (input) => sentNow({ accountId: input.accountId, kind: 'dm', target: input.conversationId, text: input.text }),
      engagePost: (input) => engagePost({ db, logger, send: (item) => sendQueue.sendNow({ ...item, text: '' }) }, input),
    },
  });
  const replySettings: ReplySettingsDeps = { db, preferences: teamPreferencesOf(config.preferences, workspace.mode), team: () => team.state() };
  const handlers: CommandHandlers = {
    getWorkspace: () => workspace,
    ...accountHandlers(handles, async () => readCapabilities(x, await tokens.appToken(), engine.streamProbe())),
    ...deckHandlers,
    ...feeds.commands,
    ...teamHandlers(team),
    getReports: (input) => team.work.reports(input),
    ...conversationCommands({ db, memberName }),
    ...customerCommands({ db, domain, team, clock }),
    // Demo accounts' saved replies are not the X workspace's (account ids may repeat across them).
    ...savedReplyCommands({ db, preferences: teamPreferencesOf(config.preferences, workspace.mode), team }),
    ...approvalCommands({ db, team, prepare: (input) => prepareReply(replySettings, input) }),
    ...alertCommands(alerts, digest),
    getCaseNotifySettings: () => caseNotices.settings(),
    setCaseNotifySettings: (input) => caseNotices.save(input),
    ...routed,
    // Signed and checked against X's reply rule here, so a reply through the hub is too.
    replyToPost: async (input, caller) => {
      const text = prepareReply(replySettings, input);
      const sent = await routed.replyToPost({ ...input, text }, caller);
      // A pending team reply goes out from the hub later: this desktop never learns it was billed.
      if (sent.id !== null) await sendCosts.recordSend(input.accountId, 'post', text);
      return sent;
    },
    sendDm: async (input, caller) => {
      const sent = await routed.sendDm(input, caller);
      if (sent.id !== null) await sendCosts.recordSend(input.accountId, 'dm', input.text);
      return sent;
    },
    ...outboxCommands({ db, queue: sendQueue, team, replySettings, recordSend: (accountId, text) => sendCosts.recordSend(accountId, 'post', text) }),
    getSendPrices: () => sendCosts.prices(),
    saveSendPrices: (input) => sendCosts.saveConfiguredPrices(input),
    getDaySpend: (input) => sendCosts.daySpend(input.accountId),
    getReplySettings: (input) => readReplySettings(replySettings, input.accountId),
    saveReplySettings: (input) => saveReplySettings(replySettings, input),
  };

  async function provisionDemo(sandboxUrl: string): Promise<void> {
    const firstRun = listAccounts(db).length === 0;
    const provisioning = { secrets: config.secrets, clock, saveTokens: tokens.save.bind(tokens) };
    for (const account of await provisionDemoAccounts(sandboxUrl, x, provisioning)) upsertAccount(db, account);
    const brand = listAccounts(db).find((a) => a.username === DEMO_BRANDS[0]);
    if (firstRun && brand && listColumns(db).length === 0) {
      insertColumn(db, { id: randomUUID(), kind: 'search', accountId: brand.id, query: brand.username, builder: null, title: `Search: ${brand.username}` });
    }
  }

  const scopeOf = (resource: Resource): Scope | null => {
    switch (resource.kind) {
      case 'workspace':
        return { kind: 'workspace' };
      case 'handle':
        return getAccount(db, resource.accountId) ? { kind: 'handle', accountId: resource.accountId } : null;
      case 'column': {
        const column = getColumn(db, resource.columnId);
        return column ? { kind: 'handle', accountId: column.accountId } : null;
      }
    }
  };

  return {
    workspace,
    events,
    domain,
    db,
    columns: engine,
    scopeOf,
    dispatch: createDispatcher(handlers, logger, scopeOf),
    async start() {
      // In a team the hub holds the handles and does all X traffic: the demo's own handles wait.
      if (config.demo && !config.demo.team && !team.linked()) await provisionDemo(config.demo.sandboxUrl);
      await engine.start(listColumns(db));
      await feeds.start();
      await team.resume();
      await sendQueue.start();
      caseNotices.watchSla();
      alerts.watchBreaches();
      digest.watch();
      logger.info('core started', { mode: workspace.mode, apiBase: workspace.apiBase, streaming: engine.streaming });
    },
    settled: () => engine.settled(),
    async close() {
      await sendQueue.stop();
      await feeds.close();
      caseNotices.stop();
      alerts.stop();
      digest.stop();
      stopWatchingAnswers();
      await team.close();
      layouts.close();
      await handles.close();
      engine.stop();
      stopProjecting();
      db.close();
    },
  };
}
