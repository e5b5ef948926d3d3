// What members ask of their team's hub beyond the link itself: connecting brand handles, the
// columns the hub ingests, cases (assignment and status, each on the version this desktop knows:
// a stale one is refused and says where it stands), desktop links and the audit log. Each intent
// is the hub's to allow; what it changes reaches this desktop's replica before a call resolves.
import type { CaseSettings } from '../../../shared/case-settings';
import type { SavedReply } from '../../../shared/saved-replies';
import type { ApprovalView, CaseTimelineItem } from '../../../shared/hub-protocol';
import { DeckhandError } from '../../../shared/errors';
import type { ExportedFile } from '../../../shared/domain';
import type { IntentName, ReadName } from '../../../shared/hub-intents';
import { inviteLink, type AuditEntry, type CaseStatus, type TeamColumnSource } from '../../../shared/hub-protocol';
import { auditCsv } from './audit-export';
import { approvalsSchema, auditEntriesSchema, caseTimelineSchema, createdInviteSchema, daySendsSchema, parsedAs, queuedSchema, reportAnswerSchema, scheduledPostsSchema, submittedSchema, type DaySend } from './hub-wire';
import type { OutboxItemView } from '../../../shared/outbox';
import type { Report, ReportRequest } from '../../../shared/reports';

export interface TeamWorkPort {
  /** Pushes an intent; its result, or the hub's refusal as a DeckhandError. */
  push(name: IntentName, args: object): Promise<unknown>;
  /** A read at the hub; 'unavailable' while it is out of reach. */
  read(name: ReadName, args: object): Promise<unknown>;
  /** Resolves once this desktop's replica has caught up with the hub's log. */
  synced(): Promise<void>;
  /** Resolves once the team (members, roles, handles) was read again. */
  teamRead(): Promise<void>;
  hubUrl(): string | null;
  teamName(): string;
}

export class TeamWork {
  constructor(private readonly port: TeamWorkPort) {}

  /** X's authorization page for a new team handle (the hub completes the exchange and keeps the tokens). */
  async connectHandle(): Promise<{ authorizeUrl: string }> {
    const result = await this.port.push('connectHandle', {});
    const url = result && typeof result === 'object' && 'authorizeUrl' in result && typeof result.authorizeUrl === 'string' ? result.authorizeUrl : null;
    if (!url || !/^https?:\/\//.test(url)) throw new DeckhandError('upstream', 'The hub answered without an authorization page.');
    return { authorizeUrl: url };
  }

  /** A column the hub ingests (the team's, or this member's own): applied by the hub, then in this desktop's replica before this resolves. */
  async addHubColumn(args: { handleId: string; columnId: string; title?: string; source: TeamColumnSource }, personal: boolean): Promise<void> {
    await this.port.push(personal ? 'addPersonalColumn' : 'addTeamColumn', args);
    await this.port.synced();
  }

  async removeHubColumn(args: { handleId: string; columnId: string }, personal: boolean): Promise<void> {
    await this.port.push(personal ? 'removePersonalColumn' : 'removeTeamColumn', args);
    await this.port.synced();
  }

  /**
   * Gives a post to a member (null: nobody) or takes it ("claim"), on the version this desktop
   * knows: if it changed since, the hub refuses and says who has it now. Answers the post's
   * assignment once this desktop's replica has it.
   */
  async assign(handleId: string, postId: string, assigneeId: string | null | 'me', expectedVersion: number): Promise<void> {
    if (assigneeId === 'me') await this.port.push('claimPost', { handleId, postId, expectedVersion });
    else await this.port.push('assignPost', { handleId, postId, assigneeId, expectedVersion });
    await this.port.synced();
  }

  /** The team's audit log, newest first (the hub shows what the member's permissions allow). */
  async auditLog(beforeSeq?: number): Promise<AuditEntry[]> {
    return parsedAs(auditEntriesSchema, await this.port.read('auditLog', beforeSeq === undefined ? {} : { beforeSeq }), 'the audit log');
  }

  /** What happened on a post's case, oldest first (read from the hub: it keeps the whole history). */
  async caseTimeline(handleId: string, postId: string): Promise<CaseTimelineItem[]> {
    return parsedAs(caseTimelineSchema, await this.port.read('caseTimeline', { handleId, postId }), 'the case timeline');
  }

  /** The team's report over a range: the hub counts only the handles this member may view reports on. */
  async reports(request: ReportRequest): Promise<Report> {
    return parsedAs(reportAnswerSchema, await this.port.read('reports', request), 'a report');
  }

  /** Up to `limit` newest entries of the audit log as CSV. */
  async exportAuditLog(limit = 10_000): Promise<ExportedFile> {
    const entries: AuditEntry[] = [];
    let before: number | undefined;
    while (entries.length < limit) {
      const page = await this.auditLog(before);
      entries.push(...page);
      if (page.length === 0) break;
      before = page.at(-1)?.seq;
    }
    return auditCsv(entries.slice(0, limit), this.port.teamName(), new Date());
  }

  /** Where a case stands, on the version this desktop knows (a stale one is refused). */
  async setCaseStatus(handleId: string, postId: string, status: CaseStatus, expectedVersion: number, until?: number): Promise<void> {
    await this.port.push('setCaseStatus', { handleId, postId, status, expectedVersion, ...(until === undefined ? {} : { until }) });
    await this.port.synced();
  }

  /** A tag on a case (on: put on; off: taken off), on the version this desktop knows. */
  async tagCase(handleId: string, postId: string, tag: string, on: boolean, expectedVersion: number): Promise<void> {
    await this.port.push('tagCase', { handleId, postId, tag, on, expectedVersion });
    await this.port.synced();
  }

  /** The handle's tags; the team's view of its handles is read again before this resolves. */
  async saveHandleTags(handleId: string, tags: string[], requireOnResolve: boolean): Promise<void> {
    await this.port.push('saveHandleTags', { handleId, tags, requireOnResolve });
    await this.port.teamRead();
  }

  /** One customer's case joins another of theirs; in this desktop's replica before this resolves. */
  async mergeCases(handleId: string, postId: string, intoPostId: string): Promise<void> {
    await this.port.push('mergeCases', { handleId, postId, intoPostId });
    await this.port.synced();
  }

  /** A message that joined a case becomes a case of its own. */
  async splitCase(handleId: string, postId: string): Promise<void> {
    await this.port.push('splitCase', { handleId, postId });
    await this.port.synced();
  }

  /** The handle's case settings, whole; the team read again so this desktop shows them. */
  async saveCaseSettings(handleId: string, settings: CaseSettings): Promise<void> {
    await this.port.push('saveCaseSettings', { handleId, settings });
    await this.port.teamRead();
  }

  /** A label on a customer for the whole team (or off); in this desktop's replica before this resolves. */
  async labelCustomer(handleId: string, customerId: string, label: string, on: boolean): Promise<void> {
    await this.port.push('labelCustomer', { handleId, customerId, label, on });
    await this.port.synced();
  }

  /** A note about a customer, for those who may view the handle; in this desktop's replica before this resolves. */
  async noteCustomer(handleId: string, customerId: string, text: string): Promise<void> {
    await this.port.push('noteCustomer', { handleId, customerId, text });
    await this.port.synced();
  }

  /** A reply into the handle's approval queue: its id at the hub. */
  async submitReply(handleId: string, postId: string, text: string): Promise<string> {
    const submitted = parsedAs(submittedSchema, await this.port.push('submitReply', { handleId, postId, text }), 'a submitted reply');
    await this.port.synced();
    return submitted.approvalId;
  }

  /** A new post for an approver to send (at `sendAt` if still ahead then, else when approved); answers its approval's id. */
  async submitPost(handleId: string, text: string, sendAt: number | null): Promise<string> {
    const submitted = parsedAs(submittedSchema, await this.port.push('submitPost', { handleId, text, sendAt }), 'a submitted post');
    await this.port.synced();
    return submitted.approvalId;
  }

  /** The handle's approval queue as this member may see it (an approver all of it, an author their own). */
  async listApprovals(handleId: string, status?: 'waiting' | 'decided'): Promise<ApprovalView[]> {
    return parsedAs(approvalsSchema, await this.port.read('listApprovals', status ? { handleId, status } : { handleId }), 'the approval queue');
  }

  /** Approves a waiting reply (the hub sends it, edited or not) or rejects it with a note. */
  async decideApproval(args: { handleId: string; approvalId: string; approve: boolean; text?: string; note?: string }): Promise<void> {
    await this.port.push('decideApproval', args);
    await this.port.synced();
  }

  /** A new post as the team handle, now or at `sendAt` (ms): the hub's outbox sends it. Answers it as the hub keeps it. */
  async createPost(handleId: string, text: string, sendAt: number | null): Promise<OutboxItemView> {
    const { outboxId } = parsedAs(queuedSchema, await this.port.push('createPost', { handleId, text, sendAt }), 'a new post');
    await this.port.synced();
    const item = (await this.scheduledPosts(handleId)).find((candidate) => candidate.id === outboxId);
    if (!item) throw new DeckhandError('upstream', 'The hub took the post but does not list it.');
    // Sent now: X's refusal is the member's to read where they asked.
    if (sendAt === null && item.status === 'failed') throw new DeckhandError('upstream', item.reason ?? 'X refused the post.');
    return item;
  }

  /** The team handle's new posts: waiting, refused, and the newest sent. */
  /** What the hub sent as the handle in [from, to) for every member (replies, DMs, new posts): the day's spend is priced from it. */
  async daySends(handleId: string, from: number, to: number): Promise<DaySend[]> {
    return parsedAs(daySendsSchema, await this.port.read('daySends', { handleId, from, to }), 'the handle’s sends today');
  }

  async scheduledPosts(handleId: string): Promise<OutboxItemView[]> {
    return parsedAs(scheduledPostsSchema, await this.port.read('scheduledPosts', { handleId }), 'the handle’s scheduled posts');
  }

  /** Cancels a post that has not gone out, or sends one X refused again. */
  async changeScheduledPost(handleId: string, outboxId: string, action: 'cancel' | 'retry'): Promise<void> {
    await this.port.push('changeScheduledPost', { handleId, outboxId, action });
    await this.port.synced();
  }

  /** The handle's saved replies, whole; the team's view of its handles is read again after. */
  async saveSavedReplies(handleId: string, replies: SavedReply[]): Promise<void> {
    await this.port.push('saveSavedReplies', { handleId, replies });
    await this.port.teamRead();
  }

  /** An internal note on a case; in this desktop's replica before this resolves. */
  async addNote(handleId: string, postId: string, text: string): Promise<void> {
    await this.port.push('addNote', { handleId, postId, text });
    await this.port.synced();
  }

  /** A single-use link to use the team as this same member on another desktop ("Join a team" there). */
  async linkDesktop(): Promise<{ link: string }> {
    const result = parsedAs(createdInviteSchema.omit({ inviteId: true }), await this.port.push('linkDesktop', {}), 'a desktop link');
    const hubUrl = this.port.hubUrl();
    return { link: hubUrl ? inviteLink(hubUrl, result.code) : result.link };
  }
}
