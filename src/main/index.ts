// The Electron shell: windows, the app:// protocol, and the contract on ipcMain. No business logic.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol } from 'electron';
import log from 'electron-log/main';
import Store from 'electron-store';
import icon from '../../resources/icon.png?asset';
import { startAutoUpdate } from './auto-update';
import { configuredClientId } from './core/accounts/x-app-settings';
import { logFileOf } from './core/logger';
import type { PreferenceStore } from './core/ports';
import { SOLO_AGENT } from './core/rpc/caller';
import { serve } from './core/rpc/serve';
import { ensurePrivateDataDir } from './data-dir';
import { rotatingFileLogger } from './desktop-log';
import { ipcTransport } from './ipc-transport';
import { APP_ORIGIN, hardenSessions, openAuthorizationPage } from './security';
import { readStaticFile } from './web/static-files';
import { UPDATE_FEED_ENV, UPDATE_FEED_PREFERENCE, updateFeedFrom } from './update-feed';
import { openWorkspace, type OpenWorkspace } from './workspace-host';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let workspace: OpenWorkspace | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Deckhand',
    show: false,
    ...(process.platform === 'linux' ? { icon } : {}),
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

function serveRenderer(): void {
  // The web host's check: nothing outside the renderer folder (.., encoded or not, backslashes, NUL).
  protocol.handle('app', async (request) => {
    const file = await readStaticFile(rendererDir, new URL(request.url).pathname);
    return file ? new Response(new Uint8Array(file.body), { headers: { 'content-type': file.type } }) : new Response('Not found', { status: 404 });
  });
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) return app.quit();
  await app.whenReady();
  hardenSessions(devServerUrl);
  serveRenderer();
  const dataDir = app.getPath('userData');
  ensurePrivateDataDir(dataDir);
  const logger = rotatingFileLogger(log, logFileOf(dataDir));
  const store = new Store<Record<string, unknown>>();
  const preferences: PreferenceStore = { get: <T>(key: string) => store.get(key) as T | undefined, set: (key, value) => store.set(key, value) };
  const demoForced = process.env.DECKHAND_DEMO === '1';
  workspace = await openWorkspace({
    dataDir,
    logger,
    preferences,
    demo: demoForced,
    openExternal: openAuthorizationPage,
    ...(process.env.DECKHAND_X_API_BASE ? { xApiBase: process.env.DECKHAND_X_API_BASE } : {}),
  });
  // The agent at this desktop; the transport hears only the app's own pages.
  serve(workspace.core, ipcTransport(ipcMain, devServerUrl), () => SOLO_AGENT);

  createWindow();
  const demo = demoForced || configuredClientId(preferences) === null;
  startAutoUpdate(updateFeedFrom({ packaged: app.isPackaged, demo, fromEnv: process.env[UPDATE_FEED_ENV], fromPreference: store.get(UPDATE_FEED_PREFERENCE) }), logger);
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  void workspace?.close();
});

start().catch((error: unknown) => {
  console.error('Deckhand could not start:', error);
  app.exit(1);
});
