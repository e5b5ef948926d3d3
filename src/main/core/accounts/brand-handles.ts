// Brand handles, put together: the X app settings, the token manager (the engine's TokenProvider),
// sign-in flows on the loopback callback, and the account lifecycle.
import type { Clock } from '../../../shared/clock';
import type { XAppCapabilities } from '../../../shared/domain';
import type { EventBus } from '../events';
import type { Logger, PreferenceStore, SecretStore } from '../ports';
import type { Database } from '../store/database';
import type { XClientFactory } from '../x/client';
import { AccountService, type AccountColumns } from './account-service';
import { readCapabilities, type StreamProbeResult } from './capabilities';
import { ConnectFlows } from './connect-flows';
import { createOAuthClient, type OAuthClient } from './oauth-client';
import { TokenManager } from './token-manager';
import { XAppSettingsStore } from './x-app-settings';

export interface BrandHandlesDeps {
  db: Database;
  events: EventBus;
  x: XClientFactory;
  /** Account tokens (keychain; memory in the demo workspace). */
  secrets: SecretStore;
  /** Where the X app's own Bearer token is kept: the keychain, also while the demo is open. */
  appSecrets: SecretStore;
  preferences: PreferenceStore;
  clock: Clock;
  logger: Logger;
  demo: boolean;
  /** The desktop shell opens X's authorization page in the system browser; the web host cannot. */
  openExternal?: ((url: string) => Promise<void> | void) | undefined;
  columns(): AccountColumns;
  streamProbe(): StreamProbeResult;
  connectTimeoutMs?: number | undefined;
}

export interface BrandHandles {
  deps: BrandHandlesDeps;
  settings: XAppSettingsStore;
  tokens: TokenManager;
  flows: ConnectFlows;
  service: AccountService;
  capabilities(): Promise<XAppCapabilities>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createBrandHandles(deps: BrandHandlesDeps): BrandHandles {
  const settings = new XAppSettingsStore(deps.preferences, deps.appSecrets, deps.secrets, deps.demo);
  // One client per Client ID: rebuilt when the admin changes it.
  let cached: { clientId: string; client: OAuthClient } | null = null;
  const oauth = (): OAuthClient | null => {
    const clientId = settings.activeClientId();
    if (!clientId) return null;
    if (cached?.clientId !== clientId) cached = { clientId, client: createOAuthClient(deps.x, clientId, deps.clock) };
    return cached.client;
  };
  let service: AccountService | null = null;
  const tokens = new TokenManager({
    secrets: deps.secrets,
    appSecrets: deps.demo ? deps.secrets : deps.appSecrets,
    clock: deps.clock,
    logger: deps.logger,
    oauth,
    onRejected: (accountId) =>
      void service?.markReconnectNeeded(accountId).catch((error: unknown) => deps.logger.error('could not mark an account for reconnection', { accountId, error: String(error) })),
  });
  service = new AccountService({ db: deps.db, events: deps.events, x: deps.x, tokens, oauth, columns: deps.columns, logger: deps.logger });
  const accountService = service;
  const flows = new ConnectFlows({
    clock: deps.clock,
    logger: deps.logger,
    oauth,
    callbackPort: () => settings.callbackPort(),
    complete: (set) => accountService.completeConnect(set),
    finished: (result) => deps.events.emit('accountConnectFinished', result),
    ...(deps.connectTimeoutMs ? { timeoutMs: deps.connectTimeoutMs } : {}),
  });
  return {
    deps,
    settings,
    tokens,
    flows,
    service: accountService,
    capabilities: async () => readCapabilities(deps.x, await tokens.appToken(), deps.streamProbe()),
    start: () => accountService.pauseUnusable(),
    close: () => flows.close(),
  };
}
