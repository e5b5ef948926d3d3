import { test as base } from '@playwright/test';
import { sandboxAdmin } from '../helpers/sandbox';
import { startSandboxCli, startWebHostCli, type Started } from '../helpers/processes';
import { tempDir } from '../helpers/temp';

interface Workspace {
  /** The URL the web host printed, token included. */
  appUrl: string;
  sandboxUrl: string | null;
  admin: ReturnType<typeof sandboxAdmin>;
}

/** A web host in demo mode against its own sandbox process (so tests can use the admin API). */
export const test = base.extend<object, { workspace: Workspace }>({
  workspace: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = tempDir('deckhand-e2e-');
      let sandbox: Started | null = null;
      let host: Started | null = null;
      try {
        sandbox = await startSandboxCli();
        const sandboxUrl = sandbox.match[1]!;
        host = await startWebHostCli(['--demo', '--demo-solo', '--data-dir', dataDir.path], { DECKHAND_X_API_BASE: sandboxUrl });
        await use({ appUrl: host.match[1]!, sandboxUrl, admin: sandboxAdmin(sandboxUrl) });
      } finally {
        await host?.stop();
        await sandbox?.stop();
        dataDir.remove();
      }
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
