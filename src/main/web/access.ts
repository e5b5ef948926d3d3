// The web host's two secrets: the per-run token (printed in the URL; the only key to /rpc by
// default) and the page session (an HttpOnly cookie that lets the page load its assets, and
// nothing else). They differ because cookies are not scoped by port: another local server's page
// receives this cookie, so it must not open the workspace.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'deckhand_session';

export const newSecret = () => randomBytes(24).toString('base64url');

export function sameSecret(candidate: string | null | undefined, secret: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function sessionCookieOf(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return null;
}

export const sessionCookieHeader = (session: string) => `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`;

/** This host's own names: anything else is DNS rebinding or a foreign page. */
export function loopbackNames(port: number) {
  return {
    hosts: new Set([`127.0.0.1:${port}`, `localhost:${port}`]),
    origins: new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]),
  };
}
