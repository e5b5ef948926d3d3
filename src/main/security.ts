// Locks down every window: no navigation away, no new windows, no permission but notifications
// for our own pages, https-only links.
import { app, session, shell, type WebContents } from 'electron';
import { isOpenableAuthorizationUrl } from '../shared/sign-in-url';
import { isPermissionAllowed } from './app-origin';

export { APP_ORIGIN, isAppUrl } from './app-origin';

export function openExternalSafely(url: string): void {
  try {
    if (new URL(url).protocol === 'https:') void shell.openExternal(url);
  } catch {
    // Not a URL: ignore.
  }
}

/**
 * X's authorization page, built by the core itself: https, or the embedded sandbox's page on
 * loopback http (demo workspace). Links from content stay https-only (openExternalSafely).
 */
export async function openAuthorizationPage(url: string): Promise<void> {
  if (!isOpenableAuthorizationUrl(url)) throw new Error('Refused to open a sign-in page that is neither https nor the local sandbox');
  await shell.openExternal(url);
}

export function hardenSessions(devServerUrl: string | undefined): void {
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? contents.getURL(), devServerUrl));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, `${requestingOrigin.replace(/\/+$/, '')}/`, devServerUrl),
  );
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url);
      return { action: 'deny' };
    });
  });
}
