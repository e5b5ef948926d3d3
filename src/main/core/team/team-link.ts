// This desktop's link to its team's hub: creating or joining a team, one WebSocket kept open
// (reconnecting with backoff), what the team looks like (refreshed on every poke), who is online,
// and the team commands pushed as intents. A desktop without a team stays 'solo'.
import { DeckhandError } from '../../../shared/errors';
import { z } from 'zod';
import type { ColumnLayoutPatch, IntentName, ReadName } from '../../../shared/hub-intents';
import { HUB_CLOSE, inviteLink, type Mutation, type InviteView, type MemberView, type PresenceStatus, type RoleView, type TeamView, type Viewing } from '../../../shared/hub-protocol';
import type { createInviteInput, createTeamInput, joinTeamInput, saveRoleInput, setMemberRoleInput, TeamLinkStatus, TeamState } from '../../../shared/team';
import type { DomainEvents } from '../domain-events';
import type { Logger, PreferenceStore, SecretStore } from '../ports';
import { HubSession, type SessionTimings } from './hub-session';
import { claimHub, createdInviteSchema, parsedAs, invitesSchema, joinHub, membersSchema, parseInviteLink, rolesSchema, teamViewSchema, type WireHubMessage, type WireMutationResult } from './hub-wire';
import { LinkStore, type LinkRecord } from './link-store';
import type { TeamReplica } from './team-replica';
import { CoalescedRun } from './coalesced-run';
import { TeamOutbox } from './team-outbox';
import { TeamWork } from './team-work';
import { ReplicaSync } from './replica-sync';
import type { LayoutSync } from './layout-sync';
import type { Database } from '../store/database';

export interface TeamLinkTimings extends SessionTimings {
  retryMinMs: number;
  retryMaxMs: number;
}

export interface TeamLinkDeps {
  /** The OS keychain (never the demo workspace's memory store). */
  keychain: SecretStore;
  preferences: PreferenceStore;
  domain: DomainEvents;
  logger: Logger;
  /** Where the hub's log and snapshots are applied. */
  replica: TeamReplica;
  /** This desktop's store: the outbox of intents waiting for the hub lives there. */
  db: Database;
  /** The member's own layout of team columns, sent and received. */
  layouts: LayoutSync;
  timings?: Partial<TeamLinkTimings>;
}

const replyOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('sent'), replyId: z.string().min(1).max(40) }),
  z.object({ status: z.literal('failed'), reason: z.string().max(2_000) }),
  z.object({ status: z.literal('queued') }),
]);

/** A reply the hub took but X refused is a failure all the same. */
function replyFailure(result: unknown): string | null {
  const outcome = replyOutcomeSchema.safeParse(result);
  return outcome.success && outcome.data.status === 'failed' ? outcome.data.reason : null;
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

const DEFAULT_TIMINGS: TeamLinkTimings = { answerMs: 15_000, heartbeatMs: 20_000, retryMinMs: 500, retryMaxMs: 30_000 };
const REMOVED = 'You were removed from the team';
const REVOKED = 'The hub no longer accepts this desktop’s member credential; join the team again with a new invite.';


export class TeamLink {
  private readonly store: LinkStore;
  private readonly timings: TeamLinkTimings;
  private link: LinkRecord | null = null;
  private credential: string | null = null;
  private session: HubSession | null = null;
  private status: TeamLinkStatus = 'solo';
  private problem: string | null = null;
  private team: TeamView | null = null;
  private members: MemberView[] = [];
  private roles: RoleView[] = [];
  private invites: InviteView[] = [];
  private readonly presence = new Map<string, { status: PresenceStatus; viewing: Viewing | null }>();
  /** The post this member has open here (sent again on every reconnect). */
  private viewing: Viewing | null = null;
  private retryDelay: number;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Reading the team again; one asked for while one runs makes it read once more. */
  private readonly refreshing = new CoalescedRun<HubSession>((session) => this.readTeam(session), (session) => session === this.session);
  private closed = false;
  private entering = false;
  /** The replica's catching up with the hub's log, one pull at a time; a poke meanwhile pulls once more. */
  private readonly replicaSync: ReplicaSync;

  private readonly outbox: TeamOutbox;
  /** What members ask of the hub beyond the link itself: handles, columns, cases, the audit log. */
  readonly work: TeamWork = new TeamWork({
    push: (name, args) => this.pushIntent(name, args),
    read: (name, args) => this.readOnline(name, args),
    synced: () => this.syncNow(),
    teamRead: () => this.refreshAndPublish(),
    hubUrl: () => this.link?.hubUrl ?? null,
    teamName: () => this.team?.name ?? 'team',
  });

  constructor(private readonly deps: TeamLinkDeps) {
    this.store = new LinkStore(deps.keychain, deps.preferences);
    this.replicaSync = new ReplicaSync(this.store, deps.replica, (session) => session === this.session);
    this.outbox = new TeamOutbox(
      {
        db: deps.db,
        logger: deps.logger,
        nextMutationId: () => this.store.nextMutationId(),
        push: (mutation) => this.pushOnline(mutation),
        changed: () => this.publish(),
      },
      { sendReply: replyFailure, sendDm: replyFailure, engagePost: replyFailure },
    );
    this.timings = { ...DEFAULT_TIMINGS, ...deps.timings };
    this.retryDelay = this.timings.retryMinMs;
  }

  /** Whether this desktop belongs to a team (known at start, before the hub is reached). */
  linked(): boolean {
    return this.store.link() !== null;
  }

  state(): TeamState {
    const online = this.status === 'online';
    return {
      status: this.status,
      hubUrl: this.link?.hubUrl ?? null,
      memberId: this.link?.memberId ?? null,
      teamName: this.team?.name ?? null,
      handles: this.team?.handles ?? [],
      members: this.members.map((member) => ({
        ...member,
        presence: member.id === this.link?.memberId ? (online ? 'online' : 'offline') : online ? (this.presence.get(member.id)?.status ?? 'offline') : 'offline',
        viewing: member.id === this.link?.memberId ? this.viewing : online ? (this.presence.get(member.id)?.viewing ?? null) : null,
      })),
      roles: this.roles,
      invites: this.invites,
      problem: this.problem,
      outbox: this.outbox.items(),
    };
  }

  /** At core start: reconnects a saved link whose credential is in the keychain. Never waits for the hub. */
  async resume(): Promise<void> {
    const link = this.store.link();
    if (!link) return;
    let credential: string | null;
    try {
      credential = await this.store.credential(link);
    } catch (error) {
      this.problem = `Could not read the team credential from the OS keychain: ${error instanceof Error ? error.message : String(error)}`;
      return this.publish();
    }
    if (!credential) {
      await this.store.forget(link);
      this.problem = 'This desktop’s team credential is no longer in the OS keychain; join the team again with a new invite.';
      return this.publish();
    }
    this.link = link;
    this.credential = credential;
    void this.connect();
  }

  createTeam(input: z.output<typeof createTeamInput>): Promise<TeamState> {
    return this.whileSolo(() => this.claim(input));
  }

  joinTeam(input: z.output<typeof joinTeamInput>): Promise<TeamState> {
    return this.whileSolo(() => this.join(input));
  }

  private async claim(input: z.output<typeof createTeamInput>): Promise<TeamState> {
    await this.store.ensureKeychain();
    const hubUrl = input.hubUrl.replace(/\/+$/, '');
    const teamName = input.teamName ?? `${input.displayName}'s team`.slice(0, 80);
    const grant = await claimHub(hubUrl, { setupCode: input.setupCode, teamName, displayName: input.displayName });
    // Brand handles join the team through the hub (Team → Connect a brand handle): it keeps their tokens.
    await this.adopt({ hubUrl, memberId: grant.memberId }, grant.credential);
    return this.state();
  }

  private async join(input: z.output<typeof joinTeamInput>): Promise<TeamState> {
    const { hubUrl, code } = parseInviteLink(input.inviteLink);
    await this.store.ensureKeychain();
    const grant = await joinHub(hubUrl, { code, displayName: input.displayName });
    await this.adopt({ hubUrl, memberId: grant.memberId }, grant.credential);
    return this.state();
  }

  async createInvite(input: z.output<typeof createInviteInput>): Promise<{ link: string }> {
    const result = parsedAs(createdInviteSchema, await this.pushIntent('createInvite', input), 'an invite');
    // The hub names itself by the address it listens on (maybe 0.0.0.0); this desktop reached it
    // at an address colleagues can use too.
    const hubUrl = this.link?.hubUrl;
    await this.refreshAndPublish();
    return { link: hubUrl ? inviteLink(hubUrl, result.code) : result.link };
  }

  async setMemberRole(input: z.output<typeof setMemberRoleInput>): Promise<TeamState> {
    await this.pushIntent('setMemberRole', input);
    await this.refreshAndPublish();
    return this.state();
  }

  async saveRole(input: z.output<typeof saveRoleInput>): Promise<TeamState> {
    await this.pushIntent('saveRole', input);
    await this.refreshAndPublish();
    return this.state();
  }

  /**
   * A reply (or a direct message) through the hub, which alone acts as the handle, by way of the
   * outbox: X's id for it, or pending (offline, or the hub sends it later); a refusal is thrown.
   */
  sendReply(args: { handleId: string; postId: string; text: string; engageAnyway?: boolean }): Promise<{ id: string | null; pending: boolean }> {
    return this.sendAsHandle('sendReply', args, `Reply as ${this.handleName(args.handleId)} to post ${args.postId}: ${excerpt(args.text)}`);
  }

  sendDm(args: { handleId: string; conversationId: string; text: string }): Promise<{ id: string | null; pending: boolean }> {
    return this.sendAsHandle('sendDm', args, `Message as ${this.handleName(args.handleId)} in ${args.conversationId}: ${excerpt(args.text)}`);
  }

  /**
   * A like or repost as a team handle (or its undoing) through the hub's outbox: done (X took it,
   * and this desktop's replica marks the post), queued (the hub sends it later) or offline (it
   * waits in this desktop's outbox); X's or the hub's refusal is thrown.
   */
  async engagePost(args: { handleId: string; postId: string; kind: 'like' | 'repost'; on: boolean }): Promise<'done' | 'queued' | 'offline'> {
    if (!this.link) throw new DeckhandError('conflict', 'This desktop is not in a team.');
    const what = `${args.on ? '' : 'Undo the '}${args.kind === 'like' ? 'like' : 'repost'}`;
    const submitted = await this.outbox.submit('engagePost', args, `${what.charAt(0).toUpperCase()}${what.slice(1)} of post ${args.postId} as ${this.handleName(args.handleId)}`);
    if (submitted.outcome === 'pending') return 'offline';
    const outcome = replyOutcomeSchema.safeParse(submitted.result);
    if (!outcome.success) throw new DeckhandError('upstream', 'The hub answered in a shape this Deckhand does not know.');
    if (outcome.data.status !== 'sent') return 'queued';
    await this.syncNow();
    return 'done';
  }

  private handleName(handleId: string): string {
    const handle = this.team?.handles.find((candidate) => candidate.id === handleId);
    return handle ? `@${handle.username}` : handleId;
  }

  private async sendAsHandle(intent: 'sendReply' | 'sendDm', args: object, summary: string): Promise<{ id: string | null; pending: boolean }> {
    if (!this.link) throw new DeckhandError('conflict', 'This desktop is not in a team.');
    const submitted = await this.outbox.submit(intent, args, summary);
    if (submitted.outcome === 'pending') return { id: null, pending: true };
    const outcome = replyOutcomeSchema.safeParse(submitted.result);
    if (!outcome.success) throw new DeckhandError('upstream', 'The hub answered in a shape this Deckhand does not know.');
    return outcome.data.status === 'sent' ? { id: outcome.data.replyId, pending: false } : { id: null, pending: true };
  }

  /** The post this member has open, and whether they type a reply: colleagues' desktops show it. */
  setViewing(viewing: Viewing | null): void {
    this.viewing = viewing;
    if (this.status === 'online') this.session?.presence('online', viewing);
    this.publish();
  }

  /** The member's layout of a team column, for their other desktops (online only: LayoutSync keeps it otherwise). */
  async pushLayout(args: { handleId: string; columnId: string; layout: ColumnLayoutPatch }): Promise<void> {
    if (!this.link) return; // left the team: its columns are kept read-only here, nothing to tell
    await this.pushIntent('setColumnLayout', args);
  }

  /** Who this desktop is in the team (its own entries in the log are not applied twice). */
  self(): { memberId: string | null; clientId: string } {
    return { memberId: this.link?.memberId ?? null, clientId: this.store.clientId() };
  }

  /** A refused item leaves the outbox once the member has read why. */
  dismissOutboxItem(id: number): TeamState {
    this.outbox.dismiss(id);
    return this.state();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const session = this.session;
    this.session = null;
    await session?.close();
  }

  /** One claim or join at a time, and only while in no team. */
  private async whileSolo(task: () => Promise<TeamState>): Promise<TeamState> {
    if (this.link) throw new DeckhandError('conflict', 'This desktop is already in a team.');
    if (this.entering) throw new DeckhandError('conflict', 'This desktop is already creating or joining a team.');
    this.entering = true;
    try {
      return await task();
    } finally {
      this.entering = false;
    }
  }

  /** Keeps a new credential and connects; true once online. */
  private async adopt(link: LinkRecord, credential: string): Promise<boolean> {
    // What a team this desktop was in before left here is no team's any more.
    await this.deps.replica.dropAll();
    await this.store.save(link, credential);
    this.link = link;
    this.credential = credential;
    this.problem = null;
    return this.connect();
  }

  /** A read at the hub now; 'unavailable' when the hub cannot be reached. */
  private async readOnline(name: ReadName, args: object): Promise<unknown> {
    const session = this.session;
    if (!session || this.status !== 'online') throw new DeckhandError('unavailable', `Not connected to the team’s hub${this.link ? ` at ${this.link.hubUrl}` : ''}; try again when it is back.`);
    return session.read(name, args);
  }

  /** Pushes one mutation now; 'unavailable' when the hub cannot be reached. */
  private async pushOnline(mutation: Mutation): Promise<WireMutationResult> {
    const session = this.session;
    if (!this.link) throw new DeckhandError('conflict', 'This desktop is not in a team yet: create one or join one first.');
    if (!session || this.status !== 'online') throw new DeckhandError('unavailable', `Not connected to the team’s hub at ${this.link.hubUrl}${this.problem ? ` (${this.problem})` : ''}; try again when it is back.`);
    return session.push(this.store.clientId(), mutation);
  }

  private async pushIntent(name: IntentName, args: object): Promise<unknown> {
    const mutation = { id: this.store.nextMutationId(), name, args };
    let result = await this.pushOnline(mutation);
    // 'error': the hub failed before recording it; the same id once more cannot apply it twice.
    if (result.outcome === 'error') result = await this.pushOnline(mutation);
    if (result.outcome === 'refused') throw new DeckhandError(result.code === 'unknown_intent' ? 'upstream' : result.code, result.reason);
    if (result.outcome === 'error') throw new DeckhandError('unavailable', result.reason);
    return result.result;
  }

  /** Opens a session; true once welcomed and the team is read. A failure is handled by `closed`. */
  private async connect(): Promise<boolean> {
    const { link, credential } = this;
    if (!link || !credential || this.closed) return false;
    this.status = 'connecting';
    this.publish();
    let opened: ReturnType<typeof HubSession.open>;
    try {
      opened = HubSession.open(link.hubUrl, credential, { changed: (message) => this.changed(opened.session, message), closed: (code, problem) => this.ended(opened.session, code, problem) }, this.timings);
    } catch (error) {
      // Only an address no socket can be opened to gets here; retrying would not help.
      this.status = 'offline';
      this.problem = `Cannot open a link to the hub at ${link.hubUrl}: ${error instanceof Error ? error.message : String(error)}`;
      this.publish();
      return false;
    }
    const { session, welcomed } = opened;
    this.session = session;
    this.replicaSync.newSession();
    try {
      await welcomed;
      session.presence('online', this.viewing);
      await this.refresh(session);
      await this.replicaSync.run(session);
    } catch (error) {
      this.deps.logger.warn('team link: could not open a session', { hubUrl: link.hubUrl, error: error instanceof Error ? error.message : String(error) });
      if (this.session === session) await session.close();
      return false;
    }
    if (this.session !== session) return false;
    this.retryDelay = this.timings.retryMinMs;
    this.status = 'online';
    this.problem = null;
    this.publish();
    // What waited while the hub was out of reach goes now, in order.
    void this.outbox.flush().catch((error: unknown) => this.deps.logger.warn('team link: the outbox could not be sent', { error: String(error) }));
    void this.deps.layouts.flush();
    return true;
  }

  private changed(session: HubSession, message: WireHubMessage): void {
    if (session !== this.session) return;
    if (message.type === 'presence') {
      this.presence.set(message.memberId, { status: message.status, viewing: message.viewing });
      if (this.status === 'online') this.publish();
      return;
    }
    if (message.type === 'poke') void this.replicaSync.poked(session, message).catch((error: unknown) => this.deps.logger.warn('team link: sync failed', { error: String(error) }));
    // Handle spaces move with posts and assignments, which the team's state does not hold.
    if (message.type === 'poke' && message.space !== 'team') return;
    if (this.status === 'online') void this.refreshAndPublish().catch((error: unknown) => this.deps.logger.warn('team link: refresh failed', { error: String(error) }));
  }

  private ended(session: HubSession, code: number, problem: string | null): void {
    if (session !== this.session) return;
    this.session = null;
    this.presence.clear();
    if (this.closed) return;
    if (code === HUB_CLOSE.removed || code === HUB_CLOSE.unauthorized) {
      void this.leave(code === HUB_CLOSE.removed ? REMOVED : REVOKED);
      return;
    }
    const wasOnline = this.status === 'online';
    this.status = 'offline';
    const where = this.link ? ` at ${this.link.hubUrl}` : '';
    this.problem = `${wasOnline ? 'Lost the link to the hub' : 'Cannot reach the hub'}${where}${problem ? ` (${problem})` : ''}; retrying.`;
    this.publish();
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.timings.retryMaxMs);
    this.retryTimer = setTimeout(() => void this.connect(), delay * (0.75 + Math.random() * 0.5));
    this.retryTimer.unref();
  }

  /** No longer a member: the credential is deleted and the desktop is on its own again. */
  private async leave(problem: string): Promise<void> {
    const link = this.link;
    this.link = null;
    this.credential = null;
    this.team = null;
    this.members = [];
    this.roles = [];
    this.invites = [];
    this.status = 'solo';
    this.problem = problem;
    this.outbox.clear();
    this.deps.layouts.clear();
    this.publish();
    if (link) await this.store.forget(link).catch((error: unknown) => this.deps.logger.warn('team link: could not delete the credential', { error: String(error) }));
  }

  private syncNow(): Promise<void> {
    return this.session ? this.replicaSync.run(this.session) : Promise.resolve();
  }

  private async refreshAndPublish(): Promise<void> {
    const session = this.session;
    if (!session) return;
    await this.refresh(session);
    if (session === this.session) this.publish();
  }

  private refresh(session: HubSession): Promise<void> {
    return this.refreshing.run(session);
  }

  private async readTeam(session: HubSession): Promise<void> {
    const [team, members, roles, invites] = await Promise.all([
      session.read('getTeam').then((value) => parsedAs(teamViewSchema, value, 'the team')),
      session.read('listMembers').then((value) => parsedAs(membersSchema, value, 'the members')),
      session.read('listRoles').then((value) => parsedAs(rolesSchema, value, 'the roles')),
      // Only members who manage the team may list invites; for the others there are none to show.
      session.read('listInvites').then(
        (value) => parsedAs(invitesSchema, value, 'the invites'),
        (error: unknown) => {
          if (error instanceof DeckhandError && error.code === 'forbidden') return [];
          throw error;
        },
      ),
    ]);
    if (session !== this.session) return;
    this.team = team;
    this.members = members;
    this.roles = roles;
    this.invites = invites;
  }

  private publish(): void {
    void this.deps.domain.publish({ type: 'teamChanged', state: this.state() });
  }
}
