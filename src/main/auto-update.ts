// electron-updater on the operator's feed (a generic HTTPS server holding electron-builder's
// latest*.yml and installers): checks at start and every few hours, downloads in the background,
// installs when the app quits. A failed check is logged and never disturbs the app.
import electronUpdater from 'electron-updater';
import type { Logger } from './core/ports';
import type { UpdateFeed } from './update-feed';

const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

export function startAutoUpdate(feed: UpdateFeed, logger: Logger): void {
  if (!feed.enabled) {
    logger.info('auto-update off', { reason: feed.reason });
    return;
  }
  // electron-updater is CommonJS: its named exports come through the default import in ESM.
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = {
    info: (message?: unknown) => logger.info('updater', { detail: String(message) }),
    warn: (message?: unknown) => logger.warn('updater', { detail: String(message) }),
    error: (message?: unknown) => logger.error('updater', { detail: String(message) }),
  };
  autoUpdater.setFeedURL({ provider: 'generic', url: feed.url });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('error', (error) => logger.warn('update check failed', { feed: feed.url, error: error.message }));
  autoUpdater.on('update-downloaded', (event) => logger.info('update downloaded; it installs when Deckhand quits', { version: event.version }));
  const check = () => {
    autoUpdater.checkForUpdates().catch((error: unknown) => logger.warn('update check failed', { feed: feed.url, error: error instanceof Error ? error.message : String(error) }));
  };
  logger.info('auto-update on', { feed: feed.url });
  check();
  setInterval(check, CHECK_EVERY_MS).unref();
}
