// The demo workspace: brand handles connected to an X API sandbox, with tokens issued by the
// sandbox's admin API and kept in memory only.
import type { Account } from '../../../shared/domain';
import type { SecretStore } from '../ports';
import type { XClientFactory } from '../x/client';
import { USER_FIELDS } from '../x/client';
import { normaliseAuthor } from '../x/normalize';
import { appTokenKey, userTokenKey } from './tokens';

export const DEMO_BRANDS = ['AcmeAir', 'NimbusMobile'] as const;

async function issueSandboxToken(sandboxUrl: string, body: object): Promise<string> {
  const response = await fetch(new URL('/_sandbox/tokens', sandboxUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`The X API sandbox refused a demo token (HTTP ${response.status})`);
  const token = ((await response.json()) as { access_token?: unknown }).access_token;
  if (typeof token !== 'string') throw new Error('The X API sandbox answered a token request without a token');
  return token;
}

export async function provisionDemoAccounts(sandboxUrl: string, x: XClientFactory, secrets: SecretStore): Promise<Account[]> {
  await secrets.set(appTokenKey(), await issueSandboxToken(sandboxUrl, { app: true }));
  const accounts: Account[] = [];
  for (const username of DEMO_BRANDS) {
    const token = await issueSandboxToken(sandboxUrl, { username });
    // The account's identity comes from X's own answer, exactly as for a real handle.
    const me = await x.withToken(token).v2.me({ 'user.fields': [...USER_FIELDS] });
    const author = normaliseAuthor(me.data);
    if (!author) throw new Error(`The X API sandbox answered /2/users/me for @${username} without a valid user`);
    await secrets.set(userTokenKey(author.id), token);
    accounts.push({ id: author.id, username: author.username, name: author.name, avatarUrl: author.avatarUrl, status: 'connected' });
  }
  return accounts;
}
