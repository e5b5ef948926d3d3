// The core's domain events: what a service committed, published after the commit. The columns
// engine, the unread counter and the client projection (what hosts relay to renderers) subscribe;
// a change that arrives from elsewhere (later: the hub) takes the same path as a local one.
import type { Account, Column, ColumnStatus, DmEventView, MuteList, PostView, UnreadCount, AccountConnectResult } from '../../shared/domain';
import type { AssignmentView } from '../../shared/hub-protocol';
import type { CaseNotice, TeamState } from '../../shared/team';
import type { AlertView } from '../../shared/alerts';
import type { Logger } from './ports';

/** What in a column changed, so subscribers redo only what depends on it. */
export interface ColumnChange {
  /** Its X query or archive query: what it held belonged to the old one and is gone. */
  source: boolean;
  filters: boolean;
  readMarker: boolean;
  scroll: boolean;
  /** Title, width, collapsed, notifications: what only the deck shows. */
  settings: boolean;
}

export type DomainEvent =
  | { type: 'columnAdded'; column: Column }
  | { type: 'columnChanged'; column: Column; change: ColumnChange }
  | { type: 'columnsReordered'; columns: Column[] }
  | { type: 'columnsRemoved'; columns: Column[] }
  | { type: 'muteListChanged'; list: MuteList }
  | { type: 'accountConnected'; account: Account; reconnected: boolean }
  /** Needs reconnecting, or removed with its data kept read-only. */
  | { type: 'accountStatusChanged'; account: Account }
  /** Removed with its data: its columns went with it (a `columnsRemoved` precedes this). */
  | { type: 'accountDeleted'; account: Account }
  /** X refused to refresh a handle's access: the account lifecycle marks it. */
  | { type: 'accountAccessRefused'; accountId: string }
  | { type: 'accountConnectFinished'; result: AccountConnectResult }
  | { type: 'postsRouted'; columnId: string; posts: PostView[] }
  /** Posts a column already holds changed (answered, liked, reposted): their cards take the new views. */
  | { type: 'postsUpdated'; columnId: string; posts: PostView[] }
  /** A brand handle's reply to a post went out: from this desktop alone (memberId null), or a team member's as the hub settled it. */
  | { type: 'postAnswered'; handleId: string; postId: string; memberId: string | null; at: string }
  | { type: 'dmEventsRouted'; columnId: string; events: DmEventView[] }
  | { type: 'columnStatusChanged'; status: ColumnStatus }
  | { type: 'unreadCountsChanged'; counts: UnreadCount[] }
  /** The team link's status, or what this desktop knows of its team (members, roles, presence), changed. */
  | { type: 'teamChanged'; state: TeamState }
  /** Who has which posts of team handles changed (the hub's log, through the replica). */
  | { type: 'assignmentsChanged'; assignments: AssignmentView[] }
  /** A reply as a team handle was sent (or settled) on a case: ask for its replies again. */
  | { type: 'caseRepliesChanged'; handleId: string; postId: string }
  /** Something this desktop's member is told of their cases (their settings allowed it). */
  | { type: 'caseNotice'; notice: CaseNotice }
  /** A case's internal notes changed (a colleague's note arrived through the hub's log). */
  | { type: 'caseNotesChanged'; handleId: string; postId: string }
  /** The hub's approval queue of a handle changed: a reply was submitted, approved or rejected. */
  | { type: 'approvalsChanged'; handleId: string }
  /** A customer's labels changed: given here, or at the team's hub. */
  | { type: 'customerLabelsChanged'; customerId: string }
  /** Someone wrote a note about a customer (here, or a colleague through the hub's log). */
  | { type: 'customerNotesChanged'; customerId: string }
  /** A handle's outbox changed: a send was kept, went out, failed, or a scheduled post was changed. */
  | { type: 'outboxChanged'; accountId: string }
  /** An alert rule of this desktop's heard a post, a DM or an SLA breach (recorded once per rule and subject). */
  | { type: 'alertRaised'; alert: AlertView };

export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
type Listener<T extends DomainEventType> = (event: DomainEventOf<T>) => void | Promise<void>;

/**
 * Listeners run in the order they subscribed. `publish` resolves once every listener (and the work
 * it returned) is done, so a command answers after the engine has acted on its change; a failing
 * listener is logged and never undoes the commit or stops the others.
 */
export class DomainEvents {
  /** Each list holds listeners of its own type only: `on` is the one place the types are widened. */
  private readonly listeners = new Map<DomainEventType, ((event: DomainEvent) => void | Promise<void>)[]>();

  constructor(private readonly logger: Logger) {}

  on<T extends DomainEventType>(type: T, listener: Listener<T>): () => void {
    const list = this.listeners.get(type) ?? [];
    const wrapped = (event: DomainEvent) => listener(event as DomainEventOf<T>);
    list.push(wrapped);
    this.listeners.set(type, list);
    return () => {
      const index = list.indexOf(wrapped);
      if (index >= 0) list.splice(index, 1);
    };
  }

  publish(event: DomainEvent): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const listener of this.listeners.get(event.type) ?? []) {
      try {
        const result = listener(event);
        if (result) pending.push(result.catch((error: unknown) => this.failed(event, error)));
      } catch (error) {
        this.failed(event, error);
      }
    }
    return pending.length === 0 ? Promise.resolve() : Promise.all(pending).then(() => undefined);
  }

  private failed(event: DomainEvent, error: unknown): void {
    this.logger.error('a domain event listener failed', { event: event.type, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
