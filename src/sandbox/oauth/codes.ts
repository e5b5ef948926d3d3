// Authorization codes: issued when someone clicks "Authorize app", exchanged once at the token
// endpoint within 30 seconds (X's limit), only by the same client, with the same redirect_uri and
// the PKCE verifier whose S256 hash is the challenge the authorize request carried.
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../shared/clock';

export const CODE_LIFETIME_MS = 30_000;
/** RFC 7636: 43-128 characters of the unreserved set. */
const VERIFIER_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/;

export interface AuthorizationGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  readonly codeChallenge: string;
}

interface IssuedCode extends AuthorizationGrant {
  readonly expiresAt: number;
  redeemed: boolean;
}

export type Redemption = { ok: true; grant: AuthorizationGrant } | { ok: false; description: string };

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class CodeStore {
  private readonly codes = new Map<string, IssuedCode>();

  constructor(private readonly clock: Clock) {}

  issue(grant: AuthorizationGrant): string {
    this.forgetExpired();
    const value = randomBytes(48).toString('base64url');
    this.codes.set(value, { ...grant, scopes: [...grant.scopes], expiresAt: this.clock.now() + CODE_LIFETIME_MS, redeemed: false });
    return value;
  }

  /** Exchanges a code once; any attempt, right or wrong, uses it up (as RFC 6749 advises). */
  redeem(value: string, input: { clientId: string; redirectUri: string; codeVerifier: string }): Redemption {
    const code = this.codes.get(value);
    if (!code) return refused('Value passed for the authorization code was invalid.');
    if (code.redeemed) return refused('Value passed for the authorization code was already used.');
    code.redeemed = true;
    if (this.clock.now() >= code.expiresAt) return refused('Value passed for the authorization code has expired (codes live 30 seconds).');
    if (code.clientId !== input.clientId) return refused('The authorization code was issued to another client.');
    if (code.redirectUri !== input.redirectUri) return refused('Value passed for redirect_uri does not match the one used to authorize.');
    if (!VERIFIER_PATTERN.test(input.codeVerifier)) return refused('code_verifier must be 43-128 characters of A-Z a-z 0-9 . _ ~ -');
    if (s256(input.codeVerifier) !== code.codeChallenge) return refused('Value passed for code_verifier does not match the code_challenge (S256).');
    const { expiresAt: _expiresAt, redeemed: _redeemed, ...grant } = code;
    return { ok: true, grant };
  }

  private forgetExpired(): void {
    const now = this.clock.now();
    for (const [value, code] of this.codes) if (now >= code.expiresAt + CODE_LIFETIME_MS) this.codes.delete(value);
  }
}

const refused = (description: string): Redemption => ({ ok: false, description });
