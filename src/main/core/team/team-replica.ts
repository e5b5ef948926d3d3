// This desktop's replica of its team: the hub's log (or a snapshot) applied to the local store
// through the same services and ingest path as solo mode, so team columns fill, search and
// reading work offline, and the UI hears the same domain events as for local changes. The hub is
// another machine: every entry is checked, and one it sends wrong is skipped and logged, never
// applied in part and never fatal.
import { replaceCustomerLabels, setCustomerLabel } from '../store/customer-labels';
import { replaceTeamCustomerNotes, saveCustomerNote } from '../store/customer-notes';
import { markEngagement } from '../actions/post-care';
import type { Author, DmEventView, Post, PostView } from '../../../shared/domain';
import type { AssignmentView, TeamColumnSource } from '../../../shared/hub-protocol';
import type { AccountService } from '../accounts/account-service';
import type { DeckService } from '../deck/deck-service';
import type { Ingestor } from '../ingest/ingestor';
import type { Logger } from '../ports';
import type { DomainEvents } from '../domain-events';
import { addCaseMessages, getAssignment, replaceAssignments, saveAssignment, saveCaseMessages } from '../store/assignments';
import type { CaseNotices } from './case-notices';
import { replaceNotes, saveNote } from '../store/notes';
import { saveReply, settleReply } from '../store/case-replies';
import { insertDmEvents } from '../store/dm-events';
import type { LayoutSync } from './layout-sync';
import { listAccounts } from '../store/accounts';
import { getColumn, listColumns } from '../store/columns';
import type { Database } from '../store/database';
import { ENTRY_SCHEMAS, dmEventViewSchema, isReplicatedEntry, postViewSchema, snapshotSchema, type WireLogEntry } from './replica-wire';

export interface TeamReplicaDeps {
  db: Database;
  domain: DomainEvents;
  deck: DeckService;
  accounts: AccountService;
  ingestor: Ingestor;
  layouts: LayoutSync;
  /** What the member is told of their cases. */
  notices: CaseNotices;
  /** This desktop in the team: its own changes come back in the log and are not applied twice. */
  self(): { memberId: string | null; clientId: string };
  logger: Logger;
}

interface TeamColumnRecord {
  id: string;
  handleId: string;
  title?: string | undefined;
  source: TeamColumnSource;
  personal: boolean;
}

function localColumn(column: TeamColumnRecord) {
  const base = { id: column.id, accountId: column.handleId, fromTeam: true as const, ...(column.personal ? { personal: true as const } : {}) };
  switch (column.source.kind) {
    case 'search':
      return { ...base, title: column.title ?? `Search: ${column.source.query}`, kind: 'search' as const, query: column.source.query, builder: null, ...(column.source.range ? { range: column.source.range } : {}) };
    case 'mentions':
      return { ...base, title: column.title ?? 'Mentions', kind: 'mentions' as const };
    case 'dms':
      return { ...base, title: column.title ?? 'Direct messages', kind: 'dms' as const };
  }
}

/** A post view as the store keeps it: the post, its quoted post and their authors apart. */
function splitViews(views: readonly PostView[]): { posts: Post[]; referenced: Post[]; authors: Author[] } {
  const posts: Post[] = [];
  const referenced: Post[] = [];
  const authors = new Map<string, Author>();
  for (const view of views) {
    const { author, quoted, ...post } = view;
    posts.push(post);
    authors.set(author.id, author);
    if (quoted) {
      const { author: quotedAuthor, quoted: _nested, ...quotedPost } = quoted;
      referenced.push(quotedPost);
      authors.set(quotedAuthor.id, quotedAuthor);
    }
  }
  return { posts, referenced, authors: [...authors.values()] };
}

export class TeamReplica {
  constructor(private readonly deps: TeamReplicaDeps) {}

  /** Forgets a former team: its columns and handles (a new team's come from its hub). */
  async dropAll(): Promise<void> {
    for (const column of listColumns(this.deps.db)) if (column.fromTeam) await this.deps.deck.removeColumn(column.id);
    for (const account of listAccounts(this.deps.db)) if (account.fromTeam) await this.deps.accounts.remove(account.id, 'delete');
  }

  /** A snapshot: the team's handles and columns as they are now, and each column's newest posts. */
  async applySnapshot(raw: unknown): Promise<void> {
    const parsed = snapshotSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.logger.warn('team replica: the hub sent a snapshot this desktop cannot read; kept what it had', { issues: parsed.error.issues.length });
      return;
    }
    const snapshot = parsed.data;
    for (const handle of snapshot.handles) await this.deps.accounts.adoptTeamHandle(handle);
    const wanted = new Set(snapshot.columns.map((column) => column.id));
    for (const column of listColumns(this.deps.db)) if (column.fromTeam && !wanted.has(column.id)) await this.deps.deck.removeColumn(column.id);
    const handles = new Set(snapshot.handles.map((handle) => handle.id));
    for (const column of snapshot.columns) if (handles.has(column.handleId)) await this.deps.deck.adoptColumn(localColumn({ ...column, personal: column.ownerId !== null }));
    for (const [columnId, layout] of Object.entries(snapshot.layouts)) await this.deps.layouts.apply(columnId, layout);
    replaceAssignments(this.deps.db, snapshot.assignments);
    this.store(snapshot.casePosts.flatMap((post) => {
      const view = postViewSchema.safeParse(post);
      return view.success ? [view.data] : [];
    }));
    for (const { handleId, events } of snapshot.caseDms) {
      this.keepDms(handleId, events.flatMap((event) => {
        const view = dmEventViewSchema.safeParse(event);
        return view.success ? [view.data] : [];
      }));
    }
    replaceNotes(this.deps.db, snapshot.notes);
    replaceCustomerLabels(this.deps.db, snapshot.customerLabels);
    replaceTeamCustomerNotes(this.deps.db, snapshot.customerNotes);
    await this.deps.domain.publish({ type: 'assignmentsChanged', assignments: snapshot.assignments });
    for (const { columnId, posts } of snapshot.recent) {
      const views = posts.flatMap((post) => {
        const view = postViewSchema.safeParse(post);
        return view.success ? [view.data] : [];
      });
      this.ingest(columnId, views);
    }
  }

  /** Log entries in order; those this desktop does not replicate (yet) are skipped. */
  async applyEntries(entries: readonly WireLogEntry[]): Promise<void> {
    for (const entry of entries) {
      if (entry.outcome !== 'applied' || !isReplicatedEntry(entry.intent)) continue;
      try {
        await this.apply(entry);
      } catch (error) {
        this.deps.logger.warn('team replica: could not apply an entry of the hub’s log', { seq: entry.seq, intent: entry.intent, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  private async apply(entry: WireLogEntry): Promise<void> {
    const skip = (why: string) => this.deps.logger.warn('team replica: skipped an entry the hub sent malformed', { seq: entry.seq, intent: entry.intent, why });
    switch (entry.intent) {
      case 'handleConnected': {
        const args = ENTRY_SCHEMAS.handleConnected.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        await this.deps.accounts.adoptTeamHandle(args.data.handle);
        return;
      }
      case 'addTeamColumn': {
        const args = ENTRY_SCHEMAS.addTeamColumn.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        await this.deps.deck.adoptColumn(localColumn({ id: args.data.columnId, handleId: args.data.handleId, title: args.data.title, source: args.data.source, personal: false }));
        return;
      }
      case 'addPersonalColumn': {
        // Only its owner's desktops receive it (the hub sends it to them alone).
        const args = ENTRY_SCHEMAS.addPersonalColumn.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        await this.deps.deck.adoptColumn(localColumn({ id: args.data.columnId, handleId: args.data.handleId, title: args.data.title, source: args.data.source, personal: true }));
        return;
      }
      case 'removePersonalColumn':
      case 'removeTeamColumn': {
        const args = ENTRY_SCHEMAS.removeTeamColumn.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        if (getColumn(this.deps.db, args.data.columnId)?.fromTeam) await this.deps.deck.removeColumn(args.data.columnId);
        return;
      }
      case 'ingested': {
        const args = ENTRY_SCHEMAS.ingested.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        this.ingest(args.data.columnId, args.data.posts);
        return this.takeCases(args.data.columnId, args.data.cases, args.data.joined);
      }
      case 'ingestedDms': {
        const args = ENTRY_SCHEMAS.ingestedDms.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        this.ingestDms(args.data.columnId, args.data.events);
        return this.takeCases(args.data.columnId, args.data.cases, args.data.joined);
      }
      case 'addNote': {
        const args = ENTRY_SCHEMAS.addNote.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        const note = { seq: entry.seq, handleId: args.data.handleId, postId: args.data.postId, memberId: entry.actorId, text: args.data.text.trim(), at: entry.at };
        if (!saveNote(this.deps.db, note)) return;
        await this.deps.domain.publish({ type: 'caseNotesChanged', handleId: note.handleId, postId: note.postId });
        await this.deps.notices.noteAdded(note);
        return;
      }
      case 'sendReply': {
        // A colleague's (or this member's) reply as the handle: what changed under a draft, the case's timeline.
        const args = ENTRY_SCHEMAS.sendReply.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        const reply = { seq: entry.seq, handleId: args.data.handleId, postId: args.data.postId, memberId: entry.actorId, text: args.data.text, at: entry.at, status: 'sending' as const };
        if (saveReply(this.deps.db, reply)) await this.deps.domain.publish({ type: 'caseRepliesChanged', handleId: reply.handleId, postId: reply.postId });
        return;
      }
      case 'labelCustomer': {
        // A colleague labelled a customer (VIP, press …): the team's labels, across handles.
        const args = ENTRY_SCHEMAS.labelCustomer.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        if (setCustomerLabel(this.deps.db, args.data.customerId, args.data.label, args.data.on, entry.at)) await this.deps.domain.publish({ type: 'customerLabelsChanged', customerId: args.data.customerId });
        return;
      }
      case 'noteCustomer': {
        // A note about a customer, written through one of the handles this member may view.
        const args = ENTRY_SCHEMAS.noteCustomer.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        const note = { id: args.data.noteId, customerId: args.data.customerId, handleId: args.data.handleId, authorId: entry.actorId, text: args.data.text, at: entry.at };
        if (saveCustomerNote(this.deps.db, note, true)) await this.deps.domain.publish({ type: 'customerNotesChanged', customerId: note.customerId });
        return;
      }
      case 'submitReply':
      case 'submitPost': {
        // A reply or a new post waits for an approver: the handle's approval queue changed.
        const args = ENTRY_SCHEMAS.submitPost.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        await this.deps.domain.publish({ type: 'approvalsChanged', handleId: args.data.handleId });
        return;
      }
      case 'decideApproval': {
        // Approved, the author's reply goes out (credited to them, as their own Send would be); the author is told either way.
        const args = ENTRY_SCHEMAS.decideApproval.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        const { handleId, postId, authorId, text, approve, note, kind } = args.data;
        if (kind === 'post') {
          await this.deps.domain.publish({ type: 'approvalsChanged', handleId });
          if (approve) await this.deps.domain.publish({ type: 'outboxChanged', accountId: handleId });
          await this.deps.notices.postApprovalDecided({ handleId, authorId, approverId: entry.actorId, approve, note: note ?? null });
          return;
        }
        if (approve && saveReply(this.deps.db, { seq: entry.seq, handleId, postId, memberId: authorId, text, at: entry.at, status: 'sending' })) {
          await this.deps.domain.publish({ type: 'caseRepliesChanged', handleId, postId });
        }
        await this.deps.domain.publish({ type: 'approvalsChanged', handleId });
        await this.deps.notices.approvalDecided({ handleId, postId, authorId, approverId: entry.actorId, approve, note: note ?? null });
        return;
      }
      case 'replySettled': {
        const args = ENTRY_SCHEMAS.replySettled.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        // A direct message the hub sent: kept here at once, in the handle's team DMs column when there is one.
        if (args.data.dm) {
          this.keepDms(entry.space, [args.data.dm]);
          return;
        }
        if (!settleReply(this.deps.db, entry.space, args.data.inReplyTo, args.data.memberId, args.data.replyId)) return;
        await this.deps.domain.publish({ type: 'caseRepliesChanged', handleId: entry.space, postId: args.data.inReplyTo });
        // Sent (not refused): every card of the answered post says who answered.
        if (args.data.replyId) await this.deps.domain.publish({ type: 'postAnswered', handleId: entry.space, postId: args.data.inReplyTo, memberId: args.data.memberId, at: new Date(entry.at).toISOString() });
        return;
      }
      case 'createPost':
      case 'changeScheduledPost':
      case 'postSettled':
        // The handle's new posts changed at the hub (scheduled, cancelled, sent, refused): its Scheduled columns read them again.
        await this.deps.domain.publish({ type: 'outboxChanged', accountId: entry.space });
        return;
      case 'engagementSettled': {
        // A member's like or repost as the handle, done at X: every card of the post shows it pressed, its count moved.
        const args = ENTRY_SCHEMAS.engagementSettled.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        if (!args.data.ok || args.data.handleId !== entry.space) return;
        await markEngagement(this.deps, { accountId: args.data.handleId, postId: args.data.postId, kind: args.data.kind, on: args.data.on });
        return;
      }
      case 'caseChanged': {
        // The case as the hub has it now (assigned, claimed, a status, a reply, the customer back).
        const args = ENTRY_SCHEMAS.caseChanged.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        // An assignee who does not see the handle's queue gets the case's post (or DMs) with it.
        if (args.data.post) this.store([args.data.post]);
        this.keepDms(args.data.case.handleId, args.data.dms);
        const before = getAssignment(this.deps.db, args.data.case.handleId, args.data.case.postId);
        if (!saveAssignment(this.deps.db, args.data.case)) return;
        await this.deps.domain.publish({ type: 'assignmentsChanged', assignments: [args.data.case] });
        const reopened = args.data.reopenedBy !== undefined || args.data.snoozeEnded === true;
        await this.deps.notices.caseChanged({ before, after: args.data.case, actorId: entry.actorId, reopened });
        return;
      }
      case 'setColumnLayout': {
        // The member's own layout, changed on another of their desktops.
        const self = this.deps.self();
        if (entry.actorId !== self.memberId || entry.clientId === self.clientId) return;
        const args = ENTRY_SCHEMAS.setColumnLayout.safeParse(entry.args);
        if (!args.success) return skip(args.error.issues[0]?.message ?? 'invalid');
        await this.deps.layouts.apply(args.data.columnId, args.data.layout);
        return;
      }
    }
  }

  /** Through the ingestor, as any source: stored, indexed for search, filed, announced. */
  private ingest(columnId: string, views: readonly PostView[]): void {
    if (views.length === 0 || !getColumn(this.deps.db, columnId)?.fromTeam) return;
    const { posts, referenced, authors } = splitViews(views);
    this.deps.ingestor.ingest({ posts, referenced, authors, routes: new Map(posts.map((post) => [post.id, [columnId]])) });
  }

  /** The cases an ingest opened, and the messages that joined cases, on the column's handle. */
  private async takeCases(columnId: string, cases: readonly AssignmentView[], joined: readonly { postId: string; casePostId: string }[]): Promise<void> {
    const handleId = getColumn(this.deps.db, columnId)?.accountId;
    if (!handleId || (cases.length === 0 && joined.length === 0)) return;
    saveCaseMessages(this.deps.db, handleId, joined);
    const opened = cases.filter((item) => item.handleId === handleId && saveAssignment(this.deps.db, item));
    const grown = addCaseMessages(this.deps.db, handleId, joined);
    if (opened.length > 0 || grown.length > 0) await this.deps.domain.publish({ type: 'assignmentsChanged', assignments: [...opened, ...grown] });
  }

  /** Posts kept for the cases they opened, filed in no column (the case queues show them). */
  private store(views: readonly PostView[]): void {
    if (views.length === 0) return;
    const { posts, referenced, authors } = splitViews(views);
    this.deps.ingestor.ingest({ posts, referenced, authors, routes: new Map() });
  }

  /** Direct messages of the handle kept here at once: in its team DMs column when there is one (so its conversations list them), else stored alone. */
  private keepDms(handleId: string, events: readonly DmEventView[]): void {
    if (events.length === 0) return;
    const dmsColumn = listColumns(this.deps.db).find((column) => column.fromTeam && column.kind === 'dms' && column.accountId === handleId);
    if (dmsColumn) this.ingestDms(dmsColumn.id, events);
    else insertDmEvents(this.deps.db, events.map(({ sender: _sender, ...event }) => event));
  }

  private ingestDms(columnId: string, events: readonly DmEventView[]): void {
    if (events.length === 0 || !getColumn(this.deps.db, columnId)?.fromTeam) return;
    const authors = events.flatMap((event) => (event.sender ? [event.sender] : []));
    this.deps.ingestor.ingestDms({ columnId, events: events.map(({ sender: _sender, ...event }) => event), authors });
  }
}
