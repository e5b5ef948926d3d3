// What both hosts (Electron shell, web host) do to open a workspace: choose demo or X, start the
// embedded sandbox for the demo, and build the core with the host's ports.
import { configuredClientId } from './core/accounts/x-app-settings';
import { createCore, type Core } from './core/core';
import { configuredFeedPort } from './core/feeds-publish/column-feeds';
import type { Logger, PreferenceStore, SecretStore } from './core/ports';
import { MemorySecretStore } from './core/ports';
import { KeytarSecretStore } from './core/secrets/keytar-store';
import { startSandbox, type RunningSandbox } from '../sandbox/index';
import { LinkStore, teamPreferencesOf } from './core/team/link-store';
import { startDemoTeam, type DemoTeam } from './demo-team/demo-team';
import type { ColleagueTimings } from './demo-team/demo-colleague';

export interface WorkspaceHostOptions {
  dataDir: string;
  preferences: PreferenceStore;
  logger: Logger;
  /** Force the demo workspace even when an X app is configured. */
  demo: boolean;
  /** The demo shows a team (an embedded hub, simulated colleagues); false: the demo desktop alone. Default true. */
  demoTeam?: boolean;
  /** Tests quicken the demo colleagues' human pace. */
  demoTeamTimings?: Partial<ColleagueTimings>;
  /** DECKHAND_X_API_BASE: an external sandbox (or X) instead of the embedded sandbox. */
  xApiBase?: string;
  /** Synthetic customer posts per second in the embedded demo sandbox. */
  demoRate?: number;
  /** Opens X's authorization page in the system browser (desktop shell only). */
  openExternal?: (url: string) => Promise<void>;
  /** Account tokens and the app Bearer token; default: the OS keychain (service "Deckhand"). */
  keychain?: SecretStore;
}

export interface OpenWorkspace {
  core: Core;
  sandbox: RunningSandbox | null;
  demoTeam: DemoTeam | null;
  close(): Promise<void>;
}

export async function openWorkspace(options: WorkspaceHostOptions): Promise<OpenWorkspace> {
  const xAppConfigured = configuredClientId(options.preferences) !== null;
  const demo = options.demo || !xAppConfigured;
  let sandbox: RunningSandbox | null = null;
  let apiBase = options.xApiBase;
  if (demo && !apiBase) {
    sandbox = await startSandbox({ rate: options.demoRate ?? 0.5, seed: Date.now() % 100_000 });
    apiBase = sandbox.url;
  }
  // The demo's sandbox tokens stay in memory; the X app's own Bearer token goes to the keychain.
  const keychain = options.keychain ?? new KeytarSecretStore();
  // The demo team's member credential goes to the keychain like any: without one, the demo is solo.
  const keychainProblem = demo && options.demoTeam !== false ? await keychain.check() : null;
  if (keychainProblem) options.logger.warn('demo workspace without its team: no OS keychain for the member credential', { problem: keychainProblem });
  const withTeam = demo && apiBase !== undefined && options.demoTeam !== false && keychainProblem === null;
  // The demo team is made anew each time, like the demo's sandbox: last time's link is forgotten.
  if (withTeam) await new LinkStore(keychain, teamPreferencesOf(options.preferences, 'demo')).forgetSaved();
  const secrets: SecretStore = demo ? new MemorySecretStore() : keychain;
  const feedPort = configuredFeedPort(process.env.DECKHAND_FEED_PORT, options.logger);
  const core = createCore({
    dataDir: options.dataDir,
    secrets,
    appSecrets: keychain,
    preferences: options.preferences,
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    logger: options.logger,
    ...(apiBase ? { xApiBase: apiBase } : {}),
    ...(feedPort !== undefined ? { feedPort } : {}),
    ...(demo && apiBase ? { demo: { sandboxUrl: apiBase, team: withTeam } } : {}),
  });
  let demoTeam: DemoTeam | null = null;
  try {
    await core.start();
    if (withTeam && apiBase) {
      demoTeam = await startDemoTeam({ core, sandboxUrl: apiBase, dataDir: options.dataDir, logger: options.logger, ...(options.demoTeamTimings ? { timings: options.demoTeamTimings } : {}) });
    }
  } catch (error) {
    await core.close();
    await demoTeam?.close();
    await sandbox?.close();
    throw error;
  }
  return {
    core,
    sandbox,
    demoTeam,
    async close() {
      await core.close();
      await demoTeam?.close();
      await sandbox?.close();
    },
  };
}
