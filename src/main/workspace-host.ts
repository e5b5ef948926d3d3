// What both hosts (Electron shell, web host) do to open a workspace: choose demo or X, start the
// embedded sandbox for the demo, and build the core with the host's ports.
import { configuredClientId } from './core/accounts/x-app-settings';
import { createCore, type Core } from './core/core';
import type { Logger, PreferenceStore, SecretStore } from './core/ports';
import { MemorySecretStore } from './core/ports';
import { KeytarSecretStore } from './core/secrets/keytar-store';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

export interface WorkspaceHostOptions {
  dataDir: string;
  preferences: PreferenceStore;
  logger: Logger;
  /** Force the demo workspace even when an X app is configured. */
  demo: boolean;
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
  const secrets: SecretStore = demo ? new MemorySecretStore() : keychain;
  const core = createCore({
    dataDir: options.dataDir,
    secrets,
    appSecrets: keychain,
    preferences: options.preferences,
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    logger: options.logger,
    ...(apiBase ? { xApiBase: apiBase } : {}),
    ...(demo && apiBase ? { demo: { sandboxUrl: apiBase } } : {}),
  });
  try {
    await core.start();
  } catch (error) {
    await core.close();
    await sandbox?.close();
    throw error;
  }
  return {
    core,
    sandbox,
    async close() {
      await core.close();
      await sandbox?.close();
    },
  };
}
