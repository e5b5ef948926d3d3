// An account's OAuth 2.0 tokens, as kept in its one keychain entry.
import { z } from 'zod';
import type { Clock } from '../../../shared/clock';

export interface TokenSet {
  accessToken: string;
  /** Present when the grant included `offline.access`. */
  refreshToken: string | null;
  /** Epoch ms at which X stops accepting the access token. */
  expiresAt: number;
  scopes: string[];
}

/** X's token endpoint answer, as twitter-api-v2 parses it. */
export interface TokenGrant {
  accessToken: string;
  refreshToken?: string | undefined;
  expiresIn: number;
  scope: readonly string[];
}

export function tokenSetFrom(grant: TokenGrant, clock: Clock): TokenSet {
  return {
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken ?? null,
    expiresAt: clock.now() + Math.max(0, grant.expiresIn) * 1000,
    scopes: [...grant.scope],
  };
}

const stored = z.object({
  v: z.literal(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  expiresAt: z.number().finite(),
  scopes: z.array(z.string()),
});

export function serialiseTokenSet(set: TokenSet): string {
  return JSON.stringify({ v: 1, ...set });
}

/** Null for anything that is not a token set we wrote: the account then needs reconnecting. */
export function parseTokenSet(raw: string | null): TokenSet | null {
  if (raw === null) return null;
  try {
    const parsed = stored.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const { accessToken, refreshToken, expiresAt, scopes } = parsed.data;
    return { accessToken, refreshToken, expiresAt, scopes };
  } catch {
    return null;
  }
}
