// Which pages are the app's own, and what they may ask for. No electron import: unit-tested.

export const APP_ORIGIN = 'app://deckhand';

export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || (devServerUrl !== undefined && url.startsWith(devServerUrl));
}

/** The one permission the app's own pages may have: desktop notifications for its columns. */
export function isPermissionAllowed(permission: string, requestingUrl: string, devServerUrl: string | undefined): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl, devServerUrl);
}
