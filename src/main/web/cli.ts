// Entry of `npm run web`: one workspace, served to a browser on 127.0.0.1.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { createFileLogger, logFileOf } from '../core/logger';
import { defaultDataDir, ensurePrivateDataDir } from '../data-dir';
import { openWorkspace } from '../workspace-host';
import { parseWebHostArgs, WEB_USAGE, type WebHostArgs } from './args';
import { startWebHost } from './host';

async function main(): Promise<void> {
  let args: WebHostArgs;
  try {
    args = parseWebHostArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${WEB_USAGE}`);
    process.exit(2);
  }
  const rendererDir = process.env.DECKHAND_RENDERER_DIR ?? fileURLToPath(new URL('../../../out/renderer', import.meta.url));
  if (!existsSync(rendererDir)) {
    console.error(`The renderer is not built (${rendererDir} is missing): run \`npm run build\` first.`);
    process.exit(1);
  }
  const dataDir = args.dataDir ?? defaultDataDir();
  ensurePrivateDataDir(dataDir);
  const logger = createFileLogger(dataDir);
  // Same file format as electron-store in the desktop app.
  const preferences = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'config', projectName: 'Deckhand' });
  const workspace = await openWorkspace({
    dataDir,
    logger,
    preferences: { get: <T>(key: string) => preferences.get(key) as T | undefined, set: (key, value) => preferences.set(key, value) },
    demo: args.demo,
    demoTeam: args.demoTeam,
    ...(process.env.DECKHAND_X_API_BASE ? { xApiBase: process.env.DECKHAND_X_API_BASE } : {}),
  });
  const host = await startWebHost({ core: workspace.core, rendererDir, logger, port: args.port });
  console.log(`Deckhand web host ready: ${host.url}`);
  console.error(`Data: ${dataDir}  Log: ${logFileOf(dataDir)}`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await workspace.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`Deckhand web host could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
