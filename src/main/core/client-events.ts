// What renderers hear: the contract's events, each emitted here and nowhere else, projected from
// the domain events. Hosts relay them through serve(), which cuts each to what its caller may see.
import type { DomainEvents } from './domain-events';
import type { EventBus } from './events';
import { listAccounts } from './store/accounts';
import { listColumns } from './store/columns';
import type { Database } from './store/database';

export function projectClientEvents(db: Database, domain: DomainEvents, client: EventBus): () => void {
  const deck = () => client.emit('columnsChanged', listColumns(db));
  const accounts = () => client.emit('accountsChanged', listAccounts(db));
  const subscriptions = [
    domain.on('columnAdded', deck),
    domain.on('columnChanged', ({ change }) => {
      if (change.source || change.filters || change.settings) deck();
    }),
    domain.on('columnsReordered', ({ columns }) => client.emit('columnsChanged', columns)),
    domain.on('columnsRemoved', deck),
    domain.on('muteListChanged', ({ list }) => client.emit('muteListChanged', list)),
    domain.on('accountConnected', accounts),
    domain.on('accountStatusChanged', accounts),
    domain.on('accountDeleted', accounts),
    domain.on('accountConnectFinished', ({ result }) => client.emit('accountConnectFinished', result)),
    domain.on('postsRouted', ({ columnId, posts }) => client.emit('columnPosts', { columnId, posts })),
    domain.on('postsUpdated', ({ columnId, posts }) => client.emit('postsUpdated', { columnId, posts })),
    domain.on('dmEventsRouted', ({ columnId, events }) => client.emit('columnDmEvents', { columnId, events })),
    domain.on('columnStatusChanged', ({ status }) => client.emit('columnStatus', status)),
    domain.on('unreadCountsChanged', ({ counts }) => client.emit('unreadCounts', counts)),
    domain.on('teamChanged', ({ state }) => client.emit('teamChanged', state)),
    domain.on('assignmentsChanged', ({ assignments }) => client.emit('assignmentsChanged', assignments)),
    domain.on('caseRepliesChanged', ({ handleId, postId }) => client.emit('caseRepliesChanged', { handleId, postId })),
    domain.on('caseNotice', ({ notice }) => client.emit('caseNotice', notice)),
    domain.on('caseNotesChanged', ({ handleId, postId }) => client.emit('caseNotesChanged', { handleId, postId })),
    domain.on('approvalsChanged', ({ handleId }) => client.emit('approvalsChanged', { handleId })),
    domain.on('customerLabelsChanged', ({ customerId }) => client.emit('customerLabelsChanged', { customerId })),
    domain.on('customerNotesChanged', ({ customerId }) => client.emit('customerNotesChanged', { customerId })),
    domain.on('outboxChanged', ({ accountId }) => client.emit('outboxChanged', { accountId })),
    domain.on('alertRaised', ({ alert }) => client.emit('alert', alert)),
  ];
  return () => subscriptions.forEach((unsubscribe) => unsubscribe());
}
