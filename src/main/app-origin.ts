// Which pages are the app's own, and what they may ask for. No electron import: unit-tested.

export const APP_ORIGIN = 'app://deckhand';

function parsed(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** An app:// page, or (in development) a page of exactly the dev server's origin. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  const page = parsed(url);
  if (!page) return false;
  // app: is not a special scheme, so URL.origin is "null" for it: compare its parts instead.
  if (page.protocol === 'app:') return page.host === 'deckhand' && page.username === '' && page.password === '';
  const devServer = devServerUrl === undefined ? null : parsed(devServerUrl);
  return devServer !== null && (page.protocol === 'http:' || page.protocol === 'https:') && page.origin === devServer.origin;
}

/** The frame that sent an IPC message, as the shell sees it (null once the frame is gone). */
export interface IpcSender {
  url: string;
  isMainFrame: boolean;
}

/** Only the app's own top-level pages speak the contract; no iframe, whatever its address. */
export function isAppSender(sender: IpcSender | null, devServerUrl: string | undefined): boolean {
  return sender !== null && sender.isMainFrame && isAppUrl(sender.url, devServerUrl);
}

/** The one permission the app's own pages may have: desktop notifications for its columns. */
export function isPermissionAllowed(permission: string, requestingUrl: string, devServerUrl: string | undefined): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl, devServerUrl);
}
