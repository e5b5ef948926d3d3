// Brand handles, put together: the X app settings, the token manager (the engine's TokenProvider),
// sign-in flows on the loopback callback, and the account lifecycle.
import type { Clock } from '../../../shared/clock';
import type { DomainEvents } from '../domain-events';
import type { Logger, PreferenceStore, SecretStore } from '../ports';
import type { Database } from '../store/database';
import type { XClientFactory } from '../x/client';
import { AccountService } from './account-service';
import { ConnectFlows } from './connect-flows';
import { createOAuthClient, type OAuthClient } from './oauth-client';
import { TokenManager } from './token-manager';
import { XAppSettingsStore } from './x-app-settings';

export interface BrandHandlesDeps {
  db: Database;
  domain: DomainEvents;
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
  connectTimeoutMs?: number | undefined;
}

export interface BrandHandles {
  deps: BrandHandlesDeps;
  settings: XAppSettingsStore;
  tokens: TokenManager;
  flows: ConnectFlows;
  service: AccountService;
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
  const tokens = new TokenManager({
    secrets: deps.secrets,
    appSecrets: deps.demo ? deps.secrets : deps.appSecrets,
    clock: deps.clock,
    logger: deps.logger,
    oauth,
    onRejected: (accountId) => void deps.domain.publish({ type: 'accountAccessRefused', accountId }),
  });
  const accountService = new AccountService({ db: deps.db, domain: deps.domain, x: deps.x, tokens, oauth, logger: deps.logger });
  const flows = new ConnectFlows({
    clock: deps.clock,
    logger: deps.logger,
    oauth,
    callbackPort: () => settings.callbackPort(),
    complete: (set) => accountService.completeConnect(set),
    finished: (result) => void deps.domain.publish({ type: 'accountConnectFinished', result }),
    ...(deps.connectTimeoutMs ? { timeoutMs: deps.connectTimeoutMs } : {}),
  });
  return {
    deps,
    settings,
    tokens,
    flows,
    service: accountService,
    close: async () => {
      accountService.close();
      await flows.close();
    },
  };
}
