// The web host: the built renderer and the core's contract over a loopback WebSocket.
// Binds 127.0.0.1 only; every page and socket needs the per-run token; foreign Hosts and Origins
// (DNS rebinding, other sites) are refused.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeMessage } from '../../shared/rpc';
import { LOCAL_AGENT, type Core } from '../core/core';
import type { Logger } from '../core/ports';
import { readStaticFile } from './static-files';

export interface WebHostOptions {
  core: Core;
  rendererDir: string;
  logger: Logger;
  port?: number;
}

export interface RunningWebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SESSION_COOKIE = 'deckhand_session';
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function sameToken(candidate: string | null | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return null;
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(message);
}

export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const { core, logger } = options;
  const token = randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = createServer(async (request, response) => {
    if (!allowedHosts().has(request.headers.host ?? '')) return refuse(response, 421, 'Unknown host');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const fromQuery = sameToken(url.searchParams.get('token'), token);
    if (!fromQuery && !sameToken(cookieToken(request), token)) {
      return refuse(response, 401, 'Open Deckhand with the URL the web host printed (it carries the access token).');
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) return refuse(response, 404, 'Not found');
    response.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      // Assets load without the token in their URL; the cookie carries it, for this site only.
      ...(fromQuery ? { 'set-cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  });

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const authorised =
      url.pathname === '/rpc' &&
      allowedHosts().has(request.headers.host ?? '') &&
      allowedOrigins().has(request.headers.origin ?? '') &&
      sameToken(url.searchParams.get('token'), token);
    if (!authorised) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveSocket(ws));
  });

  const send = (ws: WebSocket, message: BridgeMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  function serveSocket(ws: WebSocket): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', async (data, isBinary) => {
      let request: unknown;
      try {
        request = isBinary ? null : JSON.parse(data.toString());
      } catch {
        request = null;
      }
      const candidate = request as { id?: unknown; method?: unknown; input?: unknown } | null;
      const id = typeof candidate?.id === 'number' && Number.isSafeInteger(candidate.id) ? candidate.id : 0;
      if (!candidate || typeof candidate !== 'object' || id === 0) {
        send(ws, { id, envelope: { ok: false, error: { code: 'invalid_input', message: 'Malformed request: expected {id, method, input}' } } });
        return;
      }
      send(ws, { id, envelope: await core.dispatch(candidate.method, candidate.input, LOCAL_AGENT) });
    });
  }

  const unsubscribe = core.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload } satisfies BridgeMessage);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  logger.info('web host listening', { port });

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
