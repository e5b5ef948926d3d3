// Which sign-in pages may be opened outside the app (system browser, new tab): X over https, or an
// X API sandbox on this machine (the demo workspace) over plain http on loopback.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isOpenableAuthorizationUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && url.pathname === '/i/oauth2/authorize';
}
