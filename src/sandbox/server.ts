// The sandbox's HTTP server: one route table, and the same gate for every X API request.
//
// Adding endpoints: write a module in src/sandbox/routes/ that exports `routes: Route[]` and
// list it in src/sandbox/routes/index.ts. An X API route names its spec operationId (its method,
// path, token kinds, scopes and parameters then come from src/sandbox/spec/operations.ts; add the
// id to scripts/generate-sandbox-operations.mjs and rerun it if it is missing); the server then
// checks the token, tier, scopes, rate limits and parameters before the handler runs, logs the
// request, and applies scheduled faults. Other routes (admin API, OAuth pages) give method + path;
// `admin: true` routes skip the gate and the request log. Handlers return a Reply (see
// http/types.ts) or throw a ProblemReply (http/problems.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxContext } from './context';
import type { Fault } from './faults';
import { adminRefusal } from './http/admin-guard';
import { checkAccess, identify, takeRateLimits } from './http/gate';
import { validateParameters } from './http/params';
import { ProblemReply, problems } from './http/problems';
import { Router, type RouteMatch } from './http/router';
import type { Caller, Reply, SandboxRequest } from './http/types';
import { ROUTES } from './routes/index';

const MAX_BODY_BYTES = 1024 * 1024;

/** What was sent: the status, and the body unless the response streams or the socket dropped. */
interface Sent {
  status: number;
  contentType: string | null;
  body: string | null;
}

export interface ListeningServer {
  server: Server;
  port: number;
}

export async function listen(context: SandboxContext, port: number, host = '127.0.0.1'): Promise<ListeningServer> {
  const router = new Router(ROUTES);
  let listeningPort = port;
  const server = createServer((req, res) => {
    handle(router, context, listeningPort, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, problems.httpError(500), {});
      else res.destroy();
      warn(error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  listeningPort = (server.address() as AddressInfo).port;
  return { server, port: listeningPort };
}

async function handle(router: Router, context: SandboxContext, port: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  const path = url.pathname;
  const query = Object.fromEntries(url.searchParams);
  const match = router.match(method, path);
  const body = await readBody(req);
  if (body === null) return void send(res, problems.httpError(413), {});
  const isAdmin = match?.route.admin ?? path.startsWith('/_sandbox/');
  if (isAdmin) {
    const refusal = adminRefusal(method, req.headers, port);
    if (refusal) return void send(res, refusal, {});
    if (!match) return void send(res, problems.notFound(), {});
    const request = requestOf(req, match, path, query, body, { kind: 'none' });
    return void (await answer(res, () => match.route.handle(request, context), {}));
  }

  const caller = identify(req.headers, context);
  const log = (sent: Sent) => {
    const entry = { method, path, query, token_kind: caller.kind, status: sent.status, operation_id: match?.route.operation?.operationId ?? null };
    context.log.record({ ...entry, at: new Date(context.clock.now()).toISOString() });
    context.observer?.exchange?.({ ...entry, content_type: sent.contentType, body: sent.body });
  };
  if (!match) return log(send(res, problems.notFound(), {}));

  const fault = context.faults.takeForRequest(path);
  if (fault && fault.kind !== 'late_answer') return log(applyRequestFault(fault, req, res, context));

  let headers: Record<string, string> = {};
  const operation = match.route.operation;
  if (operation) {
    const refusal = checkAccess(operation, caller, context);
    if (refusal) return log(send(res, refusal, {}));
    const limits = takeRateLimits(operation, caller, context);
    headers = limits.headers;
    if (limits.refusal) return log(send(res, limits.refusal, headers));
    const errors = validateParameters(operation, query, match.params);
    if (errors.length > 0) return log(send(res, problems.invalidRequest(errors), headers));
  }
  const request = requestOf(req, match, path, query, body, caller);
  const lateBy = fault ? (fault.seconds ?? 30) * 1000 : 0;
  log(
    await answer(
      res,
      async () => {
        const reply = await match.route.handle(request, context);
        if (lateBy > 0) await new Promise((resolve) => setTimeout(resolve, lateBy));
        return reply;
      },
      headers,
    ),
  );
}

function requestOf(req: IncomingMessage, match: RouteMatch, path: string, query: Record<string, string>, body: Buffer, caller: Caller): SandboxRequest {
  return { method: req.method ?? 'GET', path, query, params: match.params, headers: req.headers, body, caller, operation: match.route.operation, raw: req };
}

/** Runs the handler and sends what it returns, or the Problem it throws (a bug answers 500). */
async function answer(res: ServerResponse, run: () => Reply | Promise<Reply>, headers: Record<string, string>): Promise<Sent> {
  let reply: Reply;
  try {
    reply = await run();
  } catch (error) {
    if (error instanceof ProblemReply) reply = error;
    else {
      warn(error);
      reply = problems.httpError(500);
    }
  }
  return send(res, reply, headers);
}

function warn(error: unknown): void {
  process.emitWarning(`X API sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}

function send(res: ServerResponse, reply: Reply, headers: Record<string, string>): Sent {
  if (reply instanceof ProblemReply) return write(res, reply.status, { ...headers, ...reply.headers }, 'application/problem+json', JSON.stringify(reply.body));
  switch (reply.kind) {
    case 'stream':
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      reply.start(res);
      return { status: res.statusCode, contentType: null, body: null };
    case 'text':
      return write(res, reply.status, { ...headers, ...reply.headers }, reply.contentType, reply.body);
    case 'json':
      return write(res, reply.status, { ...headers, ...reply.headers }, 'application/json; charset=utf-8', reply.body === undefined ? '' : JSON.stringify(reply.body));
  }
}

function write(res: ServerResponse, status: number, headers: Record<string, string>, contentType: string, body: string): Sent {
  res.writeHead(status, { ...headers, 'content-type': contentType });
  res.end(body);
  return { status, contentType, body };
}

function applyRequestFault(fault: Fault, req: IncomingMessage, res: ServerResponse, context: SandboxContext): Sent {
  switch (fault.kind) {
    case 'rate_limit': {
      const reset = Math.ceil(context.clock.now() / 1000) + (fault.seconds ?? 900);
      return send(res, problems.tooManyRequests(), { 'x-rate-limit-limit': '0', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) });
    }
    case 'too_many_connections':
      return send(res, problems.tooManyConnections(), {});
    case 'disconnect':
      // The connection drops before any answer: the client sees a network error.
      req.socket.destroy();
      return { status: 0, contentType: null, body: null };
    default:
      return send(res, problems.httpError(fault.status ?? 503), {});
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
