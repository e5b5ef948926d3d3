// The web host has no system browser to hand X's sign-in page to: the app opens it in a new tab.
import { isOpenableAuthorizationUrl } from '../../../../shared/sign-in-url';

/** False when the URL is not a sign-in page or the browser blocked the tab (the panel shows a link). */
export function openSignInPage(url: string): boolean {
  if (!isOpenableAuthorizationUrl(url)) return false;
  // noopener: X's page gets no handle on Deckhand's window (and window.open then returns null).
  window.open(url, '_blank', 'noopener,noreferrer');
  return true;
}
