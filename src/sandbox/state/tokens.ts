// Every token the sandbox has issued: app Bearer tokens, and OAuth 2.0 user access tokens with
// their refresh tokens. Access tokens expire after two hours; a refresh token works once (it
// rotates) and is issued only with the offline.access scope, as on X. The OAuth endpoints and
// the admin API both issue through here, so a token from either is the same thing.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/clock';

export type TokenKind = 'app' | 'user' | 'refresh';

export interface IssuedToken {
  readonly value: string;
  readonly kind: TokenKind;
  /** The user a user or refresh token acts for. */
  readonly userId: string | null;
  readonly scopes: readonly string[];
  readonly clientId: string;
  readonly issuedAt: number;
  readonly expiresAt: number | null;
  revokedAt: number | null;
  /** A refresh token already exchanged (reusing it fails). */
  usedAt: number | null;
}

/** The body X's token endpoint answers. */
export interface TokenPair {
  token_type: 'bearer';
  expires_in: number;
  access_token: string;
  scope: string;
  refresh_token?: string;
}

export type TokenRefusal = 'unknown' | 'expired' | 'revoked' | 'used';
export type TokenCheck = { ok: true; token: IssuedToken } | { ok: false; reason: TokenRefusal };

export const ACCESS_TOKEN_LIFETIME_S = 7_200;
export const SANDBOX_CLIENT_ID = 'ZGVja2hhbmQtc2FuZGJveDoxOmNp';
/** What the admin API grants when a test asks for a user token without naming scopes. */
export const DEFAULT_USER_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'like.read', 'like.write', 'dm.read', 'dm.write'] as const;

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly clock: Clock,
    /** Access token lifetime (X: two hours); tests shorten it. */
    private readonly accessLifetimeS = ACCESS_TOKEN_LIFETIME_S,
  ) {}

  issueApp(clientId = SANDBOX_CLIENT_ID): { token_type: 'bearer'; access_token: string } {
    const token = this.record('app', null, [], clientId, null, mint('AAAAAAAAAAAAAAAAAAAAA', 60));
    return { token_type: 'bearer', access_token: token.value };
  }

  issueUser(userId: string, scopes: readonly string[], clientId = SANDBOX_CLIENT_ID): TokenPair {
    const now = this.clock.now();
    const access = this.record('user', userId, scopes, clientId, now + this.accessLifetimeS * 1000, mint('', 72));
    const pair: TokenPair = { token_type: 'bearer', expires_in: this.accessLifetimeS, access_token: access.value, scope: scopes.join(' ') };
    if (scopes.includes('offline.access')) pair.refresh_token = this.record('refresh', userId, scopes, clientId, null, mint('', 72)).value;
    return pair;
  }

  /** Checks a token presented to the API (app or user access token). */
  check(value: string, kinds: readonly TokenKind[] = ['app', 'user']): TokenCheck {
    const token = this.tokens.get(value);
    if (!token || !kinds.includes(token.kind)) return { ok: false, reason: 'unknown' };
    if (token.revokedAt !== null) return { ok: false, reason: 'revoked' };
    if (token.usedAt !== null) return { ok: false, reason: 'used' };
    if (token.expiresAt !== null && this.clock.now() >= token.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, token };
  }

  /** Exchanges a refresh token for a new pair; the old refresh token stops working. */
  refresh(value: string, clientId?: string): { ok: true; pair: TokenPair } | { ok: false; reason: TokenRefusal } {
    const checked = this.check(value, ['refresh']);
    if (!checked.ok) return checked;
    if (clientId !== undefined && checked.token.clientId !== clientId) return { ok: false, reason: 'unknown' };
    checked.token.usedAt = this.clock.now();
    return { ok: true, pair: this.issueUser(checked.token.userId!, checked.token.scopes, checked.token.clientId) };
  }

  /** Revokes an access or refresh token; true when it existed. */
  revoke(value: string): boolean {
    const token = this.tokens.get(value);
    if (!token) return false;
    token.revokedAt ??= this.clock.now();
    return true;
  }

  /** Every token issued so far, oldest first. */
  list(): readonly IssuedToken[] {
    return [...this.tokens.values()];
  }

  private record(kind: TokenKind, userId: string | null, scopes: readonly string[], clientId: string, expiresAt: number | null, value: string): IssuedToken {
    const token: IssuedToken = { value, kind, userId, scopes: [...scopes], clientId, issuedAt: this.clock.now(), expiresAt, revokedAt: null, usedAt: null };
    this.tokens.set(value, token);
    return token;
  }
}

function mint(prefix: string, length: number): string {
  return (prefix + randomBytes(length).toString('base64url')).slice(0, prefix.length + length);
}
