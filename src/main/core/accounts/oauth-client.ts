// OAuth 2.0 for a "Native App" (public client): Authorization Code with PKCE, refresh with
// rotation, revoke. Everything goes through twitter-api-v2; only its URLs are rewritten.
import { ApiRequestError, ApiResponseError, type ITwitterApiClientPlugin } from 'twitter-api-v2';
import type { Clock } from '../../../shared/clock';
import type { XClientFactory } from '../x/client';
import { X_API_BASE } from '../x/client';
import { tokenSetFrom, type TokenSet } from './token-set';

/** Exactly what Deckhand uses: reading and posting, users, DMs, likes, and refresh tokens. */
export const OAUTH_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'dm.read', 'dm.write', 'like.write', 'offline.access'] as const;

export interface AuthorizationRequest {
  url: string;
  state: string;
  codeVerifier: string;
}

export type TokenKind = 'access_token' | 'refresh_token';

export interface OAuthClient {
  authorizationRequest(redirectUri: string): AuthorizationRequest;
  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet>;
  refresh(refreshToken: string): Promise<TokenSet>;
  revoke(token: string, kind: TokenKind): Promise<void>;
}

/** Why X refused a token request; `permanent` when retrying with the same grant cannot help. */
export class OAuthRefusal extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'OAuthRefusal';
  }
}

/**
 * X's authorize page lives on its web host (x.com), not the API host; a sandbox serves both.
 * The library writes `s256`; RFC 7636 names the method `S256`, which X accepts too.
 */
export function authorizeUrlFor(apiBase: string, libraryUrl: string): string {
  const url = new URL(libraryUrl);
  const base = apiBase.replace(/\/+$/, '');
  const target = base === X_API_BASE ? url : new URL(`${base}/i/oauth2/authorize${url.search}`);
  target.searchParams.set('code_challenge_method', 'S256');
  return target.toString();
}

/** X documents the token and revoke endpoints as form-encoded; the library would send JSON. */
const formBodyPlugin: ITwitterApiClientPlugin = {
  onBeforeRequestConfig: ({ url, params }) => {
    if (url.pathname.startsWith('/2/oauth2/')) params.forceBodyMode = 'url';
  },
};

/** A message for people from a failed token request, without any token in it. */
export function describeOAuthError(error: unknown, secrets: readonly string[] = []): OAuthRefusal {
  const redact = (text: string) => secrets.reduce((out, secret) => (secret ? out.split(secret).join('[redacted]') : out), text);
  if (error instanceof ApiResponseError) {
    const data = (error.data ?? {}) as { error?: unknown; error_description?: unknown; detail?: unknown; title?: unknown };
    const code = typeof data.error === 'string' ? data.error : typeof data.title === 'string' ? data.title : `HTTP ${error.code}`;
    const detail = typeof data.error_description === 'string' ? data.error_description : typeof data.detail === 'string' ? data.detail : '';
    // 400/401 on a token request: the grant itself is refused (invalid_grant, revoked, wrong client).
    const permanent = error.code === 400 || error.code === 401;
    return new OAuthRefusal(redact(`X answered ${error.code}: ${code}${detail ? ` (${detail.slice(0, 200)})` : ''}`), permanent);
  }
  if (error instanceof ApiRequestError) return new OAuthRefusal(`X could not be reached (${redact(error.requestError.message)})`, false);
  return new OAuthRefusal(redact(error instanceof Error ? error.message : String(error)), false);
}

export function createOAuthClient(x: XClientFactory, clientId: string, clock: Clock): OAuthClient {
  const app = x.withClientId(clientId, [formBodyPlugin]);
  return {
    authorizationRequest(redirectUri) {
      const link = app.generateOAuth2AuthLink(redirectUri, { scope: [...OAUTH_SCOPES] });
      return { url: authorizeUrlFor(x.base, link.url), state: link.state, codeVerifier: link.codeVerifier };
    },
    async exchangeCode({ code, codeVerifier, redirectUri }) {
      try {
        return tokenSetFrom(await app.loginWithOAuth2({ code, codeVerifier, redirectUri }), clock);
      } catch (error) {
        throw describeOAuthError(error, [code, codeVerifier]);
      }
    },
    async refresh(refreshToken) {
      try {
        return tokenSetFrom(await app.refreshOAuth2Token(refreshToken), clock);
      } catch (error) {
        throw describeOAuthError(error, [refreshToken]);
      }
    },
    async revoke(token, kind) {
      try {
        await app.revokeOAuth2Token(token, kind);
      } catch (error) {
        throw describeOAuthError(error, [token]);
      }
    },
  };
}
