// A hub that holds brand tokens and ingests from an X API sandbox, for tests of the team: a vault
// sealed with a fresh operator key, the sandbox's demo app, and the app's Bearer token from it.
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, expect } from 'vitest';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import { sandboxAppToken } from '../../src/main/core/workspace/demo';
import { openHubStore, type HubStore } from '../../src/hub/db/open';
import { startHub, type HubIngestOptions, type RunningHub } from '../../src/hub/server';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { openHubVault, type HubVault } from '../../src/hub/vault';
import type { CommandInput, CommandName, CommandResult } from '../../src/shared/contract';
import { answerConsent } from './consent';
import { eventually } from './sandbox';
import { openDesktop, type DesktopOptions, type TestDesktop } from './team-desktop';
import { silentLogger, tempDir } from './temp';

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

/**
 * Ann Owner creates the team on the rig's hub and connects @AcmeAir through it; Bob Agent joins
 * on a second desktop as an Agent on it. Answers both desktops and the handle.
 */
export async function ownerAndAgent(rig: TeamRig) {
  const a = await rig.desktop();
  const b = await rig.desktop();
  await a.ok('createTeam', { hubUrl: rig.hub.url, setupCode: rig.hub.setupCode ?? '', displayName: 'Ann Owner' });
  await connectTeamHandle(a, 'AcmeAir');
  const acme = await eventually(async () => (await a.ok('listAccounts', {})).find((account) => account.username === 'AcmeAir' && account.fromTeam), 5_000, '@AcmeAir to be a team handle');
  const { link } = await a.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: 'agent' }, expiresInHours: 1 });
  await b.ok('joinTeam', { inviteLink: link, displayName: 'Bob Agent' });
  return { a, b, acme };
}

export interface TeamRig {
  /** Where the desktops keep their member credentials (a service of this rig's own). */
  readonly keychainService: string;
  readonly sandbox: RunningSandbox;
  readonly store: HubStore;
  readonly storeDir: string;
  readonly hub: RunningHub;
  /** A demo desktop's core on its own data dir, closed after the test. */
  desktop(options?: DesktopOptions): Promise<TestDesktop>;
  /** The hub again on its store and address (after `hub.close()`). */
  restartHub(): Promise<RunningHub>;
}

/**
 * Per test: a real X API sandbox, a hub on a fresh SQLite store that ingests from it, and desktops
 * on one keychain service of their own; all closed and cleaned after the test.
 */
export function useTeamRig(options: { pollIntervalMs?: number } = {}): TeamRig {
  const keychainService = `Deckhand-test-${randomUUID()}`;
  let state: { sandbox: RunningSandbox; store: HubStore; storeDir: ReturnType<typeof tempDir>; hub: RunningHub; port: number } | null = null;
  const desktops: TestDesktop[] = [];
  const started = () => {
    if (!state) throw new Error('the team rig is not started (use it inside a test)');
    return state;
  };
  const startTeamHub = async (store: HubStore, sandboxUrl: string, dataDir: string, port: number) =>
    startHub({ db: store.db, host: '127.0.0.1', port, logger: silentLogger, ...(await hubIngest(store, sandboxUrl, dataDir, options)) });

  beforeEach(async () => {
    const sandbox = await startSandbox();
    const storeDir = tempDir('deckhand-team-');
    const store = await openHubStore(join(storeDir.path, 'hub.sqlite'));
    const hub = await startTeamHub(store, sandbox.url, storeDir.path, 0);
    state = { sandbox, store, storeDir, hub, port: Number(new URL(hub.url).port) };
  });

  afterEach(async () => {
    const current = started();
    for (const desktop of desktops.splice(0)) await desktop.close();
    await current.hub.close();
    await current.store.close();
    current.storeDir.remove();
    await current.sandbox.close();
    for (const { account } of await keytar.findCredentials(keychainService)) await keytar.deletePassword(keychainService, account);
    state = null;
  });

  return {
    keychainService,
    get sandbox() {
      return started().sandbox;
    },
    get store() {
      return started().store;
    },
    get storeDir() {
      return started().storeDir.path;
    },
    get hub() {
      return started().hub;
    },
    async desktop(desktopOptions = {}) {
      const opened = await openDesktop(started().sandbox.url, keychainService, desktopOptions);
      desktops.push(opened);
      return opened;
    },
    async restartHub() {
      const current = started();
      current.hub = await startTeamHub(current.store, current.sandbox.url, current.storeDir.path, current.port);
      return current.hub;
    },
  };
}
