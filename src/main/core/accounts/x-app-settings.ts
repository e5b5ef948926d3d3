// The X app Deckhand signs in with: Client ID and callback port in the preferences (electron-store,
// or `conf` in the web host), the optional app Bearer token in the keychain.
import type { XAppSettings } from '../../../shared/domain';
import type { PreferenceStore, SecretStore } from '../ports';
import { appTokenKey } from '../workspace/tokens';
import { callbackUrlFor } from './callback-server';

export const X_CLIENT_ID_PREFERENCE = 'x.clientId';
export const X_CALLBACK_PORT_PREFERENCE = 'x.callbackPort';
/** Fixed, so it can be registered with X once; changeable when another program holds it. */
export const DEFAULT_CALLBACK_PORT = 47_823;
/** The client the X API sandbox knows out of the box (its admin API issues tokens for it): the demo's app. */
export const DEMO_CLIENT_ID = 'ZGVja2hhbmQtc2FuZGJveDoxOmNp';

export function configuredClientId(preferences: PreferenceStore): string | null {
  const value = preferences.get<unknown>(X_CLIENT_ID_PREFERENCE);
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function configuredCallbackPort(preferences: PreferenceStore): number {
  const value = preferences.get<unknown>(X_CALLBACK_PORT_PREFERENCE);
  return typeof value === 'number' && Number.isInteger(value) && value >= 1024 && value <= 65_535 ? value : DEFAULT_CALLBACK_PORT;
}

export interface XAppSettingsChange {
  clientId?: string | null | undefined;
  callbackPort?: number | undefined;
  bearerToken?: string | null | undefined;
}

export class XAppSettingsStore {
  private bearerChanged = false;

  constructor(
    private readonly preferences: PreferenceStore,
    /** Where the app Bearer token goes: the keychain. */
    private readonly secrets: SecretStore,
    /** Where account tokens go (memory in the demo workspace), described in the settings. */
    private readonly accountSecrets: SecretStore,
    /** The demo workspace signs in to its sandbox as DEMO_CLIENT_ID, whatever is configured. */
    private readonly demo: boolean,
  ) {}

  /** The Client ID the OAuth flow uses now. */
  activeClientId(): string | null {
    return this.demo ? DEMO_CLIENT_ID : configuredClientId(this.preferences);
  }

  callbackPort(): number {
    return configuredCallbackPort(this.preferences);
  }

  async read(): Promise<XAppSettings> {
    const clientId = configuredClientId(this.preferences);
    const port = this.callbackPort();
    return {
      clientId,
      callbackPort: port,
      callbackUrl: callbackUrlFor(port),
      // Settings stay readable without a keychain; saving a token then says how to get one.
      bearerTokenSet: await this.secrets.get(appTokenKey()).then((token) => token !== null, () => false),
      secretStorage: this.accountSecrets.description,
      secretsPersistent: this.accountSecrets.persistent,
      restartNeeded: (this.demo && clientId !== null) || this.bearerChanged,
    };
  }

  /** The Bearer token first: if the keychain refuses it, no preference changes either. */
  async save(change: XAppSettingsChange): Promise<XAppSettings> {
    if (typeof change.bearerToken === 'string') await this.secrets.set(appTokenKey(), change.bearerToken);
    else if (change.bearerToken === null) await this.secrets.delete(appTokenKey());
    // The engine chose streaming or polling with the token it had at start.
    if (change.bearerToken !== undefined) this.bearerChanged = true;
    if (change.clientId !== undefined) this.preferences.set(X_CLIENT_ID_PREFERENCE, change.clientId);
    if (change.callbackPort !== undefined) this.preferences.set(X_CALLBACK_PORT_PREFERENCE, change.callbackPort);
    return this.read();
  }
}
