// The Electron shell: windows, the app:// protocol, and the contract on ipcMain. No business logic.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol } from 'electron';
import Store from 'electron-store';
import icon from '../../resources/icon.png?asset';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/rpc';
import { LOCAL_AGENT } from './core/core';
import { createFileLogger } from './core/logger';
import { APP_ORIGIN, hardenSessions, isAppUrl, openAuthorizationPage } from './security';
import { openWorkspace, type OpenWorkspace } from './workspace-host';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

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
  protocol.handle('app', async (request) => {
    const path = normalize(decodeURIComponent(new URL(request.url).pathname)).replace(/^([/\\])+/, '');
    const file = join(rendererDir, path);
    if (!file.startsWith(rendererDir)) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), { headers: { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) return app.quit();
  await app.whenReady();
  hardenSessions(devServerUrl);
  serveRenderer();
  const dataDir = app.getPath('userData');
  const logger = createFileLogger(dataDir);
  const store = new Store<Record<string, unknown>>();
  workspace = await openWorkspace({
    dataDir,
    logger,
    preferences: { get: <T>(key: string) => store.get(key) as T | undefined, set: (key, value) => store.set(key, value) },
    demo: process.env.DECKHAND_DEMO === '1',
    openExternal: openAuthorizationPage,
    ...(process.env.DECKHAND_X_API_BASE ? { xApiBase: process.env.DECKHAND_X_API_BASE } : {}),
  });
  const { core } = workspace;

  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, input: unknown) => {
    // Only our own pages may speak the contract.
    const senderUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(senderUrl, devServerUrl)) {
      return { ok: false, error: { code: 'forbidden', message: 'Unknown sender' } };
    }
    return core.dispatch(method, input, LOCAL_AGENT);
  });
  core.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });

  createWindow();
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
