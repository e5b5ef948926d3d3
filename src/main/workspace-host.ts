// What both hosts (Electron shell, web host) do to open a workspace: choose demo or X, start the
// embedded sandbox for the demo, and build the core with the host's ports.
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
}

export interface OpenWorkspace {
  core: Core;
  sandbox: RunningSandbox | null;
  close(): Promise<void>;
}

export const X_CLIENT_ID_PREFERENCE = 'x.clientId';

export async function openWorkspace(options: WorkspaceHostOptions): Promise<OpenWorkspace> {
  const xAppConfigured = typeof options.preferences.get<string>(X_CLIENT_ID_PREFERENCE) === 'string';
  const demo = options.demo || !xAppConfigured;
  let sandbox: RunningSandbox | null = null;
  let apiBase = options.xApiBase;
  if (demo && !apiBase) {
    sandbox = await startSandbox({ rate: options.demoRate ?? 0.5, seed: Date.now() % 100_000 });
    apiBase = sandbox.url;
  }
  const secrets: SecretStore = demo ? new MemorySecretStore() : new KeytarSecretStore();
  const core = createCore({
    dataDir: options.dataDir,
    secrets,
    preferences: options.preferences,
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
