// Shared by the sandbox tests: a started sandbox with tokens, raw HTTP calls, and a filtered-stream
// reader that sees the bytes exactly as X would send them.
import { request, type IncomingMessage } from 'node:http';
import { afterEach } from 'vitest';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index';
import { sandboxAdmin } from '../helpers/sandbox';

export interface Rig {
  sandbox: RunningSandbox;
  admin: ReturnType<typeof sandboxAdmin>;
  app: string;
  /** A user token for @AcmeAir with the default scopes. */
  acme: string;
  get<T = Record<string, unknown>>(path: string, token?: string): Promise<Answer<T>>;
  send<T = Record<string, unknown>>(method: string, path: string, body: unknown, token?: string): Promise<Answer<T>>;
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

const started: RunningSandbox[] = [];
afterEach(async () => {
  for (const sandbox of started.splice(0)) await sandbox.close();
});

export async function rig(options: SandboxOptions = {}): Promise<Rig> {
  const sandbox = await startSandbox(options);
  started.push(sandbox);
  const admin = sandboxAdmin(sandbox.url);
  const call = async <T>(method: string, path: string, body: unknown, token: string | undefined): Promise<Answer<T>> => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const app = await admin.appToken();
  const acme = (await admin.userToken('AcmeAir')).access_token;
  return {
    sandbox,
    admin,
    app,
    acme,
    get: (path, token = app) => call('GET', path, undefined, token),
    send: (method, path, body, token = app) => call(method, path, body, token),
  };
}

/** An open filtered-stream (or activity-stream) connection, read raw. */
export interface RawStream {
  status: number;
  response: IncomingMessage;
  /** Everything received so far. */
  text(): string;
  /** Complete lines so far ('' for a keep-alive), split on \r\n as X delimits them. */
  lines(): string[];
  /** Parsed JSON lines (keep-alives and unparsable lines left out). */
  objects(): Record<string, unknown>[];
  waitFor(check: (stream: RawStream) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  ended: Promise<void>;
  close(): void;
}

export function openStream(url: string, token: string, query = '', path = '/2/tweets/search/stream'): Promise<RawStream> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}${query}`, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      let received = '';
      const listeners = new Set<() => void>();
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        received += chunk;
        for (const listener of listeners) listener();
      });
      const ended = new Promise<void>((done) => response.once('close', () => done()));
      const stream: RawStream = {
        status: response.statusCode ?? 0,
        response,
        text: () => received,
        lines: () => received.split('\r\n').slice(0, -1),
        objects: () =>
          stream.lines().flatMap((line) => {
            if (line === '') return [];
            try {
              return [JSON.parse(line) as Record<string, unknown>];
            } catch {
              return [];
            }
          }),
        waitFor: (check, timeoutMs = 3_000, what = 'the stream') =>
          new Promise<void>((done, fail) => {
            if (check(stream)) return done();
            const timer = setTimeout(() => {
              listeners.delete(listener);
              fail(new Error(`timed out waiting for ${what}; received: ${JSON.stringify(received.slice(-500))}`));
            }, timeoutMs);
            const listener = () => {
              if (!check(stream)) return;
              clearTimeout(timer);
              listeners.delete(listener);
              done();
            };
            listeners.add(listener);
          }),
        ended,
        close: () => req.destroy(),
      };
      resolve(stream);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Lets the sandbox's event loop run (pending writes, socket events). */
export const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));
