// The hub's network face: HTTP(S) for claiming and joining, and the /sync WebSocket for desktops.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { HUB_CALLBACK_PATH, HUB_CLAIM_PATH, HUB_JOIN_PATH, HUB_MAX_FRAME_BYTES, HUB_SYNC_PATH, claimRequestSchema, joinRequestSchema, type RefusalCode } from '../shared/hub-protocol';
import { CALLBACK_PAGE_HEADERS, renderCallbackPage } from '../main/core/accounts/callback-pages';
import { appTokenKey } from '../main/core/workspace/tokens';
import type { Logger, SecretStore } from '../main/core/ports';
import { SingleProcessLease, type HubCluster, type LeaderLease } from './cluster';
import { ConnectionHub } from './connections';
import { newSetupCode } from './credentials';
import type { HubDb } from './db/schema';
import { Refusal } from './intent-context';
import { claimHub, joinTeam } from './membership';
import { TEAM_SPACE, spaceVersions, teamExists } from './queries/log';
import { TeamFeed } from './ingest/team-feed';
import { TeamIngest, type TeamIngestConfig } from './ingest/team-ingest';

/** The team's X traffic: where X is, the X app, and where the ingest keeps its working file. */
export type HubIngestOptions = Omit<TeamIngestConfig, 'vault' | 'logger'> & {
  /** The X app's Bearer token for the filtered stream, put in the vault at start (else polling only). */
  appToken?: string;
  /** How long ingested posts stay in the hub's log (default a week). */
  retentionMs?: number;
};

export interface HubOptions {
  db: HubDb;
  host: string;
  port: number;
  tls?: { cert: string | Buffer; key: string | Buffer };
  logger: Logger;
  /** Where brand tokens live (src/hub/vault.ts; memory for the demo's embedded hub); never sent to a desktop. */
  vault?: SecretStore;
  /** The clock of invites' expiry and the log's times (tests move it). */
  now?: () => number;
  /** Several processes on one PostgreSQL (see cluster/): started here, stopped by close(). Default: this process alone. */
  cluster?: HubCluster;
  /** The team's ingest (needs the vault); without it the hub connects no handle and ingests nothing. */
  ingest?: HubIngestOptions;
}

export interface RunningHub {
  /** http(s)://HOST:PORT — desktops connect to ws(s)://HOST:PORT/sync. */
  url: string;
  /** Printed while no team has claimed the hub; null once one has. */
  setupCode: string | null;
  connections: ConnectionHub;
  /** The ingest lease: the ingest runs while `leader.isLeader`, and follows `leader.onChange`. */
  leader: LeaderLease;
  /** The team's ingest and outbox (null: started without X settings or token storage). */
  readonly feed: TeamFeed | null;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024;
/** Wrong setup codes tried within a minute before the hub stops listening to more for a while. */
const SETUP_CODE_ATTEMPTS = 10;
const SETUP_CODE_WINDOW_MS = 60_000;
const STATUS_OF: Record<RefusalCode, number> = { forbidden: 403, not_found: 404, conflict: 409, invalid_input: 400, unknown_intent: 404 };

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Refusal('invalid_input', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Refusal('invalid_input', 'The request body is not JSON.');
  }
}

function bearerOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const now = options.now ?? Date.now;
  const { db, logger } = options;
  let setupCode: string | null = (await teamExists(db)) ? null : newSetupCode();
  const wrongSetupCodes: number[] = [];
  let url = '';
  const { vault, ingest } = options;
  let feed: TeamFeed | null = null;
  const services = {
    beginHandleConnect: (memberId: string) => {
      if (!feed) throw new Refusal('conflict', 'This hub was started without brand-token storage or X settings, so it cannot connect handles.');
      return feed.beginHandleConnect(memberId);
    },
  };
  const lease = options.cluster?.lease ?? new SingleProcessLease(logger);
  const connections = new ConnectionHub({ db, now, hubUrl: '', services }, logger);
  if (vault && ingest) {
    if (ingest.appToken) await vault.set(appTokenKey(), ingest.appToken);
    const { retentionMs, appToken: _appToken, ...ingestConfig } = ingest;
    const teamFeed = new TeamFeed({ db, now, logger, connections, ...(retentionMs ? { retentionMs } : {}), createIngest: () => new TeamIngest({ ...ingestConfig, vault, logger }) });
    feed = teamFeed;
    connections.afterCommit = async (after) => {
      if (after.kind === 'teamDeckChanged') return void (await teamFeed.teamChanged());
      // The member is answered at once; the queue drains right after.
      if (after.kind === 'queueMoved') return void teamFeed.drainQueue(after.handleId);
      if (after.kind === 'scheduleChanged') return void (await teamFeed.scheduleChanged());
      const delivered = { outboxId: after.outboxId, ...(await teamFeed.deliver(after.outboxId)) };
      return after.keepResult ? undefined : delivered;
    };
    connections.onAvailable = () => void teamFeed.drainQueues();
    lease.onChange((leader) => void (leader ? teamFeed.lead() : teamFeed.follow()));
  }
  const notifier = options.cluster?.notifier;
  if (notifier) {
    connections.announce = (space, version) => notifier.moved(space, version);
    notifier.onRemote((space, version) => {
      void connections.poke(space, version).catch((error: unknown) => logger.error('hub poke failed', { space, error: String(error) }));
      // Another process may have changed the team deck or queued a reply: the leader acts on it.
      if (feed?.leading) void feed.teamChanged();
    });
  }

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const requested = new URL(request.url ?? '/', 'http://hub');
    const path = requested.pathname;
    if (request.method === 'GET' && path === '/health') return sendJson(response, 200, { ok: true, claimed: setupCode === null });
    if (request.method === 'GET' && path === HUB_CALLBACK_PATH) {
      const page = feed ? await feed.completeHandleConnect(requested.searchParams) : { status: 404, title: 'Not found', message: 'This hub connects no handles.' };
      response.writeHead(page.status, CALLBACK_PAGE_HEADERS);
      return response.end(renderCallbackPage(page));
    }
    if (request.method !== 'POST' || (path !== HUB_CLAIM_PATH && path !== HUB_JOIN_PATH)) return sendJson(response, 404, { code: 'not_found', message: 'Not found.' });
    const body = await readJson(request);
    if (path === HUB_CLAIM_PATH) {
      const parsed = claimRequestSchema.safeParse(body);
      if (!parsed.success) throw new Refusal('invalid_input', `Invalid claim: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      // The setup code is 50 random bits; guessing it is made slow besides: a few tries a minute.
      const at = now();
      while (wrongSetupCodes.length > 0 && wrongSetupCodes[0]! <= at - SETUP_CODE_WINDOW_MS) wrongSetupCodes.shift();
      if (wrongSetupCodes.length >= SETUP_CODE_ATTEMPTS) {
        logger.warn('hub: setup code attempts throttled', { attempts: wrongSetupCodes.length });
        return sendJson(response, 429, { code: 'too_many_attempts', message: 'Too many wrong setup codes: wait a minute, then type the code the hub printed.' });
      }
      const grant = await claimHub(db, setupCode, parsed.data, at).catch((error: unknown) => {
        if (error instanceof Refusal && error.code === 'forbidden') wrongSetupCodes.push(at);
        throw error;
      });
      setupCode = null; // single use
      logger.info('hub claimed', { memberId: grant.memberId });
      return sendJson(response, 201, grant);
    }
    const parsed = joinRequestSchema.safeParse(body);
    if (!parsed.success) throw new Refusal('invalid_input', `Invalid join: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    const grant = await joinTeam(db, parsed.data, now());
    logger.info('member joined', { memberId: grant.memberId });
    await connections.moved(TEAM_SPACE, (await spaceVersions(db)).get(TEAM_SPACE) ?? 0);
    return sendJson(response, 201, grant);
  };

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    route(request, response).catch((error: unknown) => {
      if (error instanceof Refusal) return sendJson(response, STATUS_OF[error.code], { code: error.code, message: error.message });
      logger.error('hub request failed', { error: error instanceof Error ? error.message : String(error) });
      sendJson(response, 500, { code: 'internal', message: 'The hub failed to handle the request.' });
    });
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : createHttpServer(onRequest);
  const sockets = new WebSocketServer({ server, path: HUB_SYNC_PATH, maxPayload: HUB_MAX_FRAME_BYTES });
  sockets.on('connection', (socket, request) => connections.add(socket, bearerOf(request)));
  sockets.on('error', (error) => logger.error('hub websocket server error', { error: error.message }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  url = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
  connections.env.hubUrl = url;
  feed?.setHubUrl(url);
  await notifier?.start();
  await lease.start();

  return {
    url,
    get setupCode() {
      return setupCode;
    },
    connections,
    leader: lease,
    get feed() {
      return feed;
    },
    close: async () => {
      await Promise.all([lease.stop(), notifier?.stop()]);
      await feed?.close();
      await new Promise<void>((resolve) => {
        connections.closeAll();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
