// The demo workspace: brand handles connected to an X API sandbox, with token pairs issued by the
// sandbox's admin API (exactly as its OAuth flow would) and kept in memory only.
import type { Clock } from '../../../shared/clock';
import type { Account } from '../../../shared/domain';
import { tokenSetFrom, type TokenSet } from '../accounts/token-set';
import type { SecretStore } from '../ports';
import type { XClientFactory } from '../x/client';
import { USER_FIELDS } from '../x/client';
import { normaliseAuthor } from '../x/normalize';
import { appTokenKey } from './tokens';

export const DEMO_BRANDS = ['AcmeAir', 'NimbusMobile'] as const;

interface IssuedTokens {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  scope?: unknown;
}

async function issueSandboxTokens(sandboxUrl: string, body: object): Promise<IssuedTokens & { access_token: string }> {
  const response = await fetch(new URL('/_sandbox/tokens', sandboxUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`The X API sandbox refused a demo token (HTTP ${response.status})`);
  const issued = (await response.json()) as IssuedTokens;
  if (typeof issued.access_token !== 'string') throw new Error('The X API sandbox answered a token request without a token');
  return { ...issued, access_token: issued.access_token };
}

/** The sandbox's Bearer token for its demo app (the filtered stream's): the demo's solo desktop and its embedded hub ask for it. */
export async function sandboxAppToken(sandboxUrl: string): Promise<string> {
  return (await issueSandboxTokens(sandboxUrl, { app: true })).access_token;
}

export interface DemoProvisioning {
  secrets: SecretStore;
  clock: Clock;
  saveTokens(accountId: string, set: TokenSet): Promise<void>;
}

export async function provisionDemoAccounts(sandboxUrl: string, x: XClientFactory, into: DemoProvisioning): Promise<Account[]> {
  await into.secrets.set(appTokenKey(), await sandboxAppToken(sandboxUrl));
  const accounts: Account[] = [];
  for (const username of DEMO_BRANDS) {
    const issued = await issueSandboxTokens(sandboxUrl, { username });
    const set = tokenSetFrom(
      {
        accessToken: issued.access_token,
        refreshToken: typeof issued.refresh_token === 'string' ? issued.refresh_token : undefined,
        expiresIn: typeof issued.expires_in === 'number' ? issued.expires_in : 7_200,
        scope: typeof issued.scope === 'string' ? issued.scope.split(' ').filter(Boolean) : [],
      },
      into.clock,
    );
    // The account's identity comes from X's own answer, exactly as for a real handle.
    const me = await x.withToken(set.accessToken).v2.me({ 'user.fields': [...USER_FIELDS] });
    const author = normaliseAuthor(me.data);
    if (!author) throw new Error(`The X API sandbox answered /2/users/me for @${username} without a valid user`);
    await into.saveTokens(author.id, set);
    accounts.push({ id: author.id, username: author.username, name: author.name, avatarUrl: author.avatarUrl, status: 'connected' });
  }
  return accounts;
}
