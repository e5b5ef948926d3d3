// The admin API drives the sandbox (posts, tokens, faults) and has no secret: loopback tools and
// tests use it freely. A web page must not: a DNS-rebound name reaches 127.0.0.1 under a foreign
// Host, and a page's no-cors POST can only be text/plain, form or multipart. So the admin API
// answers only to its own loopback names and port, and takes writes only as application/json
// (which a page cannot send without a CORS preflight the sandbox never grants).
import type { IncomingHttpHeaders } from 'node:http';
import { json, type JsonReply } from './types';

const READS = new Set(['GET', 'HEAD']);

export function adminRefusal(method: string, headers: IncomingHttpHeaders, port: number): JsonReply | null {
  const host = headers.host ?? '';
  if (![`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase())) {
    return json(403, { error: `The sandbox admin API answers only as 127.0.0.1:${port} or localhost:${port}, not "${host.slice(0, 100)}"` });
  }
  const mediaType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!READS.has(method) && mediaType !== 'application/json') {
    return json(415, { error: `The sandbox admin API takes ${method} requests as application/json only (this one was "${mediaType || 'without a type'}")` });
  }
  return null;
}
