// The HTTP side of the web host: the built renderer, to pages that hold the token or the session.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sameSecret, sessionCookieHeader, sessionCookieOf } from './access';
import { parseRequestTarget } from './request-target';
import { readStaticFile } from './static-files';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface PageAccess {
  rendererDir: string;
  token: string;
  session: string;
  hosts: () => ReadonlySet<string>;
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(message);
}

export async function answerPageRequest(access: PageAccess, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!access.hosts().has(request.headers.host ?? '')) return refuse(response, 421, 'Unknown host');
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
  const target = parseRequestTarget(request.url);
  if (!target) return refuse(response, 400, 'Bad request target');
  const fromQuery = sameSecret(target.searchParams.get('token'), access.token);
  if (!fromQuery && !sameSecret(sessionCookieOf(request), access.session)) {
    return refuse(response, 401, 'Open Deckhand with the URL the web host printed (it carries the access token).');
  }
  const file = await readStaticFile(access.rendererDir, target.pathname);
  if (!file) return refuse(response, 404, 'Not found');
  response.writeHead(200, {
    'content-type': file.type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    // Assets load without the token in their URL: the session cookie lets them, for this site only.
    ...(fromQuery ? { 'set-cookie': sessionCookieHeader(access.session) } : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}
