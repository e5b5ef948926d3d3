// The demo workspace shows a team: an embedded hub on this machine (ingesting from the demo's X
// API sandbox), this desktop as its Owner, the demo brands connected through the hub the way a
// member would (X's consent page answered for them), a team column, and three simulated
// colleagues who come online, open posts, type replies and claim posts at a human pace. It is
// made anew each time the demo opens, like the demo's sandbox; nothing of it is real.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandInput, CommandName, CommandResult } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import type { Core } from '../core/core';
import { DEMO_CLIENT_ID } from '../core/accounts/x-app-settings';
import { MemorySecretStore, type Logger } from '../core/ports';
import { SOLO_AGENT } from '../core/rpc/caller';
import { DEMO_BRANDS, sandboxAppToken } from '../core/workspace/demo';
import { openHubStore, type HubStore } from '../../hub/db/open';
import { startHub, type RunningHub } from '../../hub/server';
import { DemoColleague, type ColleagueTimings } from './demo-colleague';

export const DEMO_COLLEAGUES = ['Maya Chen', 'Leo Okafor', 'Sofia Reyes'] as const;

export interface DemoTeamOptions {
  core: Core;
  sandboxUrl: string;
  /** The workspace's data dir: the hub keeps its working files in demo-hub/ under it. */
  dataDir: string;
  logger: Logger;
  /** Tests shorten the colleagues' human pace. */
  timings?: Partial<ColleagueTimings>;
}

export interface DemoTeam {
  hub: RunningHub;
  colleagues: DemoColleague[];
  close(): Promise<void>;
}

/** Plays the member's browser on the sandbox's consent page: authorize as `username`, then follow X back to the hub. */
async function authorizeAs(authorizeUrl: string, username: string): Promise<void> {
  const request = new URL(authorizeUrl);
  const form = new URLSearchParams(request.searchParams);
  form.set('username', username);
  form.set('decision', 'authorize');
  const consent = await fetch(new URL('/i/oauth2/authorize', request), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form, redirect: 'manual' });
  const back = consent.headers.get('location');
  if (consent.status !== 302 || !back) throw new Error(`The demo sandbox did not authorize @${username} (HTTP ${consent.status})`);
  const callback = await fetch(back);
  if (!callback.ok) throw new Error(`The demo hub did not take @${username} (HTTP ${callback.status})`);
}

export async function startDemoTeam(options: DemoTeamOptions): Promise<DemoTeam> {
  const { core, logger } = options;
  const call = async <K extends CommandName>(method: K, input: CommandInput<K>): Promise<CommandResult<K>> => {
    const answer = (await core.dispatch(method, input, SOLO_AGENT)) as Envelope<CommandResult<K>>;
    if (!answer.ok) throw new Error(`demo team: ${method} failed: ${answer.error.message}`);
    return answer.value;
  };
  const hubDir = join(options.dataDir, 'demo-hub');
  rmSync(hubDir, { recursive: true, force: true }); // a new team each time, like the demo's sandbox
  let store: HubStore | null = null;
  let hub: RunningHub | null = null;
  const colleagues: DemoColleague[] = [];
  const close = async () => {
    for (const colleague of colleagues) colleague.close();
    await hub?.close();
    await store?.close();
  };
  try {
    store = await openHubStore(join(hubDir, 'hub.sqlite'));
    hub = await startHub({
      db: store.db,
      host: '127.0.0.1',
      port: 0,
      logger,
      // The demo's brand tokens are the sandbox's and live in memory, as in the solo demo.
      vault: new MemorySecretStore(),
      ingest: { dataDir: join(hubDir, 'ingest'), xApiBase: options.sandboxUrl, clientId: DEMO_CLIENT_ID, appToken: await sandboxAppToken(options.sandboxUrl), pollIntervalMs: 2_000 },
    });
    await call('createTeam', { hubUrl: hub.url, setupCode: hub.setupCode ?? '', displayName: 'You', teamName: 'Acme Air care (demo)' });
    for (const username of DEMO_BRANDS) await authorizeAs((await call('connectTeamHandle', {})).authorizeUrl, username);
    const brands = await waitForTeamHandles(call);
    const acme = brands.find((account) => account.username === DEMO_BRANDS[0]);
    if (acme) await call('createColumn', { kind: 'search', accountId: acme.id, query: acme.username, title: `Search: ${acme.username}` });
    const roles = Object.fromEntries(brands.map((brand) => [brand.id, 'agent']));
    for (const name of DEMO_COLLEAGUES) {
      const { link } = await call('createInvite', { teamRole: null, handleRoles: roles, expiresInHours: 1 });
      colleagues.push(await DemoColleague.join(hub.url, link, name, logger, options.timings));
    }
    logger.info('demo team ready', { hubUrl: hub.url, colleagues: DEMO_COLLEAGUES.length });
    return { hub, colleagues, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The brands reach this desktop's replica through the hub's log moments after the hub took them. */
async function waitForTeamHandles(call: <K extends CommandName>(method: K, input: CommandInput<K>) => Promise<CommandResult<K>>) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const brands = (await call('listAccounts', {})).filter((account) => account.fromTeam);
    if (brands.length >= DEMO_BRANDS.length) return brands;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('demo team: the brands did not reach this desktop');
}
