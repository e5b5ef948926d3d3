// One desktop's WebSocket: authentication, then pushes, pulls, reads and presence, handled one
// message at a time in order. Bad input is answered with an error and never ends the hub.
import type { WebSocket } from 'ws';
import { clientMessageSchema, HUB_CLOSE, HUB_MAX_IN_FLIGHT, type HubMessage, type LogEntry, type MutationResult, type PresenceStatus, type Viewing } from '../shared/hub-protocol';
import type { Logger } from '../main/core/ports';
import { applyMutation, runRead, type ApplyEnvironment, type AppliedEffects } from './apply';
import { hashSecret } from './credentials';
import type { AfterCommit } from './intent-context';
import { TEAM_SPACE, memberSpace } from './queries/log';
import { canViewHandle, loadAccess, memberIdByCredentialHash, permissionsOnHandle } from './queries/members';
import { pull } from './sync';

const AUTH_TIMEOUT_MS = 10_000;

export class Connection {
  memberId: string | null = null;
  /** The desktop has every entry it may see up to here (what the hub last answered it); null until it pulls. */
  cursor: number | null = null;
  status: PresenceStatus = 'online';
  viewing: Viewing | null = null;
  private queue: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private readonly authTimer: NodeJS.Timeout;

  constructor(
    readonly socket: WebSocket,
    private readonly hub: ConnectionHub,
  ) {
    this.authTimer = setTimeout(() => this.close(HUB_CLOSE.authTimeout, 'No credential in time'), AUTH_TIMEOUT_MS);
    this.authTimer.unref();
    socket.on('message', (data, isBinary) => {
      // One desktop flooding the hub must not queue without bound (nor hold everyone's writes up).
      if (this.inFlight >= HUB_MAX_IN_FLIGHT) {
        return this.send({ type: 'error', code: 'busy', message: `Too many messages in flight (${HUB_MAX_IN_FLIGHT}); this one was not handled. Wait for answers, then send it again.` });
      }
      this.inFlight += 1;
      const text = isBinary ? null : data.toString();
      this.queue = this.queue
        .then(() => this.handle(text))
        .catch((error: unknown) => this.fail(error))
        .finally(() => (this.inFlight -= 1));
    });
    socket.on('close', () => {
      clearTimeout(this.authTimer);
      this.hub.disconnected(this);
    });
    socket.on('error', () => {}); // a broken peer closes; 'close' follows
  }

  send(message: HubMessage): void {
    this.sendText(JSON.stringify(message));
  }

  /** A message already written as JSON (one text for many desktops). */
  sendText(text: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(text);
  }

  /** The desktop was sent everything it may see up to `cursor` (never moves back: answers may cross an inline poke). */
  caughtUpTo(cursor: number): void {
    this.cursor = Math.max(this.cursor ?? cursor, cursor);
  }

  close(code: number, reason: string): void {
    clearTimeout(this.authTimer);
    this.socket.close(code, reason);
  }

  /** Authenticates straight away from an `Authorization: Bearer` header on the upgrade. */
  async authenticate(credential: string): Promise<boolean> {
    const memberId = await memberIdByCredentialHash(this.hub.env.db, hashSecret(credential));
    if (!memberId) {
      this.send({ type: 'error', code: 'unauthorized', message: 'Unknown or revoked member credential.' });
      this.close(HUB_CLOSE.unauthorized, 'Unauthorized');
      return false;
    }
    clearTimeout(this.authTimer);
    this.memberId = memberId;
    const head = (await this.hub.env.db.selectFrom('team').select('seq_head').executeTakeFirst())?.seq_head ?? 0;
    this.send({ type: 'welcome', memberId, head });
    await this.hub.authenticated(this);
    return true;
  }

  private fail(error: unknown): void {
    this.hub.logger.error('hub connection error', { error: error instanceof Error ? error.message : String(error) });
    this.send({ type: 'error', code: 'internal', message: 'The hub failed to handle that message; it was not applied.' });
  }

  private async handle(text: string | null): Promise<void> {
    if (text === null) return this.send({ type: 'error', code: 'invalid_input', message: 'Binary frames are not part of the protocol; send JSON text.' });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.send({ type: 'error', code: 'invalid_input', message: 'Malformed JSON.' });
    }
    const parsed = clientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`).join('; ');
      return this.send({ type: 'error', code: 'invalid_input', message: `Invalid message: ${detail}` });
    }
    const message = parsed.data;
    if (this.memberId === null) {
      if (message.type !== 'hello') {
        this.send({ type: 'error', code: 'unauthorized', message: 'Send {"type":"hello","credential":…} first.' });
        return this.close(HUB_CLOSE.unauthorized, 'Unauthorized');
      }
      await this.authenticate(message.credential);
      return;
    }
    const memberId = this.memberId;
    switch (message.type) {
      case 'hello':
        return this.send({ type: 'error', code: 'invalid_input', message: 'Already authenticated.' });
      case 'push': {
        const results: MutationResult[] = [];
        for (const mutation of message.mutations) {
          try {
            const applied = await applyMutation(this.hub.env, memberId, message.clientId, mutation);
            const followUp = applied.effects ? await this.hub.applied(applied.effects) : undefined;
            // A queued reply is answered with what X said of it, when this hub sent it at once.
            results.push(followUp !== undefined && applied.result.outcome === 'applied' ? { ...applied.result, result: followUp } : applied.result);
          } catch (error) {
            this.hub.logger.error('hub push failed', { intent: mutation.name, error: error instanceof Error ? error.message : String(error) });
            results.push({ id: mutation.id, outcome: 'error', reason: 'The hub could not apply this intent; push it again.' });
          }
        }
        return this.send({ type: 'pushResult', clientId: message.clientId, results });
      }
      case 'pull': {
        const answer = await pull(this.hub.env.db, memberId, message.cursor, message.snapshot ?? false);
        if (answer.type === 'pullResult' || answer.type === 'snapshot') this.caughtUpTo(answer.cursor);
        return this.send(answer);
      }
      case 'read': {
        const answer = await runRead(this.hub.env.db, memberId, message.name, message.args);
        return this.send(answer.ok ? { type: 'readResult', requestId: message.requestId, ok: true, value: answer.value } : { type: 'readResult', requestId: message.requestId, ok: false, code: answer.code, message: answer.message });
      }
      case 'presence': {
        const back = this.status !== 'online' && message.status === 'online';
        this.status = message.status;
        this.viewing = message.viewing;
        if (back) this.hub.onAvailable(memberId);
        return this.hub.relayPresence(this);
      }
    }
  }
}

/** All desktops connected to one hub: fan-out of pokes and presence, cutting removed members. */
export class ConnectionHub {
  readonly connections = new Set<Connection>();

  constructor(
    readonly env: ApplyEnvironment,
    readonly logger: Logger,
  ) {}

  add(socket: WebSocket, bearer: string | null): void {
    const connection = new Connection(socket, this);
    this.connections.add(connection);
    if (bearer !== null) void connection.authenticate(bearer).catch((error: unknown) => this.logger.error('hub auth failed', { error: String(error) }));
  }

  private authenticatedConnections(): (Connection & { memberId: string })[] {
    return [...this.connections].filter((connection): connection is Connection & { memberId: string } => connection.memberId !== null);
  }

  async authenticated(connection: Connection): Promise<void> {
    // Tell the newcomer who is here, then tell everyone about the newcomer.
    const access = await loadAccess(this.env.db);
    const mine = connection.memberId ? access.get(connection.memberId) : undefined;
    for (const other of this.authenticatedConnections()) {
      if (other === connection || other.memberId === connection.memberId) continue;
      const viewing = other.viewing && mine && canViewHandle(mine, other.viewing.handleId) ? other.viewing : null;
      connection.send({ type: 'presence', memberId: other.memberId, status: other.status, viewing });
    }
    await this.relayPresence(connection);
    if (connection.memberId && connection.status === 'online') this.onAvailable(connection.memberId);
  }

  disconnected(connection: Connection): void {
    this.connections.delete(connection);
    const memberId = connection.memberId;
    if (memberId === null) return;
    if (this.authenticatedConnections().some((other) => other.memberId === memberId)) return;
    for (const other of this.authenticatedConnections()) other.send({ type: 'presence', memberId, status: 'offline', viewing: null });
  }

  /** Members with a desktop here that says they are at work (online, not away). */
  available(): Set<string> {
    return new Set(this.authenticatedConnections().flatMap((connection) => (connection.status === 'online' ? [connection.memberId] : [])));
  }

  /** A member is at work again (the team's ingest drains its queues to them). */
  onAvailable: (memberId: string) => void = () => {};

  /** Presence goes to every other connected member; what one is viewing only to those who may view that handle. */
  async relayPresence(from: Connection): Promise<void> {
    if (from.memberId === null) return;
    const access = await loadAccess(this.env.db);
    const sender = access.get(from.memberId);
    const viewing = from.viewing && sender && canViewHandle(sender, from.viewing.handleId) ? from.viewing : null;
    for (const other of this.authenticatedConnections()) {
      if (other === from) continue;
      const recipient = access.get(other.memberId);
      if (!recipient) continue;
      other.send({ type: 'presence', memberId: from.memberId, status: from.status, viewing: viewing && canViewHandle(recipient, viewing.handleId) ? viewing : null });
    }
  }

  /** After a commit: end a removed member's sessions, poke those who may see the space. */
  async applied(effects: AppliedEffects): Promise<unknown> {
    if (effects.removedMemberId) {
      for (const connection of this.authenticatedConnections()) {
        if (connection.memberId === effects.removedMemberId) connection.close(HUB_CLOSE.removed, 'Removed from the team');
      }
    }
    if (effects.version !== null) await this.moved(effects.space, effects.version);
    return effects.after ? this.afterCommit(effects.after) : undefined;
  }

  /** What an intent asked for after its commit (the team's ingest sets it): its answer replaces the intent's result. */
  afterCommit: (after: AfterCommit) => Promise<unknown> = async () => undefined;

  /** Tells the other hub processes on the same store that a space moved here (startHub sets it). */
  announce: (space: string, version: number) => Promise<void> = async () => {};

  /**
   * A commit here moved `space`: poke this hub's desktops, then the other hubs'. `queued` is the
   * commit's one entry when it is for those who may see the handle's queue (what the ingest logs).
   */
  async moved(space: string, version: number, queued?: LogEntry): Promise<void> {
    await this.poke(space, version, queued);
    await this.announce(space, version);
  }

  /**
   * Pokes those who may see `space`. A desktop known to hold everything up to the entry before
   * `queued`, and allowed to see it, gets it in the poke: at a busy ingest, fifty desktops then
   * do not each pull every new entry.
   */
  async poke(space: string, version: number, queued?: LogEntry): Promise<void> {
    const access = await loadAccess(this.env.db);
    const bare = JSON.stringify({ type: 'poke', space, version } satisfies HubMessage);
    let carrying: string | null = null;
    for (const connection of this.authenticatedConnections()) {
      const member = access.get(connection.memberId);
      if (!member) continue;
      if (!(space === TEAM_SPACE || space === memberSpace(connection.memberId) || canViewHandle(member, space))) continue;
      if (queued && queued.space === space && connection.cursor === queued.seq - 1 && permissionsOnHandle(member, space).has('view-unassigned')) {
        carrying ??= JSON.stringify({ type: 'poke', space, version, entries: [queued], from: queued.seq - 1, cursor: queued.seq } satisfies HubMessage);
        connection.sendText(carrying);
        connection.caughtUpTo(queued.seq);
      } else connection.sendText(bare);
    }
  }

  closeAll(): void {
    for (const connection of this.connections) connection.close(1001, 'Hub shutting down');
  }
}
