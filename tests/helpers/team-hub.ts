// A hub that holds brand tokens and ingests from an X API sandbox, for tests of the team: a vault
// sealed with a fresh operator key, the sandbox's demo app, and the app's Bearer token from it.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import type { HubStore } from '../../src/hub/db/open';
import type { HubIngestOptions } from '../../src/hub/server';
import { openHubVault, type HubVault } from '../../src/hub/vault';
import type { CommandInput, CommandName, CommandResult } from '../../src/shared/contract';
import { answerConsent } from './consent';

export async function sandboxAppToken(sandboxUrl: string): Promise<string> {
  const response = await fetch(new URL('/_sandbox/tokens', sandboxUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app: true }) });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error('the sandbox issued no app token');
  return body.access_token;
}

/** One operator key per store: a hub started again on it opens the same sealed tokens. */
const operatorKeys = new WeakMap<HubStore, string>();

/** startHub's vault and ingest options for a hub on `store` that reaches X at the sandbox. */
export async function hubIngest(store: HubStore, sandboxUrl: string, dataDir: string, options: { pollIntervalMs?: number } = {}): Promise<{ vault: HubVault; ingest: HubIngestOptions }> {
  const key = operatorKeys.get(store) ?? randomBytes(32).toString('base64');
  operatorKeys.set(store, key);
  const vault = await openHubVault({ db: store.db, keyFromEnv: key });
  return {
    vault,
    ingest: { dataDir: join(dataDir, 'ingest'), xApiBase: sandboxUrl, clientId: DEMO_CLIENT_ID, appToken: await sandboxAppToken(sandboxUrl), pollIntervalMs: options.pollIntervalMs ?? 500 },
  };
}

interface CallsCommands {
  ok<K extends CommandName>(method: K, input: CommandInput<K>): Promise<CommandResult<K>>;
}

/** A member connects a brand handle: X's consent page in "the browser", back to the hub's callback. */
export async function connectTeamHandle(desktop: CallsCommands, username: string): Promise<void> {
  const { authorizeUrl } = await desktop.ok('connectTeamHandle', {});
  const page = await answerConsent(authorizeUrl, username);
  expect(page.html).toContain(`@${username} is now one of the team&#39;s handles`);
  expect(page.status).toBe(200);
}
