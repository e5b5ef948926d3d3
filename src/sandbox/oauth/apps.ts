// The X apps the sandbox's OAuth 2.0 endpoints know: public clients ("Native App") with their
// registered callback URLs. One demo app is there from the start; tests register others through
// POST /_sandbox/apps.
//
// Leniency: the demo app accepts ANY `http://127.0.0.1:<port>/callback`, so tests and demos can
// use a free port. A real X app (and every app registered through /_sandbox/apps) accepts only
// the exact URLs it registered, compared as strings, as X compares them.
import { SANDBOX_CLIENT_ID } from '../state/tokens';

export interface OAuthApp {
  readonly clientId: string;
  readonly name: string;
  readonly redirectUris: readonly string[];
  /** The demo app's leniency: any loopback port with the path /callback. */
  readonly anyLoopbackPort: boolean;
}

/** The demo app's client id: the one the admin API issues tokens for, and Deckhand's demo uses. */
export const DEMO_CLIENT_ID = SANDBOX_CLIENT_ID;
export const DEMO_APP_NAME = 'Deckhand (sandbox demo)';

const LOOPBACK_CALLBACK = /^http:\/\/127\.0\.0\.1:(\d{1,5})\/callback$/;
const CLIENT_ID_PATTERN = /^[A-Za-z0-9._~-]{1,100}$/;

export class AppRegistry {
  private readonly apps = new Map<string, OAuthApp>();

  constructor() {
    this.apps.set(DEMO_CLIENT_ID, { clientId: DEMO_CLIENT_ID, name: DEMO_APP_NAME, redirectUris: [], anyLoopbackPort: true });
  }

  get(clientId: string): OAuthApp | undefined {
    return this.apps.get(clientId);
  }

  list(): readonly OAuthApp[] {
    return [...this.apps.values()];
  }

  /** Registers (or replaces) an app; RangeError with a clear message for bad input. */
  register(input: { clientId: string; name: string; redirectUris: readonly string[] }): OAuthApp {
    if (!CLIENT_ID_PATTERN.test(input.clientId)) throw new RangeError('client_id must be 1-100 characters of A-Z a-z 0-9 . _ ~ -');
    if (input.name.trim() === '') throw new RangeError('name must not be empty');
    if (input.redirectUris.length === 0) throw new RangeError('redirect_uris must list at least one URL');
    for (const uri of input.redirectUris) {
      if (!isAbsoluteUrl(uri)) throw new RangeError(`redirect_uris: not an absolute http(s) URL without a fragment: ${uri}`);
    }
    const app: OAuthApp = { clientId: input.clientId, name: input.name.trim(), redirectUris: [...input.redirectUris], anyLoopbackPort: false };
    this.apps.set(app.clientId, app);
    return app;
  }
}

/** Whether the app may send people back to `uri`. */
export function acceptsRedirect(app: OAuthApp, uri: string): boolean {
  if (app.redirectUris.includes(uri)) return true;
  if (!app.anyLoopbackPort) return false;
  const port = LOOPBACK_CALLBACK.exec(uri)?.[1];
  return port !== undefined && Number(port) >= 1 && Number(port) <= 65_535;
}

function isAbsoluteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hash === '' && !value.includes('#');
  } catch {
    return false;
  }
}
