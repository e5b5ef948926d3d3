// Between the team's ingest and the hub's log: what the ingest files becomes log entries (seen by
// those who may view a handle's queue) and pokes; team columns and handles reach the ingest; the
// outbox's replies go out through it; brand handles are connected here (X sends the browser back
// to the hub, which completes the exchange). Ingest and outbox run only while this process holds
// the leader lease; every process can start and complete a handle's connection.
import { sql } from 'kysely';
import type { HubEntryArgs, HubEntryName, LogEntry, TeamHandleView } from '../../shared/hub-protocol';
import { HUB_ACTOR, HUB_CALLBACK_PATH } from '../../shared/hub-protocol';
import { isNumericId } from '../../shared/ids';
import { connectedPage, failedPage, type CallbackPage } from '../../main/core/accounts/callback-pages';
import type { Logger } from '../../main/core/ports';
import type { ConnectionHub } from '../connections';
import type { HubDb } from '../db/schema';
import { Refusal } from '../intent-context';
import { TEAM_SPACE, appendEvent, bumpSpace, caseSettingsOf, listTeamHandles, takeNextSeq, upsertHandle, type Audience } from '../queries/log';
import { markSending, outboxItem, queuedItems, settleItem } from '../queries/outbox';
import { caseOfItem, engagementSettled, sendItem } from './outbox-send';
import { dueSnoozes, writeAssignment } from '../queries/assignments';
import { answered, withStatus } from '../../shared/case-transitions';
import { logCaseChange } from '../case-log';
import { messageOfDm, messageOfPost, takeIntoCases } from './case-intake';
import { assignOpened, drainQueue } from './case-routing';
import { keepNewPosts, listTeamColumns, pruneIngested, teamColumnById } from '../queries/team-columns';
import { keepDmEvents } from '../queries/dm-events';
import type { TeamIngest, TokenUse } from './team-ingest';
import { ScheduledSends } from './scheduled-sends';

/** How long a member has to authorize a handle in the browser. */
const CONNECT_TIMEOUT_MS = 10 * 60_000;
/** How often the leader drops ingested entries older than the retention. */
const PRUNE_EVERY_MS = 60 * 60_000;
/** How often the leader opens snoozed cases whose time came. */
const SNOOZE_CHECK_MS = 15_000;
export const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60_000;

interface PendingConnect {
  memberId: string;
  codeVerifier: string;
  redirectUri: string;
  expiresAt: number;
}

export interface TeamFeedDeps {
  db: HubDb;
  connections: ConnectionHub;
  /** A fresh ingest (one per leadership: a stopped engine does not start again). */
  createIngest(): TeamIngest;
  now(): number;
  logger: Logger;
  /** How long ingested posts stay in the log (desktops keep their own copies). */
  retentionMs?: number;
}

export type ReplyOutcome = { status: 'sent'; replyId: string } | { status: 'failed'; reason: string } | { status: 'queued' };

export class TeamFeed {
  private ingest: TeamIngest | null = null;
  /** The ingest used to connect handles, also while another process leads. */
  private connector: TeamIngest | null = null;
  private readonly pending = new Map<string, PendingConnect>();
  private hubUrl = '';
  private work: Promise<void> = Promise.resolve();
  private pruneTimer: NodeJS.Timeout | null = null;
  private snoozeTimer: NodeJS.Timeout | null = null;
  /** Replies being sent: the outbox's drain and a member's push never send one twice. */
  private readonly delivering = new Map<string, Promise<ReplyOutcome>>();
  /** Scheduled posts go out at their time while this process leads. */
  private readonly scheduled: ScheduledSends;

  constructor(private readonly deps: TeamFeedDeps) {
    this.scheduled = new ScheduledSends({
      db: deps.db,
      now: deps.now,
      drain: () => this.drainOutbox(),
      logError: (message, error) => deps.logger.error(message, { error: error instanceof Error ? error.message : String(error) }),
    });
  }

  setHubUrl(url: string): void {
    this.hubUrl = url;
  }

  get leading(): boolean {
    return this.ingest !== null;
  }

  /** This process now holds the lease: ingest for the team and send what the outbox holds. */
  lead(): Promise<void> {
    return this.serially(async () => {
      if (this.ingest) return;
      const ingest = this.deps.createIngest();
      ingest.onPosts(({ columnId, posts }) => this.logIngested(columnId, posts));
      ingest.onDms(({ columnId, events }) => this.logIngestedDms(columnId, events));
      ingest.onTokenUse((use) => void this.logTokenUse(use));
      this.ingest = ingest;
      await this.reconcile(ingest);
      this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
      this.pruneTimer.unref();
      this.snoozeTimer = setInterval(() => void this.wakeSnoozed(), SNOOZE_CHECK_MS);
      this.snoozeTimer.unref();
      this.deps.logger.info('hub ingest started');
    })
      .then(() => this.prune())
      .then(() => this.drainOutbox())
      .then(() => this.scheduled.start());
  }

  /** The lease is lost (or the hub closes): nothing ingests here any more. */
  follow(): Promise<void> {
    return this.serially(async () => {
      const ingest = this.ingest;
      this.ingest = null;
      this.scheduled.stop();
      if (this.pruneTimer) clearInterval(this.pruneTimer);
      if (this.snoozeTimer) clearInterval(this.snoozeTimer);
      this.pruneTimer = null;
      this.snoozeTimer = null;
      if (ingest) {
        await ingest.close();
        this.deps.logger.info('hub ingest stopped');
      }
    });
  }

  /** The team deck or the outbox may have changed (here or in another hub process). */
  async teamChanged(): Promise<void> {
    await this.serially(async () => {
      if (this.ingest) await this.reconcile(this.ingest);
    });
    await this.drainOutbox();
  }

  /** A post was scheduled, cancelled or retried (here or in another hub process): the leader's timer is set again. */
  scheduleChanged(): Promise<void> {
    return this.scheduled.arm();
  }

  /** Sends one queued reply now when this process leads; otherwise the leader will. */
  deliver(outboxId: string): Promise<ReplyOutcome> {
    const running = this.delivering.get(outboxId);
    if (running) return running;
    const delivery = this.send(outboxId).finally(() => this.delivering.delete(outboxId));
    this.delivering.set(outboxId, delivery);
    return delivery;
  }

  private async send(outboxId: string): Promise<ReplyOutcome> {
    const ingest = this.ingest;
    const item = await outboxItem(this.deps.db, outboxId);
    if (!item) return { status: 'failed', reason: 'The reply is no longer in the hub’s outbox.' };
    if (item.status === 'sent' && item.xPostId) return { status: 'sent', replyId: item.xPostId };
    if (item.status === 'failed') return { status: 'failed', reason: item.reason ?? 'X refused the reply.' };
    if (!ingest) return { status: 'queued' };
    // Handed to X before, by a process that stopped before it recorded X's answer: X may have it.
    const interrupted = item.status === 'sending';
    if (!interrupted) await markSending(this.deps.db, item.id, this.deps.now());
    const { outcome, dm } = await sendItem(ingest, item, interrupted);
    const at = this.deps.now();
    const settled = await this.deps.db.transaction().execute(async (trx) => {
      if (!(await settleItem(trx, item.id, outcome, at))) return null;
      const current = await caseOfItem(trx, item);
      // A like or repost: every desktop that sees the case marks the post; the case itself is not answered by it.
      const engagement = engagementSettled(item, outcome);
      if (engagement) return this.append(trx, item.handleId, 'case', 'engagementSettled', engagement, at, current?.assigneeId ?? null);
      // A new post is the handle's, not a case's: every member who sees the handle sees it settle.
      if (item.kind === 'post') return this.append(trx, item.handleId, 'member', 'postSettled', { outboxId: item.id, memberId: item.memberId, postId: outcome.status === 'sent' ? outcome.xPostId : null, reason: outcome.status === 'failed' ? outcome.reason : null }, at);
      const args: HubEntryArgs['replySettled'] = {
        outboxId: item.id,
        memberId: item.memberId,
        inReplyTo: item.inReplyTo,
        replyId: outcome.status === 'sent' ? outcome.xPostId : null,
        reason: outcome.status === 'failed' ? outcome.reason : null,
        ...(item.kind === 'dm' ? { kind: 'dm' as const } : {}),
        ...(dm ? { dm } : {}),
      };
      const version = await this.append(trx, item.handleId, 'case', 'replySettled', args, at, current?.assigneeId ?? null);
      if (outcome.status !== 'sent' || !current) return version;
      // Answered: the case now waits for the customer, its SLA clock met.
      const next = answered(current);
      await writeAssignment(trx, next, at);
      await logCaseChange(trx, { space: item.handleId, actorId: HUB_ACTOR, clientId: HUB_ACTOR, mutationId: 0, at }, next, current.assigneeId);
      return bumpSpace(trx, item.handleId);
    });
    if (settled) await this.deps.connections.moved(item.handleId, settled);
    return outcome.status === 'sent' ? { status: 'sent', replyId: outcome.xPostId } : outcome;
  }

  /** Starts connecting a brand handle for `memberId`: X's authorization page, back to this hub. */
  beginHandleConnect(memberId: string): string {
    const connector = this.connectorIngest();
    const redirectUri = `${this.hubUrl}${HUB_CALLBACK_PATH}`;
    const request = connector.authorizationRequest(redirectUri);
    if (!request) throw new Refusal('conflict', 'The hub has no X app Client ID: its operator starts it with DECKHAND_X_CLIENT_ID set (see the README).');
    const now = this.deps.now();
    for (const [state, flow] of this.pending) if (flow.expiresAt <= now) this.pending.delete(state);
    this.pending.set(request.state, { memberId, codeVerifier: request.codeVerifier, redirectUri, expiresAt: now + CONNECT_TIMEOUT_MS });
    return request.url;
  }

  /** X sent the browser back: exchange the code, keep the tokens in the vault, add the handle. */
  async completeHandleConnect(query: URLSearchParams): Promise<CallbackPage> {
    const state = query.get('state') ?? '';
    const flow = this.pending.get(state);
    if (!flow || flow.expiresAt <= this.deps.now()) {
      this.pending.delete(state);
      return failedPage('This sign-in is unknown to the hub or took longer than 10 minutes.', 400);
    }
    this.pending.delete(state); // single use, whatever happens next
    const error = query.get('error');
    if (error) return failedPage(error === 'access_denied' ? 'The app was not authorized.' : `X answered: ${query.get('error_description') ?? error}.`, 400);
    const code = query.get('code');
    if (!code) return failedPage('X sent no authorization code.', 400);
    let handle: TeamHandleView;
    try {
      handle = await this.connectorIngest().completeConnect({ code, codeVerifier: flow.codeVerifier, redirectUri: flow.redirectUri });
    } catch (failure) {
      this.deps.logger.warn('hub: connecting a handle failed', { error: failure instanceof Error ? failure.message : String(failure) });
      return failedPage(failure instanceof Error ? failure.message : 'X did not accept the sign-in.', 400);
    }
    const at = this.deps.now();
    const moved = await this.deps.db.transaction().execute(async (trx) => {
      const seq = await takeNextSeq(trx);
      await upsertHandle(trx, handle, flow.memberId, at);
      await appendEvent(trx, { seq, space: handle.id, audience: 'member', actorId: flow.memberId, clientId: HUB_ACTOR, mutationId: 0, intent: 'handleConnected', args: { handle }, outcome: 'applied', reason: null, at });
      return { handle: await bumpSpace(trx, handle.id), team: await bumpSpace(trx, TEAM_SPACE) };
    });
    this.deps.logger.info('hub: brand handle connected', { handleId: handle.id, username: handle.username, by: flow.memberId });
    await this.deps.connections.moved(handle.id, moved.handle);
    await this.deps.connections.moved(TEAM_SPACE, moved.team);
    await this.teamChanged();
    const page = connectedPage(handle.username);
    return { ...page, message: `@${handle.username} is now one of the team's handles: the hub keeps its tokens. You can close this tab and return to Deckhand.` };
  }

  async close(): Promise<void> {
    await this.follow();
    const connector = this.connector;
    this.connector = null;
    await connector?.close();
  }

  /** The leader's retention pass: old ingested entries leave the log (cursors from before get a snapshot). */
  private async prune(): Promise<void> {
    try {
      const removed = await pruneIngested(this.deps.db, this.deps.now() - (this.deps.retentionMs ?? DEFAULT_RETENTION_MS));
      if (removed > 0) this.deps.logger.info('hub: pruned ingested entries past the retention', { removed });
    } catch (error) {
      this.deps.logger.error('hub: pruning the log failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private connectorIngest(): TeamIngest {
    this.connector ??= this.deps.createIngest();
    return this.connector;
  }

  private async reconcile(ingest: TeamIngest): Promise<void> {
    const handles = await listTeamHandles(this.deps.db);
    await ingest.reconcile(handles, await listTeamColumns(this.deps.db), (columnIds) => this.newestLogged(columnIds));
  }

  /** The newest post id logged for each column: where a new leader's ingest resumes. */
  private async newestLogged(columnIds: readonly string[]): Promise<Map<string, string>> {
    const newest = new Map<string, string>();
    for (const columnId of columnIds) {
      // Ids are decimal strings: the longer one is the newer, then the greater.
      const row = await this.deps.db.selectFrom('team_posts').select('post_id').where('column_id', '=', columnId).orderBy(sql`length(post_id)`, 'desc').orderBy('post_id', 'desc').limit(1).executeTakeFirst();
      if (row && isNumericId(row.post_id)) newest.set(columnId, row.post_id);
    }
    return newest;
  }

  private async drainOutbox(): Promise<void> {
    if (!this.ingest) return;
    for (const item of await queuedItems(this.deps.db, this.deps.now())) await this.deliver(item.id);
  }

  /** New posts of a team column become one log entry for those who may see the handle's queue, and cases (the ingest calls it). */
  async logIngested(columnId: string, posts: HubEntryArgs['ingested']['posts']): Promise<void> {
    const at = this.deps.now();
    const moved = await this.deps.db.transaction().execute(async (trx) => {
      const seq = await takeNextSeq(trx);
      const column = await teamColumnById(trx, columnId);
      if (!column) return null;
      const fresh = await keepNewPosts(trx, columnId, posts, seq);
      if (fresh.length === 0) return null; // a seq number left unused is no gap a puller notices
      const settings = await caseSettingsOf(trx, column.handleId);
      const intake = await takeIntoCases(trx, column.handleId, fresh.map(messageOfPost), at, settings);
      const args: HubEntryArgs['ingested'] = { columnId, posts: fresh, ...(intake.opened.length > 0 ? { cases: intake.opened } : {}), ...(intake.joined.length > 0 ? { joined: intake.joined } : {}) };
      const entry: LogEntry = { seq, space: column.handleId, actorId: HUB_ACTOR, clientId: HUB_ACTOR, mutationId: 0, intent: 'ingested', args, outcome: 'applied', reason: null, at };
      await appendEvent(trx, { ...entry, audience: 'view-unassigned' });
      for (const change of intake.changed) {
        await logCaseChange(trx, { space: column.handleId, actorId: HUB_ACTOR, clientId: HUB_ACTOR, mutationId: 0, at }, change.next, change.previousAssigneeId, change.reopenedBy ? { reopenedBy: change.reopenedBy } : {});
      }
      const given = await assignOpened(trx, intake.opened, intake.targets, settings, this.deps.connections.available(), at);
      return { entry, changed: intake.changed.length + given, version: await bumpSpace(trx, column.handleId) };
    });
    // The entry rides along with the poke to desktops that are caught up (they need not pull it),
    // unless cases changed after it: then everyone pulls.
    if (moved) await this.deps.connections.moved(moved.entry.space, moved.version, moved.changed > 0 ? undefined : moved.entry);
  }

  /** Drains every handle's queue (an agent is back at work). */
  async drainQueues(): Promise<void> {
    for (const handle of await listTeamHandles(this.deps.db)) await this.drainQueue(handle.id);
  }

  /** Gives the handle's queued cases to agents who may take them (after a case is resolved, an agent is back, the settings changed). */
  async drainQueue(handleId: string): Promise<void> {
    try {
      const at = this.deps.now();
      const version = await this.deps.db.transaction().execute(async (trx) => {
        const settings = await caseSettingsOf(trx, handleId);
        if (settings.autoAssign.mode === 'off') return null;
        await takeNextSeq(trx); // the log's write lock first: drains and intents run one at a time
        const given = await drainQueue(trx, handleId, settings, this.deps.connections.available(), at);
        return given > 0 ? bumpSpace(trx, handleId) : null;
      });
      if (version !== null) await this.deps.connections.moved(handleId, version);
    } catch (error) {
      this.deps.logger.error('hub: draining a queue failed', { handleId, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Snoozed cases whose time came are open again (the leader looks every SNOOZE_CHECK_MS). */
  async wakeSnoozed(): Promise<void> {
    try {
      const at = this.deps.now();
      const spaces = await this.deps.db.transaction().execute(async (trx) => {
        const woken = new Map<string, number>();
        for (const due of await dueSnoozes(trx, at)) {
          const next = withStatus(due, 'open', at);
          await writeAssignment(trx, next, at);
          await logCaseChange(trx, { space: due.handleId, actorId: HUB_ACTOR, clientId: HUB_ACTOR, mutationId: 0, at }, next, due.assigneeId, { snoozeEnded: true });
          woken.set(due.handleId, 0);
        }
        for (const space of woken.keys()) woken.set(space, await bumpSpace(trx, space));
        return woken;
      });
      for (const [space, version] of spaces) await this.deps.connections.moved(space, version);
    } catch (error) {
      this.deps.logger.error('hub: waking snoozed cases failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** A use of a brand's tokens, in the audit log (for those who see the handle). */
  private async logTokenUse(use: TokenUse): Promise<void> {
    try {
      const at = this.deps.now();
      const version = await this.deps.db.transaction().execute((trx) => this.append(trx, use.handleId, 'member', use.kind, { handleId: use.handleId, detail: use.detail }, at));
      await this.deps.connections.moved(use.handleId, version);
    } catch (error) {
      this.deps.logger.error('hub: logging a token use failed', { handleId: use.handleId, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** New direct messages of a team DMs column: one log entry for those who see the handle's queue, and cases. */
  async logIngestedDms(columnId: string, events: HubEntryArgs['ingestedDms']['events']): Promise<void> {
    const at = this.deps.now();
    const moved = await this.deps.db.transaction().execute(async (trx) => {
      const column = await teamColumnById(trx, columnId);
      if (!column) return null;
      const settings = await caseSettingsOf(trx, column.handleId);
      const intake = await takeIntoCases(trx, column.handleId, events.map(messageOfDm), at, settings);
      const args: HubEntryArgs['ingestedDms'] = { columnId, events, ...(intake.opened.length > 0 ? { cases: intake.opened } : {}), ...(intake.joined.length > 0 ? { joined: intake.joined } : {}) };
      const seq = await takeNextSeq(trx);
      await appendEvent(trx, { seq, space: column.handleId, audience: 'view-unassigned', actorId: HUB_ACTOR, clientId: HUB_ACTOR, mutationId: 0, intent: 'ingestedDms', args, outcome: 'applied', reason: null, at });
      // Kept as posts are: a DM case given to someone outside the queue carries them.
      await keepDmEvents(trx, column.handleId, events, seq, at);
      for (const change of intake.changed) {
        await logCaseChange(trx, { space: column.handleId, actorId: HUB_ACTOR, clientId: HUB_ACTOR, mutationId: 0, at }, change.next, change.previousAssigneeId, change.reopenedBy ? { reopenedBy: change.reopenedBy } : {});
      }
      await assignOpened(trx, intake.opened, intake.targets, settings, this.deps.connections.available(), at);
      return { space: column.handleId, version: await bumpSpace(trx, column.handleId) };
    });
    if (moved) await this.deps.connections.moved(moved.space, moved.version);
  }

  private async append<N extends HubEntryName>(trx: HubDb, space: string, audience: Audience, name: N, args: HubEntryArgs[N], at: number, forMember: string | null = null): Promise<number> {
    const seq = await takeNextSeq(trx);
    await appendEvent(trx, { seq, space, audience, forMember, actorId: HUB_ACTOR, clientId: HUB_ACTOR, mutationId: 0, intent: name, args, outcome: 'applied', reason: null, at });
    return bumpSpace(trx, space);
  }

  private serially(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(task, task);
    this.work = run.catch((error: unknown) => this.deps.logger.error('hub ingest failed', { error: error instanceof Error ? error.message : String(error) }));
    return run;
  }
}
