// The web host's per-run token arrives in the page URL. It is moved out of the address bar (so
// it is not bookmarked, shared in a screenshot or kept in history) into this tab's session
// storage, so a reload still connects.

export const ACCESS_TOKEN_STORAGE_KEY = 'deckhand.accessToken';

/** The part of the tab's sessionStorage this needs (DOM-free, so it tests under Node). */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface TakenToken {
  token: string | null;
  /** The address to show instead, when the token was removed from it. */
  cleanedUrl: string | null;
}

export function takeAccessToken(href: string, storage: TokenStorage): TakenToken {
  const url = new URL(href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(ACCESS_TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    return { token: fromUrl, cleanedUrl: url.pathname + url.search + url.hash };
  }
  return { token: storage.getItem(ACCESS_TOKEN_STORAGE_KEY) || null, cleanedUrl: null };
}

/** The bridge's WebSocket address on the host that served the page. */
export function rpcSocketUrl(pageHref: string, token: string): string {
  const page = new URL(pageHref);
  const socket = new URL('/rpc', page);
  socket.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  socket.searchParams.set('token', token);
  return socket.href;
}
